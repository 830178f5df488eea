/**
 * The zip reader and the provider hashes, judged by independent tools: zips written by Python's zipfile (stored
 * and deflated) and by this package's writer read back to the same bytes; the `h1:` hash equal to Go's dirhash
 * Hash1 computed from what `unzip` extracts and `sha256sum` hashes; every malformed zip refused with a message
 * naming what is wrong.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zip } from "../../packaging/archives";
import { h1Hash, providerZipHashes, zipHash } from "../../packaging/provider-hashes";
import { zipEntries } from "../../packaging/zip-entries";

/** Not very compressible, odd length. */
const DATA = Buffer.from(Array.from({ length: 50_001 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff));

/** A zip written by Python's zipfile: `b` stored, `a` deflated, in that order. */
function pythonZip(file: string): void {
    const script = [
        "import sys, zipfile",
        "with zipfile.ZipFile(sys.argv[1], 'w') as z:",
        "    z.writestr(zipfile.ZipInfo('b-stored'), b'stored bytes', compress_type=zipfile.ZIP_STORED)",
        "    z.writestr(zipfile.ZipInfo('a-deflated'), bytes(range(256)) * 100, compress_type=zipfile.ZIP_DEFLATED)",
    ].join("\n");
    execFileSync("python3", ["-c", script, file]);
}

/** dirhash Hash1 from `unzip` and `sha256sum`: the summary lines, sorted by name, hashed, base64. */
function h1ByTools(zipFile: string, dir: string): string {
    execFileSync("unzip", ["-q", zipFile, "-d", dir]);
    const names = readdirSync(dir).sort();
    const lines = execFileSync("sha256sum", names, { cwd: dir, encoding: "utf8" });
    return `h1:${createHash("sha256").update(lines).digest("base64")}`;
}

describe("release: the zip reader and the provider hashes (h1:, zh:)", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "zip-entries-test-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("reads a zip Python's zipfile wrote (stored and deflated) to the bytes unzip extracts", () => {
        const file = join(dir, "py.zip");
        pythonZip(file);
        const entries = zipEntries(readFileSync(file));
        assert.deepEqual(
            entries.map((e) => e.name),
            ["b-stored", "a-deflated"],
        );
        const out = join(dir, "out");
        execFileSync("unzip", ["-q", file, "-d", out]);
        for (const entry of entries) assert.deepEqual(entry.data, readFileSync(join(out, entry.name)), entry.name);
    });

    it("reads the release's own zips back to their entries", () => {
        const entries = [
            { name: "terraform-provider-x_v1.0.0", data: DATA },
            { name: "README", data: Buffer.from("x\n") },
        ];
        assert.deepEqual(zipEntries(zip(entries)), entries);
    });

    it("h1: equals dirhash Hash1 of what unzip extracts (names sorted, not in zip order); zh: is the zip's sha256", () => {
        const file = join(dir, "py.zip");
        pythonZip(file);
        const bytes = readFileSync(file);
        const expected = h1ByTools(file, join(dir, "out"));
        assert.equal(h1Hash(zipEntries(bytes)), expected);
        assert.deepEqual(providerZipHashes(bytes), [expected, zipHash(bytes)]);
        assert.equal(zipHash(bytes), `zh:${execFileSync("sha256sum", [file], { encoding: "utf8" }).slice(0, 64)}`);
        assert.throws(() => h1Hash([{ name: "a\nb", data: DATA }]), /h1 hash: the file name "a\\nb" holds a newline/);
    });

    it("refuses what is not a zip, truncated, with a changed byte, too many entries, duplicates or Zip64, naming the problem", () => {
        const good = zip([{ name: "exe", data: DATA }]);
        assert.throws(() => zipEntries(Buffer.from("not a zip at all, but long enough")), /zip: no end of central directory record/);
        assert.throws(() => zipEntries(Buffer.alloc(4)), /zip: 4 bytes is too short for a zip/);
        assert.throws(() => zipEntries(good.subarray(0, good.length - 30)), /zip: no end of central directory record/);
        assert.throws(() => zipEntries(good.subarray(100)), /zip: .*(runs past|wrong signature|overlaps)/);
        const changed = Buffer.from(good);
        changed[40] = (changed[40] as number) ^ 0xff; // inside the deflated data
        assert.throws(() => zipEntries(changed), /zip: "exe" (does not inflate|does not match its CRC-32|holds \d+ bytes)/);
        const many = zip(Array.from({ length: 3 }, (_, i) => ({ name: `f${i}`, data: Buffer.from([i]) })));
        assert.throws(() => zipEntries(many, { maxEntries: 2, maxTotalBytes: 1 << 20 }), /zip: 3 entries; at most 2 are read/);
        assert.throws(() => zipEntries(good, { maxEntries: 2, maxTotalBytes: 1000 }), /zip: more than 1000 bytes uncompressed/);
        const twice = zip([
            { name: "a", data: Buffer.from("1") },
            { name: "b", data: Buffer.from("2") },
        ]);
        // Rename "b" to "a" in the central directory (its last record): the same name twice.
        const renamed = Buffer.from(twice);
        let at = renamed.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
        assert.equal(renamed[at + 46], "b".charCodeAt(0));
        renamed[at + 46] = "a".charCodeAt(0);
        assert.throws(() => zipEntries(renamed), /zip: "a" is listed twice/);
        const zip64 = Buffer.from(good);
        at = zip64.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
        zip64.writeUInt32LE(0xffffffff, at + 16);
        assert.throws(() => zipEntries(zip64), /zip: Zip64 is not supported/);
    });
});
