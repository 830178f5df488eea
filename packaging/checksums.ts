/**
 * The `SHA256SUMS` file of a Terraform release, in the format of `sha256sum` (and of HashiCorp's releases): one
 * line per file, `<hex digest>  <file name>`, sorted by name, so the same files always give the same text.
 */
import { createHash } from "node:crypto";

/** A file to list: its name in the release and its bytes. */
export interface SummedFile {
    name: string;
    data: Buffer;
}

/** The SHA-256 of `data`, in lowercase hex. */
export function sha256Hex(data: Buffer | string): string {
    return createHash("sha256").update(data).digest("hex");
}

/** The SHA256SUMS text over `files`, sorted by name; an error when two share a name. */
export function sha256Sums(files: readonly SummedFile[]): string {
    const names = files.map((f) => f.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) throw new Error(`SHA256SUMS: "${duplicate}" is listed twice`);
    return [...files]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((f) => `${sha256Hex(f.data)}  ${f.name}\n`)
        .join("");
}

/** The entries of a SHA256SUMS text, as name -> digest; an error naming the first line that is not `<64 hex>  <name>`. */
export function parseSha256Sums(text: string): Map<string, string> {
    const sums = new Map<string, string>();
    for (const line of text.split("\n").filter((l) => l !== "")) {
        const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
        if (!match) throw new Error(`SHA256SUMS: not a "<sha256>  <name>" line: ${JSON.stringify(line.slice(0, 120))}`);
        sums.set(match[2] as string, match[1] as string);
    }
    return sums;
}
