/**
 * Go programs built on demand into the engine's cache (not by `npm run engine`): a folder named after a hash of
 * their sources (and of any other folder they compile, such as a generated SDK they `replace`) and of the Go
 * version, so that only a change of those compiles again.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { cacheRoot, shortHash } from "../toolchain/cache";

/** Every file under `dir`, by path relative to `root`, sorted, then its content. */
function sourceParts(dir: string, root: string): (string | Buffer)[] {
    return readdirSync(dir)
        .sort()
        .flatMap((name) => {
            const path = join(dir, name);
            return statSync(path).isDirectory() ? sourceParts(path, root) : [relative(root, path), readFileSync(path)];
        });
}

/** The build's flags (and `CGO_ENABLED=0`), part of the cache folder's name. */
const BUILD_FLAGS = ["-mod=readonly", "-trimpath"];

/** What {@link cachedGoBuild} builds. */
export interface CachedGoProgram {
    /** The module's folder (its go.mod and the main package). */
    moduleDir: string;
    /** The executable's name, and the cache folder's. */
    name: string;
    /** Other folders whose files the build compiles (a `replace`d module). */
    alsoCompiles?: readonly string[];
}

/**
 * The path of the built program, building it first (`go build -mod=readonly`, no cgo) when the cache has none for
 * these sources: into a temporary name, then renamed, so that two builds at once never see half a binary. Returns
 * how long the build took, 0 when it was cached.
 */
export function cachedGoBuild(program: CachedGoProgram): { path: string; buildMs: number } {
    const goVersion = execFileSync("go", ["version"], { encoding: "utf8" }).trim();
    const sources = [program.moduleDir, ...(program.alsoCompiles ?? [])].flatMap((dir) => [dir, ...sourceParts(dir, dir)]);
    const dir = join(cacheRoot(), program.name, shortHash([goVersion, JSON.stringify(BUILD_FLAGS), ...sources]));
    const path = join(dir, program.name);
    if (existsSync(path)) return { path, buildMs: 0 };
    mkdirSync(dir, { recursive: true });
    const scratch = mkdtempSync(join(dir, "build-"));
    const started = Date.now();
    try {
        execFileSync("go", ["build", ...BUILD_FLAGS, "-o", join(scratch, program.name), "."], {
            cwd: program.moduleDir,
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, CGO_ENABLED: "0" },
        });
        renameSync(join(scratch, program.name), path);
    } catch (error) {
        const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
        throw new Error(`go build of ${program.moduleDir} failed: ${stderr || String(error)}`, { cause: error });
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
    return { path, buildMs: Date.now() - started };
}
