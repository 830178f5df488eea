/**
 * The release's win-x64 executable. Its structure: a PE32+ image for
 * AMD64, a console program (so the CLIs read its handshake line on stdout), the fuse flipped, no certificate
 * table entry left from node.exe's Authenticode signature (which pointed at bytes postject had moved), and the
 * single-executable blob where Node.js looks for it on Windows (`FindResource`: type RT_RCDATA, name
 * NODE_SEA_BLOB): the same bytes as the blob in the darwin executables' NODE_SEA segment. And run: Debian
 * bookworm's wine 8.0 stops Node.js 26 at start ("Fatal process out of memory: SegmentedTable::InitializeTable"),
 * trixie's wine 10.0 runs it, in a trixie root that `.ci/wine-emulation` makes (chroot, so root). There the
 * executable prints go-plugin's Windows handshake line (`tcp|127.0.0.1:PORT`), serves a tfplugin6 read over
 * mutual TLS on that port, and Pulumi's port line and Invoke, against the emulator. Node.js under wine cannot
 * write to a Unix pipe (`open EBADF` making stdout), so its stdout goes to a file in the root that `tail -f`
 * passes on: the harness reads the lines as from a pipe.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { cacheRoot } from "../../toolchain/cache";
import { REPO_ROOT } from "../../packaging/paths";
import { pulumiExecutableName } from "../../packaging/release-names";
import { parseMachO } from "../../packaging/macho";
import { MACHO_SEGMENT, SEA_RESOURCE } from "../../packaging/sea-executable";
import { MACHINE_AMD64, parsePe, PE32_PLUS, RT_RCDATA, SUBSYSTEM_CONSOLE } from "../support/pe";
import { listingOutputsOf, verifications } from "../support/emulator-fixture";
import { FUNCTION_TOKEN, startProviderPlugin } from "../support/provider-plugin";
import { platformOf, unpackPulumiArchive, unpackTerraformZip } from "../support/release-executables";
import { startTerraformProvider } from "../support/terraform-provider";

/** The Debian trixie root with wine 10.0 that `.ci/wine-emulation` makes. */
const WINE_ROOT = join(cacheRoot(), "wine-trixie");
const WINE = "/usr/lib/wine/wine64";
const SET_UP = "set up wine first: sudo bash .ci/wine-emulation";
/** Node.js starts in a few seconds under wine; its first start in a prefix takes longer. */
const WINE_START_MS = 120_000;

/**
 * The command that runs `exe` (a path inside the root) under wine in the root, in `dir` (inside the root), its stdout
 * written to a file and passed on by `tail -f` until the executable ends; arguments follow.
 */
function underWine(dir: string, exe: string): string[] {
    const script = [
        `cd ${dir} || exit 1`,
        "export HOME=/root WINEPREFIX=/root/.wine WINEDEBUG=-all",
        ": > out",
        `${WINE} ${exe} "$@" > out 2> err &`,
        `exec tail -n +1 -f --pid=$! out`,
    ].join("\n");
    return ["chroot", WINE_ROOT, "/bin/sh", "-c", script, "sh"];
}

describe("release: the win-x64 executable: its structure, and run under wine", function () {
    this.timeout(300_000);
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

    describe("under wine 10.0 (Debian trixie), against the emulator", () => {
        const inRoot = `/root/release-test-${process.pid}`;
        let emulator: Emulator;
        const seeded = verifications(31);
        const expected = listingOutputsOf(seeded);

        before(async () => {
            if (!existsSync(join(WINE_ROOT, WINE))) throw new Error(`${join(WINE_ROOT, WINE)} is missing: ${SET_UP}`);
            if (!existsSync(join(WINE_ROOT, "proc", "self"))) throw new Error(`${WINE_ROOT}/proc is not mounted: ${SET_UP}`);
            mkdirSync(join(WINE_ROOT, inRoot));
            copyFileSync(join(root, "tar", pulumiExecutableName(platformOf("win-x64"))), join(WINE_ROOT, inRoot, "provider.exe"));
            emulator = await startEmulator({ verifications: seeded });
        });
        afterEach(() => {
            // Every wine process of the prefix ends (what the harness killed was tail).
            execFileSync("chroot", [WINE_ROOT, "env", "WINEPREFIX=/root/.wine", "/usr/lib/wine/wineserver64", "-k"], { stdio: "ignore" });
        });
        after(async () => {
            await emulator?.close();
            rmSync(join(WINE_ROOT, inRoot), { recursive: true, force: true });
        });

        it("prints go-plugin's Windows handshake line (tcp|127.0.0.1:PORT) and serves a tfplugin6 read over mutual TLS on that port", async () => {
            const client = await startTerraformProvider(
                REPO_ROOT,
                {},
                { command: underWine(inRoot, "./provider.exe"), cwd: root, handshakeTimeoutMs: WINE_START_MS },
            );
            try {
                assert.equal(client.handshake.network, "tcp", client.handshake.line);
                assert.match(client.handshake.address, /^127\.0\.0\.1:\d+$/);
                assert.notEqual(client.handshake.cert, "");
                const keys = { endpoint: emulator.url, access_key: emulator.account.accessKeyId, secret_key: emulator.account.accessKeySecret };
                assert.deepEqual(await client.configure(keys), []);
                const { state, diagnostics } = await client.read({ page_size: 10 });
                assert.deepEqual(diagnostics, []);
                assert.equal(state?.total_count, seeded.length);
                assert.deepEqual(
                    state?.verifications,
                    expected.verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
                );
            } finally {
                await client.close();
            }
        });

        it("prints Pulumi's port line and answers Invoke with every verification", async () => {
            const plugin = await startProviderPlugin({ projectDir: REPO_ROOT, command: underWine(inRoot, "./provider.exe"), startTimeoutMs: WINE_START_MS });
            try {
                await plugin.configureProvider(
                    { endpoint: emulator.url, accessKey: emulator.account.accessKeyId, secretKey: emulator.account.accessKeySecret },
                    ["accessKey", "secretKey"],
                );
                const result = await plugin.invoke(FUNCTION_TOKEN, { pageSize: 10 });
                assert.deepEqual(result.failures, []);
                assert.deepEqual(result.outputs, {
                    id: `${new URL(emulator.url).host}/ListMessageContactVerifications/*`,
                    totalCount: seeded.length,
                    verifications: expected.verifications,
                });
            } finally {
                await plugin.close();
            }
        });
    });
});
