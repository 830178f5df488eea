/**
 * The release's win-x64 executable, which this machine cannot run (Debian's wine 8.0 stops Node.js 26 at start:
 * "Fatal process out of memory: SegmentedTable::InitializeTable"), checked as far as it can: a PE32+ image for
 * AMD64, a console program (so the CLIs read its handshake line on stdout), the fuse flipped, no certificate
 * table entry left from node.exe's Authenticode signature (which pointed at bytes postject had moved), and the
 * single-executable blob where Node.js looks for it on Windows (`FindResource`: type RT_RCDATA, name
 * NODE_SEA_BLOB): the same bytes as the blob in the darwin executables' NODE_SEA segment. What go-plugin does
 * on Windows, a loopback TCP listener, is tested on Linux by forcing it (tests/terraform/handshake.test.ts).
 */
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseMachO } from "../../packaging/macho";
import { MACHO_SEGMENT, SEA_RESOURCE } from "../../packaging/sea-executable";
import { MACHINE_AMD64, parsePe, PE32_PLUS, RT_RCDATA, SUBSYSTEM_CONSOLE } from "../support/pe";
import { platformOf, unpackPulumiArchive, unpackTerraformZip } from "../support/release-executables";

describe("release: the win-x64 executable's structure", function () {
    this.timeout(120_000);
    let root: string;
    let data: Buffer;

    before(() => {
        root = mkdtempSync(join(tmpdir(), "release-windows-"));
        for (const dir of ["tar", "zip", "darwin"]) mkdirSync(join(root, dir));
        const platform = platformOf("win-x64");
        const exe = unpackPulumiArchive(platform, join(root, "tar"));
        assert.match(exe, /\.exe$/);
        data = readFileSync(exe);
        assert.ok(data.equals(readFileSync(unpackTerraformZip(platform, join(root, "zip")))), "the tar.gz and the zip hold the same executable");
    });
    after(() => {
        if (root) rmSync(root, { recursive: true, force: true });
    });

    it("is a PE32+ console program for AMD64 with the fuse flipped, and no stale Authenticode entry (node.exe's signature, which no longer matches)", () => {
        const pe = parsePe(data);
        assert.equal(pe.machine, MACHINE_AMD64);
        assert.equal(pe.optionalMagic, PE32_PLUS);
        assert.equal(pe.subsystem, SUBSYSTEM_CONSOLE);
        assert.deepEqual(pe.certificateTable, { offset: 0, size: 0 });
        assert.ok(data.includes("NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1"), "the fuse is flipped");
        assert.ok(!data.includes("NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:0"));
    });

    it("holds the blob as the resource RT_RCDATA/NODE_SEA_BLOB, the same bytes as the darwin executables' NODE_SEA segment", () => {
        const pe = parsePe(data);
        const blobs = pe.resources.filter((r) => r.type === RT_RCDATA && r.name === SEA_RESOURCE);
        assert.equal(blobs.length, 1, JSON.stringify(pe.resources.map((r) => [r.type, r.name, r.language])));
        const resource = blobs[0] as (typeof blobs)[number];
        const blob = data.subarray(resource.offset, resource.offset + resource.size);
        const darwin = readFileSync(unpackPulumiArchive(platformOf("darwin-arm64"), join(root, "darwin")));
        const section = parseMachO(darwin)
            .segments.find((s) => s.name === MACHO_SEGMENT)
            ?.sections.find((s) => s.name === `__${SEA_RESOURCE}`.slice(0, 16));
        assert.ok(section, "the darwin-arm64 executable's blob section");
        assert.ok(blob.equals(darwin.subarray(section.offset, section.offset + section.size)), "the same blob");
    });
});
