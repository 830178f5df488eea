/** Start-up costs, each in fresh child processes: require() of the package, and the CLI's --version. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNode, runProbe } from "./child";
import { CLI_MAIN, PROBES } from "./paths";
import { Summary, summarize } from "./stats";

export interface RequireResult {
    /** require("@pulumi/pulumi") + require("@pulumi/pulumi/dynamic") in a fresh process, ms. */
    pulumi: Summary;
    /** require(dist/sdk/index.js) in a fresh process (it loads @pulumi/pulumi itself), ms. */
    pkg: Summary;
    /** median(pkg) - median(pulumi): what the package adds, estimated across processes (noisy). */
    addedMs: number;
    /**
     * What the package adds, measured inside each fresh process: require(dist/sdk/index.js) after
     * @pulumi/pulumi and its dynamic module are loaded, ms (the target's measure: far less noisy).
     */
    addedInProcess: Summary;
    /** Packages from node_modules that the package loads beyond those @pulumi/pulumi loads. */
    addedPackages: string[];
}

interface RequireProbe {
    ms: number;
    afterPulumiMs?: number;
    addedPackages?: string[];
}

/** Alternates the probe modes run by run, so that a slow spell of the machine hits every mode alike. */
export async function measureRequire(runs: number): Promise<RequireResult> {
    const probe = join(PROBES, "require-time.js");
    const pulumi: number[] = [];
    const pkg: number[] = [];
    const inProcess: number[] = [];
    let addedPackages: string[] = [];
    await runProbe<RequireProbe>([probe, "package"]); // warm the file-system cache
    for (let i = 0; i < runs; i++) {
        pulumi.push((await runProbe<RequireProbe>([probe, "pulumi"])).ms);
        pkg.push((await runProbe<RequireProbe>([probe, "package"])).ms);
        const after = await runProbe<RequireProbe>([probe, "package-after-pulumi"]);
        inProcess.push(after.afterPulumiMs ?? Number.NaN);
        addedPackages = after.addedPackages ?? [];
    }
    const p = summarize(pulumi);
    const k = summarize(pkg);
    return { pulumi: p, pkg: k, addedMs: k.median - p.median, addedInProcess: summarize(inProcess), addedPackages };
}

export interface CliResult {
    /** Wall time of `node dist/cli/main.js --version`, spawn to exit, ms. */
    versionMs: Summary;
    /** The version it printed. */
    version: string;
    /** For each command checked: modules loaded, and any of them under node_modules/@pulumi/. */
    checks: { command: string; modules: number; pulumiModules: string[]; exitCode: number | null }[];
}

/** Which modules a CLI command loads (require.cache at exit, through a preload). */
async function loadedModules(args: readonly string[]): Promise<CliResult["checks"][number]> {
    const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
    const out = join(dir, "modules.json");
    try {
        const run = await runNode(["-r", join(PROBES, "loaded-modules.js"), CLI_MAIN, ...args], { BENCH_MODULES_OUT: out });
        const modules = JSON.parse(readFileSync(out, "utf8")) as string[];
        return {
            command: args.join(" "),
            modules: modules.length,
            pulumiModules: modules.filter((m) => m.includes("node_modules/@pulumi/")),
            exitCode: run.code,
        };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

export async function measureCli(runs: number): Promise<CliResult> {
    const first = await runNode([CLI_MAIN, "--version"]);
    if (first.code !== 0) throw new Error(`--version failed (exit ${String(first.code)}): ${first.stderr}`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await runNode([CLI_MAIN, "--version"])).wallMs);
    const checks = [];
    // --version and --help, and a real listing (the bundled demo emulator, JSON output) for the listing path.
    for (const args of [["--version"], ["--help"], ["--emulator", "--output", "json"]]) checks.push(await loadedModules(args));
    return { versionMs: summarize(times), version: first.stdout.trim(), checks };
}
