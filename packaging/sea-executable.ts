/**
 * A single executable: the preparation blob (`node --experimental-sea-config`, run by the build platform's `node`
 * of the same version as every target's), injected with postject into a copy of the target's `node` under the
 * sentinel fuse (and the `NODE_SEA` segment on Mach-O), as Node.js's single-executable-applications guide does.
 * A V8 startup snapshot (the bundle's modules evaluated ahead, `sea-entry.ts`) or a code cache is V8's, valid only
 * on the platform that made it: {@link SeaOptions.startup} is for the build platform alone. V8 writes different
 * start-up data at each run unless its random seed is fixed (the hash seed changes it too, but a fixed hash seed
 * is part of V8's flag hash and the executable would reject the data), so the blob is written with
 * `--random-seed` fixed (the executable itself runs with V8's usual random seeds), from a relative path (the
 * script's path is in the data too). A startup snapshot's heap also holds the builder's process id (Node.js's own:
 * a snapshot of an empty script has it) and the script's absolute path, and V8's checksum over the heap follows
 * them: it is built in private PID and mount namespaces ({@link snapshotBuilder}), where the builder is process 1
 * and its folder is mounted at {@link SNAPSHOT_BUILD_DIR}, so that two builds give the same bytes.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Bundle } from "./bundle";
import { BUNDLE_ASSET, codeCacheAsset, TRAINED_SIDES, TrainedSide, wrappedSource } from "./bundle-wrapper";
import { Platform } from "./platforms";

/** The fuse Node.js looks for to know a blob was injected. */
export const SEA_SENTINEL_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
/** The resource's name. */
export const SEA_RESOURCE = "NODE_SEA_BLOB";
/** The Mach-O segment Node.js reads the resource from. */
export const MACHO_SEGMENT = "NODE_SEA";

/** The bundle's name in the build folder (it is also the script's name in stack traces). */
export const SEA_MAIN = "main.js";

/**
 * The V8 flag that makes the code cache the same at every build (it does not change the executable's flags), and
 * no warning text (which names the builder's process id) in a snapshot's heap.
 */
export const REPRODUCIBLE_BLOB_FLAGS = ["--random-seed=1", "--no-warnings"] as const;

/**
 * What V8 start-up data the blob carries (valid on the build platform only): V8's code cache of the compiled
 * bundle (Node.js's `useCodeCache`: the bundle compiled without running, so only its top-level functions), a
 * trained code cache (the bundle with a small loader as the blob's main, and V8's code cache made after a training
 * run of a plan's calls, so with every function they ran: `trained-code-cache.ts`), a startup snapshot of the
 * bundle's modules already evaluated (built in private namespaces, {@link snapshotBuilder}), or none. Each is
 * reproducible.
 */
export type StartupData = "code-cache" | "trained-code-cache" | "snapshot" | "none";

/** The start-up data choices. */
export const STARTUP_DATA: readonly StartupData[] = ["code-cache", "trained-code-cache", "snapshot", "none"];

/**
 * What a release ships unless told otherwise: the trained code cache, which two builds write alike, and with which
 * a plan's three starts took 268 ms of CPU instead of 294 with Node.js's own code cache (`sea-loader.ts`).
 */
export const DEFAULT_STARTUP_DATA: StartupData = "trained-code-cache";

/** The blob's options: its start-up data, and for a trained code cache, the loader and the cache (`trained-code-cache.ts`). */
export type SeaOptions =
    { startup: Exclude<StartupData, "trained-code-cache"> } | { startup: "trained-code-cache"; loader: string; caches: Record<TrainedSide, Buffer> };

/** The legal comments of the bundled code (`bundle.ts`), carried by every executable as an asset, and its file in the build folder. */
export const NOTICES_ASSET = "THIRD-PARTY-NOTICES.txt";
const NOTICES_FILE = "third-party-notices.txt";

/** A trained code cache's loader and each side's cache in the build folder. */
const LOADER_MAIN = "loader.js";
const WRAPPED_MAIN = "main.wrapped.js";
const cacheFile = (side: TrainedSide) => `main.${side}.cache`;

/**
 * The `--experimental-sea-config` file's contents: the bundle as the main; or, with a trained code cache, the
 * loader as the main and the bundle and its cache as assets (the paths relative to the build folder). The legal
 * notices are an asset of either. Pure.
 */
