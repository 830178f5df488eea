/**
 * `npm run bench:release`: the release's linux-x64 single executable (`npm run release` first), measured by
 * measure-release-executable.ts: start-up to the handshake and port lines against a bare `node -e 0` of the same
 * Node.js and of the bench's own (a user's `node`, which the npm package's provider runs on), with V8's code cache
 * trained on a plan's calls (as released), with Node.js's own code cache (top-level functions only), with a V8
 * startup snapshot instead, and with neither, and RSS after a listing of `BENCH_RELEASE_ITEMS` (default 50,000)
 * verifications. Prints a table; writes nothing (bench/RESULTS.md is `npm run bench`'s).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contender, measureListingMemory, measureStartup, terraformStartEnv } from "./measure-release-executable";
import { NODE, PLUGIN_MAIN, REPO_ROOT } from "./paths";

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The linux-x64 Pulumi archive in `dir` (the executable is the same file as in the zip). */
function linuxArchive(dir: string): string {
    const name = readdirSync(dir).find((f) => /^pulumi-resource-.*-linux-amd64\.tar\.gz$/.test(f));
    if (!name) throw new Error(`no linux-amd64 archive in ${dir}: run npm run release first`);
    return join(dir, name);
}

/** Extracts the archive's executable into `dir`; returns its path. */
function extract(archive: string, dir: string): string {
    execFileSync("tar", ["xzf", archive, "-C", dir]);
    const [name] = readdirSync(dir);
    return join(dir, name as string);
}

/** The `node` the executables are made of, as the packaging code names it. */
function releaseNode(): string {
    const script = 'const p = require("./packaging/platforms"); process.stdout.write(require("./packaging/node-binaries").nodeBinaryPath(p.PLATFORMS[0]))';
    return execFileSync(NODE, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
}

async function main(): Promise<void> {
    const runs = Number(process.env.BENCH_RELEASE_RUNS ?? 21);
    const items = Number(process.env.BENCH_RELEASE_ITEMS ?? 50_000);
    const work = mkdtempSync(join(tmpdir(), "bench-release-"));
    try {
        const withCache = extract(linuxArchive(join(REPO_ROOT, "release")), mkdtempSync(join(work, "cache-")));
        /** The linux-x64 executable built with other start-up data. */
        const variant = (startup: "code-cache" | "snapshot" | "none"): string => {
            log(`== building linux-x64 with start-up data ${startup} (npm run release -- --platform linux-x64 --startup ${startup})`);
            const out = join(work, `${startup}-release`);
            const built = spawnSync("npm", ["run", "release", "--silent", "--", "--platform", "linux-x64", "--startup", startup, "--out", out], {
                cwd: REPO_ROOT,
                stdio: ["ignore", "ignore", "pipe"],
                encoding: "utf8",
            });
            if (built.status !== 0) throw new Error(`npm run release --startup ${startup} failed: ${built.stderr.slice(-1000)}`);
            return extract(linuxArchive(out), mkdtempSync(join(work, `${startup}-`)));
        };
        const nodeCache = variant("code-cache");
        const snapshot = variant("snapshot");
        const plain = variant("none");
        const node = releaseNode();
        const bare: Contender = {
            label: `bare node -e 0 (${node.includes("node-") ? "the release's Node.js" : node})`,
            file: node,
            args: ["-e", "0"],
            env: { ...process.env, NODE_OPTIONS: "" },
            until: "exit",
        };
        const systemBare: Contender = { ...bare, label: `bare node -e 0 (the bench's Node.js ${process.version})`, file: NODE };
        const tf = terraformStartEnv();
        const pulumiEnv = { ...process.env, NODE_OPTIONS: "" };
        log(`== start-up, ${runs} rounds`);
        const startup = await measureStartup(
            [
                bare,
                systemBare,
                { label: "executable, trained code cache (released): handshake line", file: withCache, args: [], env: tf, until: "line" },
                { label: "executable, Node.js's code cache: handshake line", file: nodeCache, args: [], env: tf, until: "line" },
                { label: "executable, startup snapshot: handshake line", file: snapshot, args: [], env: tf, until: "line" },
                { label: "executable, neither: handshake line", file: plain, args: [], env: tf, until: "line" },
                { label: "executable, trained code cache (released): Pulumi port line", file: withCache, args: ["127.0.0.1:1"], env: pulumiEnv, until: "line" },
                { label: "executable, Node.js's code cache: Pulumi port line", file: nodeCache, args: ["127.0.0.1:1"], env: pulumiEnv, until: "line" },
                { label: "executable, startup snapshot: Pulumi port line", file: snapshot, args: ["127.0.0.1:1"], env: pulumiEnv, until: "line" },
                { label: "executable, neither: Pulumi port line", file: plain, args: ["127.0.0.1:1"], env: pulumiEnv, until: "line" },
            ],
            runs,
        );
        log(`== RSS after listing ${items} verifications`);
        const memory = await measureListingMemory(withCache, ["127.0.0.1:1"], items);
        const npmMemory = await measureListingMemory(NODE, [PLUGIN_MAIN, "127.0.0.1:1"], items);
        const systemMedian = startup.summaries[1]?.ms.median ?? NaN;
        const rows = startup.summaries.map(
            (s) =>
                `| ${s.label} | ${s.ms.median.toFixed(1)} | ${s.ms.q1.toFixed(1)}–${s.ms.q3.toFixed(1)} | ${s.ratioToBare.toFixed(2)}x | ${(s.ms.median / systemMedian).toFixed(2)}x |`,
        );
        const mem = (label: string, m: typeof memory) =>
            `| ${label} | ${m.afterStart.rssMb.toFixed(1)} | ${m.afterListing.rssMb.toFixed(1)} | ${m.afterListing.peakMb.toFixed(1)} | ${(m.listingMs / 1000).toFixed(2)} |`;
        process.stdout.write(
            [
                `## Release executable (linux-x64), ${runs} rounds, ${new Date().toISOString()}`,
                "",
                "| start | median ms | IQR ms | ratio to bare (same Node.js) | ratio to bare (bench's Node.js) |",
                "| --- | --- | --- | --- | --- |",
                ...rows,
                "",
                `## RSS, MB, listing ${items} verifications (Invoke, page size 100, emulator at 0 ms latency)`,
                "",
                "| plugin | after start | after listing | peak | listing s |",
                "| --- | --- | --- | --- | --- |",
                mem("release executable", memory),
                mem(`npm package's plugin under ${process.version}`, npmMemory),
                "",
            ].join("\n"),
        );
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`bench:release: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
