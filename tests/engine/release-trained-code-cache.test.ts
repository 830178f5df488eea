/**
 * The linux-x64 executable's trained code caches (`npm run release -- --startup trained-code-cache`, one per side):
 * two trainings, from two different folders, give the same caches and the same blob; the executable made from it
 * reads each side's cache without V8 refusing it (its loader warns on stderr when V8 does) and starts both sides,
 * and answers `--version`; made with caches V8 refuses (their version hash changed, as another Node.js's would
 * be), it warns and still starts, its code compiled as it runs.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundle } from "../../packaging/bundle";
import { ensureNodeBinaries, NODE_VERSION } from "../../packaging/node-binaries";
import { BUILD_PLATFORM_ID, selectPlatforms } from "../../packaging/platforms";
import { injectBlob, REPRODUCIBLE_BLOB_FLAGS, seaBlob } from "../../packaging/sea-executable";
import { trainCodeCaches, trainingScripts } from "../../packaging/trained-code-cache";
import { TRAINED_SIDES } from "../../packaging/bundle-wrapper";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../provider/terraform/handshake";
import { firstLine } from "../support/first-line";
import { runFile } from "../support/run-file";

const LINUX_X64 = selectPlatforms([BUILD_PLATFORM_ID])[0] as ReturnType<typeof selectPlatforms>[number];
const VERSION = "0.0.0-test";
const REJECTED = /Warning: V8 rejected the executable's code cache: its code is compiled as it runs/;

describe("release: the linux-x64 executable's trained code cache", function () {
    this.timeout(300_000);
    const dirs: string[] = [];
    const folder = () => {
        const dir = mkdtempSync(join(tmpdir(), "release-trained-cache-test-"));
        dirs.push(dir);
        return dir;
    };
    after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    /** The executable's handshake line and its Pulumi port line, with what it printed on stderr by then. */
    async function startBothSides(exe: string): Promise<{ handshake: string; port: string; stderr: string }> {
        const env = { PATH: process.env.PATH ?? "", HOME: tmpdir() };
        const handshake = await firstLine([exe], { ...env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6" }, 60_000);
        rmSync(join(handshake.line.split("|")[3] as string, ".."), { recursive: true, force: true });
        const port = await firstLine([exe], env, 60_000);
        return { handshake: handshake.line, port: port.line, stderr: handshake.stderr + port.stderr };
    }

    it("two trainings from different folders give the same caches and blob; the executable accepts each side's cache, starts both sides, answers --version; with refused caches it warns and still starts", async () => {
        const node = (await ensureNodeBinaries([LINUX_X64], () => undefined)).get(BUILD_PLATFORM_ID) as string;
        const built = await bundle(VERSION, NODE_VERSION);
        const training = await trainingScripts(NODE_VERSION);
        const trainings = [folder(), folder()].map((dir) => ({
            dir,
            caches: trainCodeCaches(node, REPRODUCIBLE_BLOB_FLAGS, training.training, built.text, dir),
        }));
        const [first, second] = trainings as [(typeof trainings)[0], (typeof trainings)[0]];
        for (const side of TRAINED_SIDES) {
            assert.ok(first.caches[side].length > 100_000, `${side}: a cache of ${first.caches[side].length} bytes`);
            assert.ok(first.caches[side].equals(second.caches[side]), `${side}: the two trainings' caches differ`);
        }
        const blobs = trainings.map(({ dir, caches }) => seaBlob(node, built, dir, { startup: "trained-code-cache", loader: training.loader, caches }));
        assert.ok((blobs[0] as Buffer).equals(blobs[1] as Buffer), "the two blobs differ");

        const exe = join(first.dir, "exe");
        await injectBlob(node, blobs[0] as Buffer, LINUX_X64, exe);
        const started = await startBothSides(exe);
        assert.match(started.handshake, /^1\|6\|unix\|\/\S+\|grpc\|$/);
        assert.match(started.port, /^\d{2,5}$/);
        assert.equal(started.stderr, "", "the loader warned: V8 refused a cache");
        const version = await runFile(exe, ["--version"], first.dir, { PATH: process.env.PATH ?? "" }, 20_000);
        assert.deepEqual({ code: version.code, stdout: version.stdout, stderr: version.stderr }, { code: 0, stdout: `${VERSION}\n`, stderr: "" });

        // V8's code cache header: magic number, then the version hash (another V8's cache is refused for it).
        const refuse = (cache: Buffer) => {
            const refused = Buffer.from(cache);
            refused.writeUInt8(refused.readUInt8(4) ^ 1, 4);
            return refused;
        };
        const refusedDir = folder();
        const refusedExe = join(refusedDir, "exe");
        const refusedCaches = { terraform: refuse(first.caches.terraform), pulumi: refuse(first.caches.pulumi) };
        await injectBlob(
            node,
            seaBlob(node, built, refusedDir, { startup: "trained-code-cache", loader: training.loader, caches: refusedCaches }),
            LINUX_X64,
            refusedExe,
        );
        const slower = await startBothSides(refusedExe);
        assert.match(slower.handshake, /^1\|6\|unix\|\/\S+\|grpc\|$/);
        assert.match(slower.port, /^\d{2,5}$/);
        assert.equal(slower.stderr.match(new RegExp(REJECTED.source, "g"))?.length, 2, slower.stderr);
    });
});
