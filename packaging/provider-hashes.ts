/**
 * The two hashes Terraform and OpenTofu record for a provider package in `.terraform.lock.hcl` and accept from a
 * network mirror (their `internal/getproviders/hash.go`):
 *
 * - `zh:` ("zip hash", the legacy scheme): the SHA-256 of the distribution zip, in hex; what the registry's
 *   SHA256SUMS lists, and what a package installed from a registry is recorded with for every platform.
 * - `h1:`: Go's module hash (golang.org/x/mod/sumdb/dirhash `Hash1`) of the files in the zip: the SHA-256 of the
 *   lines `<sha256 hex of the file>  <name>\n`, sorted by name, base64; the same for the zip and for the folder it
 *   unpacks to, so the CLIs check an installed package against it.
 *
 * Pure: bytes in, hash strings out.
 */
import { createHash } from "node:crypto";
import { sha256Hex } from "./checksums";
import { zipEntries, ZipFileEntry } from "./zip-entries";

/** The `zh:` hash of a zip: `zh:<sha256 hex>`. */
export function zipHash(zip: Buffer): string {
    return `zh:${sha256Hex(zip)}`;
}

/** The `h1:` hash of files (dirhash Hash1); an error for a name holding a newline, which Hash1 refuses too. */
export function h1Hash(files: readonly ZipFileEntry[]): string {
    const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name, "utf8"), Buffer.from(b.name, "utf8")));
    const summary = createHash("sha256");
    for (const file of sorted) {
        if (file.name.includes("\n")) throw new Error(`h1 hash: the file name ${JSON.stringify(file.name.slice(0, 200))} holds a newline`);
        summary.update(`${sha256Hex(file.data)}  ${file.name}\n`);
    }
    return `h1:${summary.digest("base64")}`;
}

/** Both hashes of a provider zip, `h1:` first (as the CLIs' own `providers mirror` writes it), then `zh:`. */
export function providerZipHashes(zip: Buffer): [h1: string, zh: string] {
    return [h1Hash(zipEntries(zip)), zipHash(zip)];
}
