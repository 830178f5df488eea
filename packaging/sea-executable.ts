/**
 * A single executable: the preparation blob (`node --experimental-sea-config`, run by the build platform's `node`
 * of the same version as every target's), injected with postject into a copy of the target's `node` under the
 * sentinel fuse (and the `NODE_SEA` segment on Mach-O), as Node.js's single-executable-applications guide does.
 * A code cache is V8's, valid only on the platform that made it: {@link SeaOptions.useCodeCache} is for the build
 * platform alone. V8 writes a different code cache at each run unless its random seed is fixed (the hash seed
 * changes it too, but a fixed hash seed is part of V8's flag hash and the executable would reject the cache), so
 * the blob is written with `--random-seed` fixed (the executable itself runs with V8's usual random seeds), from
 * a relative path (the script's path is in the cache too).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Platform } from "./platforms";

/** The fuse Node.js looks for to know a blob was injected. */
export const SEA_SENTINEL_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
/** The resource's name. */
export const SEA_RESOURCE = "NODE_SEA_BLOB";
/** The Mach-O segment Node.js reads the resource from. */
export const MACHO_SEGMENT = "NODE_SEA";

/** The bundle's name in the build folder (it is also the script's name in stack traces). */
export const SEA_MAIN = "main.js";

/** The V8 flag that makes the code cache the same at every build; it does not change the executable's flags. */
export const REPRODUCIBLE_BLOB_FLAGS = ["--random-seed=1"] as const;

/** The blob's options. */
export interface SeaOptions {
    /** Compile the bundle ahead and ship V8's code cache (valid on the build platform only). */
    useCodeCache: boolean;
}

/** The `--experimental-sea-config` file's contents. */
export function seaConfig(main: string, output: string, options: SeaOptions): string {
    return `${JSON.stringify({ main, output, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: options.useCodeCache }, null, 2)}\n`;
}

/**
 * Writes the blob of the bundle with the build platform's `node`; returns its bytes. The script's path goes into
 * the code cache, so the bundle is written under one fixed name and named relative to the folder the build runs
 * in: the same bundle gives the same blob wherever `workDir` is.
 */
export function seaBlob(buildNode: string, bundleText: string, workDir: string, options: SeaOptions): Buffer {
    const name = options.useCodeCache ? "code-cache" : "plain";
    const config = `sea-config-${name}.json`;
    const output = `sea-${name}.blob`;
    writeFileSync(join(workDir, SEA_MAIN), bundleText);
    writeFileSync(join(workDir, config), seaConfig(SEA_MAIN, output, options));
    const result = spawnSync(buildNode, [...REPRODUCIBLE_BLOB_FLAGS, "--experimental-sea-config", config], { cwd: workDir, encoding: "utf8" });
    if (result.status !== 0)
        throw new Error(`node --experimental-sea-config failed (${String(result.status)}): ${(result.stderr || String(result.error)).slice(-2000)}`);
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
