/**
 * The linux-x64 executable's V8 startup snapshot (`npm run release -- --startup snapshot`): two builds of its blob,
 * from two different folders, give the same bytes (V8 put the builder's process id and the script's absolute path
 * in the snapshot's heap, and its checksum followed them, until the blob was built in private PID and mount
 * namespaces), and the executable made from it starts: the go-plugin handshake line under the magic cookie.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundle } from "../../packaging/bundle";
import { ensureNodeBinaries, NODE_VERSION } from "../../packaging/node-binaries";
import { BUILD_PLATFORM_ID, selectPlatforms } from "../../packaging/platforms";
import { injectBlob, seaBlob } from "../../packaging/sea-executable";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../provider/terraform/handshake";
import { firstLine } from "../support/first-line";

const LINUX_X64 = selectPlatforms([BUILD_PLATFORM_ID])[0] as ReturnType<typeof selectPlatforms>[number];

describe("release: the linux-x64 executable's V8 startup snapshot", function () {
    this.timeout(300_000);
    const dirs: string[] = [];
    after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    it("two builds of its blob, from different folders, give the same bytes, and the executable made from it prints the handshake line", async () => {
        const node = (await ensureNodeBinaries([LINUX_X64], () => undefined)).get(BUILD_PLATFORM_ID) as string;
        const built = await bundle("0.0.0-test", NODE_VERSION);
        const blobs = [0, 1].map(() => {
            const dir = mkdtempSync(join(tmpdir(), "release-snapshot-test-"));
            dirs.push(dir);
            return seaBlob(node, built, dir, { startup: "snapshot" });
        });
        const [first, second] = blobs as [Buffer, Buffer];
        const differing = [...first.keys()].filter((i) => first[i] !== second[i]);
        assert.equal(first.length, second.length);
        assert.deepEqual(differing.slice(0, 20), [], `the blobs differ in ${differing.length} bytes`);

        const exe = join(dirs[0] as string, "exe");
        await injectBlob(node, first, LINUX_X64, exe);
        const { line } = await firstLine([exe], { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6" });
        const fields = line.split("|");
        assert.deepEqual([fields[0], fields[1], fields[2], fields[4]], ["1", "6", "unix", "grpc"], line);
        rmSync(join(fields[3] as string, ".."), { recursive: true, force: true });
    });
});
