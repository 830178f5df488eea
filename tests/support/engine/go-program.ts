/**
 * The Go program of the engine tests (tests/engine/go-program: the generated Go SDK, sdks/go, driven by the
 * Automation API), built once into the cache under a name that hashes its sources, the SDK's and the Go version, so
 * that only a change of them compiles again (a cold build compiles the Pulumi SDK: minutes on two cores).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { cacheRoot, shortHash } from "../../../engine/pulumi-engine";
import { REPO_ROOT } from "../consumer-project";

/** The Go program's module. */
export const GO_PROGRAM_DIR = join(REPO_ROOT, "tests", "engine", "go-program");
/** The generated Go SDK's module, which the program's go.mod replaces its import with. */
export const GO_SDK_DIR = join(REPO_ROOT, "sdks", "go");

/** Every file under `dir`, by path relative to `root`, sorted, then its content. */
function sourceParts(dir: string, root: string): (string | Buffer)[] {
    return readdirSync(dir)
        .sort()
        .flatMap((name) => {
            const path = join(dir, name);
            return statSync(path).isDirectory() ? sourceParts(path, root) : [relative(root, path), readFileSync(path)];
        });
}

/**
 * The path of the built program, building it first when the cache has none for these sources (into a temporary
 * name, then renamed: two test runs at once never see half a binary). Returns how long the build took, 0 when cached.
 */
export function goProgramBinary(): { path: string; buildMs: number } {
    const goVersion = execFileSync("go", ["version"], { encoding: "utf8" }).trim();
    const hash = shortHash([goVersion, ...sourceParts(GO_PROGRAM_DIR, REPO_ROOT), ...sourceParts(GO_SDK_DIR, REPO_ROOT)]);
    const dir = join(cacheRoot(), "go-program", hash);
    const path = join(dir, "go-program");
    if (existsSync(path)) return { path, buildMs: 0 };
    mkdirSync(dir, { recursive: true });
    const scratch = mkdtempSync(join(dir, "build-"));
    const started = Date.now();
    try {
        execFileSync("go", ["build", "-mod=readonly", "-o", join(scratch, "go-program"), "."], {
            cwd: GO_PROGRAM_DIR,
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, CGO_ENABLED: "0" },
        });
        renameSync(join(scratch, "go-program"), path);
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
    return { path, buildMs: Date.now() - started };
}
