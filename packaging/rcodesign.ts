/**
 * `rcodesign`, the code signer for Apple platforms that runs on Linux (the crate `apple-codesign`), which signs the
 * darwin executables: built once by `cargo install` into the cache folder the engine's tools share
 * (`~/.cache/pulumi-alicloud-message-contacts/rcodesign-<version>-o1`), under a lock file so that two releases at
 * once build it once, and checked by its `--version` each time. Built at optimization level 1 ({@link CARGO_BUILD_ENV}):
 * 3.5 minutes on 2 cores against about 5.5 at cargo's default level 3, and the signatures it writes are the same bytes
 * (compared on the darwin-arm64 `node`, 150 MB, signed in about a second by either).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { withLock } from "../toolchain/build-lock";
import { runChild } from "../toolchain/progress";
import { cacheRoot } from "../toolchain/cache";

/** The crate that ships `rcodesign`. */
export const RCODESIGN_CRATE = "apple-codesign";
/** Its pinned version: the build's inputs are the crate's lock file at this version (`--locked`). */
export const RCODESIGN_VERSION = "0.29.0";

/**
 * Which build: the one that signs (the crate without its default features), or the one that also
 * notarizes (the crate's `notarize` feature, Apple's notary API and an S3 client; built only when a release
 * notarizes).
 */
export type RcodesignBuild = "sign" | "notarize";

/** Cargo's release profile for the build, by environment: optimization level 1, no debug information. */
export const CARGO_BUILD_ENV: Readonly<Record<string, string>> = { CARGO_PROFILE_RELEASE_OPT_LEVEL: "1", CARGO_PROFILE_RELEASE_DEBUG: "false" };

/**
 * The folder `cargo install --root` fills: `<cache>/rcodesign-<version>-o1` (`-notarize`), the executable in its
 * `bin/` (named by the optimization level, so that a build made otherwise is not taken for it).
 */
export function rcodesignRoot(build: RcodesignBuild = "sign"): string {
    return join(cacheRoot(), `rcodesign-${RCODESIGN_VERSION}-o${CARGO_BUILD_ENV.CARGO_PROFILE_RELEASE_OPT_LEVEL}${build === "notarize" ? "-notarize" : ""}`);
}

/** Where the executable is once built. */
export function rcodesignPath(build: RcodesignBuild = "sign"): string {
    return join(rcodesignRoot(build), "bin", "rcodesign");
}

/** Whether `executable` runs and reports the pinned version (`apple-codesign 0.29.0`). */
export function isPinnedRcodesign(executable: string): boolean {
    if (!existsSync(executable)) return false;
    const result = spawnSync(executable, ["--version"], { encoding: "utf8", timeout: 30_000 });
    return result.status === 0 && result.stdout.trim() === `apple-codesign ${RCODESIGN_VERSION}`;
}

/** The `cargo install` arguments: the pinned version, its lock file, no default features (but `notarize` for that build). */
export function cargoInstallArgs(root: string, build: RcodesignBuild = "sign"): string[] {
    const features = build === "notarize" ? ["--features", "notarize"] : [];
    return ["install", RCODESIGN_CRATE, "--version", RCODESIGN_VERSION, "--no-default-features", ...features, "--locked", "--root", root];
}

/**
 * The path of `rcodesign` at the pinned version, built first when missing (progress on stderr: cargo's lines, and
 * every 30 s a line saying it still builds). Another release building it at the same time is waited for.
 */
export async function ensureRcodesign(log: (line: string) => void, build: RcodesignBuild = "sign"): Promise<string> {
    const target = rcodesignPath(build);
    if (isPinnedRcodesign(target)) return target;
    const root = rcodesignRoot(build);
    mkdirSync(cacheRoot(), { recursive: true });
    return withLock(
        `${root}.lock`,
        `rcodesign ${RCODESIGN_VERSION}`,
        async () => {
            if (isPinnedRcodesign(target)) return target;
            const staging = `${root}.partial-${process.pid}`;
            rmSync(staging, { recursive: true, force: true });
            const started = Date.now();
            log(`building rcodesign ${RCODESIGN_VERSION} (cargo install ${RCODESIGN_CRATE}; 3.5 minutes on 2 cores, more on a busy machine) into ${root}`);
            const result = await runChild(`building rcodesign ${RCODESIGN_VERSION}`, "cargo", cargoInstallArgs(staging, build), {
                env: { ...process.env, ...CARGO_BUILD_ENV },
            });
            if (result.status !== 0) {
                rmSync(staging, { recursive: true, force: true });
                const why = result.error ? `could not run cargo: ${result.error.message}` : `cargo install exited ${String(result.status)}`;
                throw new Error(`rcodesign ${RCODESIGN_VERSION}: ${why} (it needs cargo and crates.io)`);
            }
            rmSync(root, { recursive: true, force: true });
            renameSync(staging, root);
            if (!isPinnedRcodesign(target)) throw new Error(`rcodesign ${RCODESIGN_VERSION}: ${target} does not report "apple-codesign ${RCODESIGN_VERSION}"`);
            log(`built rcodesign ${RCODESIGN_VERSION} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            return target;
        },
        { log },
    );
}
