/**
 * The build cache of a release: per platform, a record of what its archives were built from (the bundle's
 * SHA-256, a trained code cache's loader and training, the Node.js version, the platform, its V8 start-up data, its code signing, this format) and each archive's
 * SHA-256. When the inputs are the same and the archives are still there unchanged, the platform is not built
 * again, so `.ci/run` can call `npm run release` cheaply the second time.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { sha256Hex } from "./checksums";
import type { StartupData } from "./sea-executable";

/** Bumped when the way an executable or archive is made changes, so older records no longer match. */
const FORMAT = 6;

/** What decides a platform's archives. */
export interface BuildInputs {
    bundleSha256: string;
    /** With a trained code cache: the SHA-256 of its loader and training scripts (`trained-code-cache.ts`). */
    trainingSha256?: string;
    nodeVersion: string;
    platform: string;
    startup: StartupData;
    /** How the executable is signed: `none`, or the signer's version and the signing's inputs (`macos-signing.ts`). */
    signing: string;
    version: string;
}

/** The cache key of the inputs. */
export function cacheKey(inputs: BuildInputs): string {
    return sha256Hex(JSON.stringify({ format: FORMAT, ...inputs }));
}

const RECORD = z.object({ key: z.string(), files: z.record(z.string(), z.string()) });

/** The record's path of a platform. */
function recordPath(cacheDir: string, platform: string): string {
    return join(cacheDir, `${platform}.json`);
}

/** Whether the platform's archives in `dir` were built from `key` and are unchanged since. */
export function isCached(cacheDir: string, dir: string, platform: string, key: string): boolean {
    const path = recordPath(cacheDir, platform);
    if (!existsSync(path)) return false;
    const parsed = RECORD.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.success || parsed.data.key !== key) return false;
    return Object.entries(parsed.data.files).every(([name, sha]) => existsSync(join(dir, name)) && sha256Hex(readFileSync(join(dir, name))) === sha);
}

/** Records that the platform's `files` (name -> bytes) were built from `key`. */
export function recordBuild(cacheDir: string, platform: string, key: string, files: ReadonlyMap<string, Buffer>): void {
    mkdirSync(cacheDir, { recursive: true });
    const record = { key, files: Object.fromEntries([...files].map(([name, data]) => [name, sha256Hex(data)])) };
    writeFileSync(recordPath(cacheDir, platform), `${JSON.stringify(record, null, 2)}\n`);
}