export function seaConfig(main: string, output: string, options: SeaOptions): string {
    const common = { output, disableExperimentalSEAWarning: true };
    const notices = { [NOTICES_ASSET]: NOTICES_FILE };
    const config =
        options.startup === "trained-code-cache"
            ? {
                  main: LOADER_MAIN,
                  ...common,
                  useSnapshot: false,
                  useCodeCache: false,
                  assets: {
                      [BUNDLE_ASSET]: WRAPPED_MAIN,
                      ...Object.fromEntries(TRAINED_SIDES.map((side) => [codeCacheAsset(side), cacheFile(side)])),
                      ...notices,
                  },
              }
            : { main, ...common, useSnapshot: options.startup === "snapshot", useCodeCache: options.startup === "code-cache", assets: notices };
    return `${JSON.stringify(config, null, 2)}\n`;
}

/** Where a startup snapshot's build folder is mounted while it is built: a folder every Linux system has. */
export const SNAPSHOT_BUILD_DIR = "/tmp";

/**
 * The command that builds a startup snapshot's blob reproducibly (Linux only): `unshare` (util-linux) makes a PID
 * namespace in which `node` is process 1 (the builder's process id is in the snapshot's heap) and a private mount
 * namespace in which `workDir` is bound at {@link SNAPSHOT_BUILD_DIR} (so is the script's absolute path), seen by
 * nothing else; without root, in a user namespace too. Pure.
 */
export function snapshotBuilder(buildNode: string, nodeArgs: readonly string[], workDir: string, asRoot: boolean): { command: string; args: string[] } {
    const script = `mount --bind "$1" ${SNAPSHOT_BUILD_DIR} && cd ${SNAPSHOT_BUILD_DIR} && shift && exec "$@"`;
    return {
        command: "unshare",
        args: [
            ...(asRoot ? [] : ["--user", "--map-root-user"]),
            "--pid",
            "--mount",
            "--propagation",
            "private",
            "--fork",
            "--kill-child",
            "sh",
            "-c",
            script,
            "sh",
            workDir,
            buildNode,
            ...nodeArgs,
        ],
    };
}

/**
 * Writes the blob of the bundle with the build platform's `node`; returns its bytes. The script's path goes into
 * the code cache, so the bundle is written under one fixed name and named relative to the folder the build runs
 * in: the same bundle gives the same blob wherever `workDir` is.
 */
export function seaBlob(buildNode: string, bundle: Pick<Bundle, "text" | "legalNotices">, workDir: string, options: SeaOptions): Buffer {
    const name = options.startup;
    const config = `sea-config-${name}.json`;
    const output = `sea-${name}.blob`;
    writeFileSync(join(workDir, SEA_MAIN), bundle.text);
    writeFileSync(join(workDir, NOTICES_FILE), bundle.legalNotices);
    if (options.startup === "trained-code-cache") {
        writeFileSync(join(workDir, WRAPPED_MAIN), wrappedSource(bundle.text));
        writeFileSync(join(workDir, LOADER_MAIN), options.loader);
        for (const side of TRAINED_SIDES) writeFileSync(join(workDir, cacheFile(side)), options.caches[side]);
    }
    writeFileSync(join(workDir, config), seaConfig(SEA_MAIN, output, options));
    const nodeArgs = [...REPRODUCIBLE_BLOB_FLAGS, "--experimental-sea-config", config];
    const { command, args } =
        options.startup === "snapshot" ? snapshotBuilder(buildNode, nodeArgs, workDir, process.getuid?.() === 0) : { command: buildNode, args: nodeArgs };
    const result = spawnSync(command, args, { cwd: workDir, encoding: "utf8" });
    if (result.status !== 0)
        throw new Error(
            `node --experimental-sea-config failed (${String(result.status)}): ${(result.stderr || String(result.error)).slice(-2000)}` +
                (options.startup === "snapshot"
                    ? " (a startup snapshot is built in private PID and mount namespaces: it needs unshare, from util-linux, and the right to make them)"
                    : ""),
        );
    return readFileSync(join(workDir, output));
}

/** postject's API (the package ships no types). */
interface Postject {
    inject(
        filename: string,
        resourceName: string,
        resourceData: Buffer,
        options: { sentinelFuse: string; machoSegmentName?: string; overwrite?: boolean },
    ): Promise<void>;
}

/** Copies the target's `node` to `output` and injects the blob; resolves with the executable's bytes. */
export async function injectBlob(targetNode: string, blob: Buffer, platform: Platform, output: string): Promise<Buffer> {
    writeFileSync(output, readFileSync(targetNode), { mode: 0o755 });
    const postject = require("postject") as Postject;
    // postject prints a LIEF warning about ELF notes on stderr; it is harmless ("Can't find string offset").
    await postject.inject(output, SEA_RESOURCE, blob, {
        sentinelFuse: SEA_SENTINEL_FUSE,
        ...(platform.format === "macho" ? { machoSegmentName: MACHO_SEGMENT } : {}),
    });
    return readFileSync(output);
}
