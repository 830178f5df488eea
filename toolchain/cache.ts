/**
 * The cache folder every build tool of this repository keeps its products in (`npm run engine`'s CLIs, the
 * release's Node.js binaries and `rcodesign`, the Python environment), never in the repository, and the short
 * hashes that name what is kept there by what it was made of.
 */
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { join } from "node:path";

/** The first 12 hex digits of the SHA-256 of `parts`, each length-prefixed (so no two lists hash alike by concatenation). */
export function shortHash(parts: readonly (string | Buffer)[]): string {
    const hash = createHash("sha256");
    for (const part of parts) hash.update(`${Buffer.byteLength(part)}:`).update(part);
    return hash.digest("hex").slice(0, 12);
}

/** The cache root: `$XDG_CACHE_HOME` or `~/.cache`, then this project's folder. */
export function cacheRoot(): string {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
    return join(base, "pulumi-alicloud-message-contacts");
}
