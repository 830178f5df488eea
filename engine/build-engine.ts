/**
 * `npm run engine`: builds what is missing of the Pulumi engine the engine tests run, and prints, as its last
 * line, the absolute path of the folder that holds `pulumi` and every plugin executable the tests put on PATH.
 *
 * - `pulumi`: the CLI's `main` package built from the Go module proxy at the version go.mod pins, with the
 *   release's flags. No package registry ships a Pulumi CLI binary, and `go install` of it fails on the
 *   `replace` lines of pkg/go.mod, so this folder is a tools module that requires pkg and sdk at the same
 *   version and copies pkg's non-relative `replace` line.
 * - the shims in `shims/`: plugins the CLI release bundles and no Go module ships (the dynamic-provider host,
 *   and a launcher for `runtime: nodejs` policy packs, which would otherwise need the Node.js language host).
 *
 * Idempotent: a warm run only checks the binary's version and the shims (about a second). Without Go it fails at
 * once saying what to install; nothing else in the repository needs Go.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
    ENGINE_MODULE_DIR,
    engineBinDir,
    pinnedPulumiVersion,
    PULUMI_CLI_PACKAGE,
    releaseBuildFlags,
    requiredGoVersion,
    SHIM_NAMES,
    SHIMS_DIR,
} from "./pulumi-engine";

/** A failure with a message for the person who ran `npm run engine`. */
class EngineBuildError extends Error {
    override readonly name = "EngineBuildError";
}

/** `1.26.8` -> [1, 26, 8]. */
function versionParts(version: string): number[] {
    return version.split(".").map((part) => Number.parseInt(part, 10) || 0);
}

/** Whether version `a` is at least `b` (dotted numbers). */
export function atLeast(a: string, b: string): boolean {
    const [pa, pb] = [versionParts(a), versionParts(b)];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const [x, y] = [pa[i] ?? 0, pb[i] ?? 0];
        if (x !== y) return x > y;
    }
    return true;
}

/** The Go on PATH (`go1.26.8` -> `1.26.8`), or an error saying what to install. */
function checkGo(): string {
    const required = requiredGoVersion();
    const advice =
        `npm run engine builds the Pulumi CLI from Go modules and needs Go ${required} or later on PATH ` +
        "(install Go, then run it again). Only the engine tests need it: `npm test` runs with Node.js alone.";
    let found: string;
    try {
        found = execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8", env: { ...process.env, GOTOOLCHAIN: "local" } }).trim();
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new EngineBuildError(code === "ENOENT" ? `Go was not found. ${advice}` : `\`go env GOVERSION\` failed (${String(error)}). ${advice}`);
    }
    const version = found.replace(/^go/, "").replace(/[^0-9.].*$/, "");
    if (!atLeast(version, required)) throw new EngineBuildError(`Go ${version} is too old. ${advice}`);
    return version;
}

/** The version a `pulumi` binary reports, or undefined when it does not run. */
function builtVersion(pulumi: string): string | undefined {
    if (!existsSync(pulumi)) return undefined;
    const result = spawnSync(pulumi, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Builds the CLI into `binDir/pulumi` (through a temporary name, so an interrupted build leaves nothing). */
function buildCli(binDir: string, version: string): void {
    const target = join(binDir, "pulumi");
    const partial = `${target}.partial-${process.pid}`;
    process.stderr.write(
        `building pulumi ${version} from the Go module proxy into ${binDir}\n` +
            "(a cold build downloads about 340 modules and compiles for several minutes; Go's caches make the next one fast)\n",
    );
    const started = Date.now();
    const result = spawnSync("go", ["build", "-o", partial, ...releaseBuildFlags(version), PULUMI_CLI_PACKAGE], {
        cwd: ENGINE_MODULE_DIR,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" },
    });
    if (result.status !== 0) {
        rmSync(partial, { force: true });
        throw new EngineBuildError(
            `go build of ${PULUMI_CLI_PACKAGE}@${version} failed (${result.error?.message ?? `exit ${String(result.status)}`}); see the output above`,
        );
    }
    renameSync(partial, target);
    process.stderr.write(`built pulumi ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Copies each shim into `binDir` when it differs, executable. */
function installShims(binDir: string): void {
    for (const name of SHIM_NAMES) {
        const source = readFileSync(join(SHIMS_DIR, name));
        const target = join(binDir, name);
        if (!existsSync(target) || !readFileSync(target).equals(source)) writeFileSync(target, source);
        chmodSync(target, 0o755);
    }
}

/** Builds what is missing and returns the bin folder. */
export function buildEngine(): string {
    checkGo();
    const version = pinnedPulumiVersion();
    const binDir = engineBinDir();
    mkdirSync(binDir, { recursive: true });
    if (builtVersion(join(binDir, "pulumi")) !== version) {
        buildCli(binDir, version);
        const built = builtVersion(join(binDir, "pulumi"));
        if (built !== version) throw new EngineBuildError(`the built pulumi reports version ${String(built)}, expected ${version}`);
    }
    installShims(binDir);
    return binDir;
}

if (require.main === module) {
    try {
        process.stdout.write(`${buildEngine()}\n`);
    } catch (error) {
        process.stderr.write(
            `${error instanceof EngineBuildError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        process.exit(1);
    }
}
