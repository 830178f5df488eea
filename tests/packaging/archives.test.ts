/**
 * The release's archives: readable by the system's `tar` and `unzip` (names, mode 0755, the fixed time, the
 * bytes), identical bytes from identical input, and the SHA256SUMS text in `sha256sum`'s format.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXED_MTIME, tarGz, zip } from "../../packaging/archives";
import { parseSha256Sums, sha256Hex, sha256Sums } from "../../packaging/checksums";

/** Not very compressible, odd length: exercises padding and deflate. */
const DATA = Buffer.from(Array.from({ length: 70_001 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff));

describe("release: archives and checksums", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "archives-test-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("tar.gz: tar lists one executable at the root, owned by 0/0, dated 2000-01-01, and extracts the same bytes", () => {
        const file = join(dir, "a.tar.gz");
        writeFileSync(file, tarGz([{ name: "pulumi-resource-x", data: DATA }]));
        const listing = execFileSync("tar", ["tvzf", file, "--numeric-owner"], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
        assert.match(listing, /^-rwxr-xr-x 0\/0 +70001 2000-01-01 00:00 pulumi-resource-x\n$/);
        execFileSync("tar", ["xzf", file, "-C", dir]);
        assert.deepEqual(readFileSync(join(dir, "pulumi-resource-x")), DATA);
        assert.equal(statSync(join(dir, "pulumi-resource-x")).mode & 0o777, 0o755);
        assert.equal(statSync(join(dir, "pulumi-resource-x")).mtime.getTime(), FIXED_MTIME.getTime());
    });

    it("zip: unzip tests it, sees a Unix 0755 file, and extracts the same bytes", () => {
        const file = join(dir, "a.zip");
        writeFileSync(file, zip([{ name: "terraform-provider-x_v1.0.0", data: DATA }]));
        assert.match(execFileSync("unzip", ["-t", file], { encoding: "utf8" }), /No errors detected/);
        assert.match(execFileSync("unzip", ["-Z", file], { encoding: "utf8" }), /-rwxr-xr-x .* unx +70001 .* terraform-provider-x_v1\.0\.0/);
        execFileSync("unzip", ["-q", file, "-d", dir]);
        assert.deepEqual(readFileSync(join(dir, "terraform-provider-x_v1.0.0")), DATA);
        assert.equal(statSync(join(dir, "terraform-provider-x_v1.0.0")).mode & 0o777, 0o755);
    });

    it("the same input gives the same bytes, another input other bytes", () => {
        const entry = [{ name: "x", data: DATA }];
        assert.deepEqual(tarGz(entry), tarGz([{ name: "x", data: Buffer.from(DATA) }]));
        assert.deepEqual(zip(entry), zip([{ name: "x", data: Buffer.from(DATA) }]));
        const other = [{ name: "x", data: Buffer.concat([DATA, Buffer.from([1])]) }];
        assert.notDeepEqual(tarGz(entry), tarGz(other));
        assert.notDeepEqual(zip(entry), zip(other));
    });

    it("a name with a folder or control characters is refused, naming it", () => {
        assert.throws(() => zip([{ name: "a/b", data: DATA }]), /archive entry name "a\/b"/);
        assert.throws(() => tarGz([{ name: "a\nb", data: DATA }]), /archive entry name "a\\nb"/);
    });

    it("SHA256SUMS: sha256sum's format, sorted by name, checked by sha256sum -c", () => {
        const files = [
            { name: "b.zip", data: Buffer.from("bee") },
            { name: "a_manifest.json", data: Buffer.from("{}\n") },
        ];
        const text = sha256Sums(files);
        assert.equal(text, `${sha256Hex("{}\n")}  a_manifest.json\n${sha256Hex("bee")}  b.zip\n`);
        for (const f of files) writeFileSync(join(dir, f.name), f.data);
        writeFileSync(join(dir, "SUMS"), text);
        assert.match(execFileSync("sha256sum", ["-c", "SUMS"], { cwd: dir, encoding: "utf8" }), /a_manifest.json: OK\nb.zip: OK/);
        assert.deepEqual([...parseSha256Sums(text).keys()], ["a_manifest.json", "b.zip"]);
        assert.throws(() => sha256Sums([...files, files[0] as (typeof files)[number]]), /"b.zip" is listed twice/);
        assert.throws(() => parseSha256Sums("abc  x\n"), /not a "<sha256> {2}<name>" line/);
    });
});
