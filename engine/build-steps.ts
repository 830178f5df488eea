/**
 * What every step of `npm run engine` is made of: progress lines on stderr, a child process that says every 30 s
 * that it still runs, a `go build` (or `go install`) that writes its executable under a temporary name and renames
 * it into place, and a step run under its lock file (`build-lock.ts`) only when it is still to do.
 */
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { withLock } from "../toolchain/build-lock";
import { progress, runChild, since } from "../toolchain/progress";

export { progress, runChild, since };

/** A failure with a message for the person who ran `npm run engine`. */
export class EngineBuildError extends Error {
    override readonly name = "EngineBuildError";
}

/** One `go build` of a `main` package into an executable. */
export interface GoBuild {
    /** What is built, for messages: `pulumi v3.274.1`. */
    label: string;
    /** The module folder to build in (its go.mod and go.sum decide every dependency). */
    moduleDir: string;
    /** The package: an import path or `./dir`. */
    pkg: string;
    /** Build flags (`-trimpath`, `-ldflags` ...). */
    flags: string[];
    /** The executable to write. */
    target: string;
}

/** One `go install PACKAGE@VERSION` (the module's own go.mod decides every dependency) into an executable. */
export interface GoInstall {
    /** What is built, for messages: `terraform v1.5.7`. */
    label: string;
    /** `import/path@vX.Y.Z`; its last path element names the executable `go install` writes. */
    pkgAtVersion: string;
    /** Build flags (`-trimpath`, `-ldflags` ...). */
    flags: string[];
    /** The executable to write. */
    target: string;
}

/** The environment of every Go command of the engine: no cgo, the Go on PATH, the module files as committed. */
function goEnv(): NodeJS.ProcessEnv {
    return { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" };
}

/** Runs `build` (through a temporary name, so an interrupted build leaves nothing), timing it on stderr. */
export async function goBuild(build: GoBuild): Promise<void> {
    const partial = `${build.target}.partial-${process.pid}`;
    const started = Date.now();
    const result = await runChild(`building ${build.label}`, "go", ["build", "-o", partial, ...build.flags, build.pkg], {
        cwd: build.moduleDir,
        env: goEnv(),
    });
    if (result.status !== 0) {
        rmSync(partial, { force: true });
        throw new EngineBuildError(
            `go build of ${build.label} (${build.pkg} in ${build.moduleDir}) failed (${result.error?.message ?? `exit ${String(result.status)}`}); see the output above`,
        );
    }
    renameSync(partial, build.target);
    progress(`built ${build.label} in ${since(started)}`);
}

/**
 * Runs `install` with `GOBIN` a temporary folder beside the target (removed afterwards, so an interrupted build
 * leaves nothing), renames what it wrote to the target, timing it on stderr.
 */
export async function goInstall(install: GoInstall): Promise<void> {
    const gobin = `${install.target}.partial-${process.pid}`;
    const started = Date.now();
    mkdirSync(gobin, { recursive: true });
    try {
        const result = await runChild(`building ${install.label}`, "go", ["install", ...install.flags, install.pkgAtVersion], {
            // Outside any module, so no go.mod or go.work of the caller's takes part.
            cwd: gobin,
            env: { ...goEnv(), GOBIN: gobin },
        });
        if (result.status !== 0) {
            throw new EngineBuildError(
                `go install of ${install.label} (${install.pkgAtVersion}) failed (${result.error?.message ?? `exit ${String(result.status)}`}); see the output above`,
            );
        }
        renameSync(join(gobin, basename(install.pkgAtVersion.replace(/@.*$/, ""))), install.target);
    } finally {
        rmSync(gobin, { recursive: true, force: true });
    }
    progress(`built ${install.label} in ${since(started)}`);
}

/** The lock file of the step that makes `name` in `binDir` (beside the bin folder, in the cache). */
export function stepLockPath(binDir: string, name: string): string {
    return join(dirname(binDir), `${name}.lock`);
}

/**
 * Runs `make` under the lock of `binDir`'s `name` when `ready()` says it is to do, checking again once the lock is
 * held (a build this one waited for may have made it). Says on stderr whether the step was up to date, or that it
 * starts and how long it took.
 */
export async function ensureStep(binDir: string, name: string, ready: () => boolean, make: () => Promise<void>): Promise<void> {
    const started = Date.now();
    if (ready()) return void progress(`${name}: up to date (checked in ${since(started)})`);
    progress(`${name}: not built yet (or its inputs changed): making it`);
    await withLock(stepLockPath(binDir, name), name, async () => {
        if (ready()) return void progress(`${name}: made by the build this one waited for (after ${since(started)})`);
        await make();
        progress(`${name}: done in ${since(started)}`);
    });
}
