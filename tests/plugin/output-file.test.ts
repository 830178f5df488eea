/**
 * The plugin's function's `outputFile` over gRPC, with the packed plugin started under umask 000: the result as
 * the engine receives it, in a 0600 file, no credential in it (not even one given as an argument), and a file it
 * cannot write answered as a failure at `outputFile` naming the path.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { SMALL_LISTING } from "../support/emulator-fixture";
import { FUNCTION_TOKEN, pluginExecutable, ProviderPlugin, startProviderPlugin } from "../support/provider-plugin";

describe("provider plugin: the function's outputFile", function () {
    this.timeout(60_000);
    let project: ConsumerProject;
    let emulator: Emulator;
    let plugin: ProviderPlugin;
    let dir: string;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        emulator = await startEmulator({ verifications: SMALL_LISTING, contacts: [] });
        plugin = await startProviderPlugin({
            projectDir: project.dir,
            command: ["/bin/sh", "-c", 'umask 000 && exec "$0" "$@"', pluginExecutable(project.dir)],
        });
        await plugin.configureProvider({ endpoint: emulator.url }, []);
    });
    after(async function () {
        this.timeout(30_000);
        await plugin?.close();
        await emulator?.close();
    });
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "i25-plugin-output-file-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const keys = () => ({ accessKeyId: emulator.account.accessKeyId, accessKeySecret: emulator.account.accessKeySecret });

    it("writes the result it answers to a 0600 file; the credential arguments are not in it", async () => {
        const path = join(dir, "pending.json");
        const result = await plugin.invoke(FUNCTION_TOKEN, { ...keys(), pageSize: 2, outputFile: path });
        assert.deepEqual(result.failures, []);
        assert.equal(result.outputs.totalCount, SMALL_LISTING.length);
        assert.equal(statSync(path).mode & 0o777, 0o600, "0600 though the plugin runs under umask 000");
        const text = readFileSync(path, "utf8");
        assert.deepEqual(JSON.parse(text), result.outputs);
        for (const secret of Object.values(keys())) assert.ok(!text.includes(secret), "no credential in the file");
        assert.deepEqual(readdirSync(dir), ["pending.json"], "no temporary file is left");
    });

    it("a folder it cannot write in is a failure at outputFile naming the path, and no result", async () => {
        for (const path of ["/sys/i25-pending.json", join(dir, "missing", "pending.json")]) {
            const result = await plugin.invoke(FUNCTION_TOKEN, { ...keys(), outputFile: path });
            assert.deepEqual(
                result.failures.map((f) => f.property),
                ["outputFile"],
            );
            assert.ok(result.failures[0]?.reason.startsWith(`argument outputFile: could not write the result to "${path}": `), result.failures[0]?.reason);
            assert.match(result.failures[0]?.reason ?? "", /\((EACCES|EROFS|ENOENT)\)/);
            assert.deepEqual(result.outputs, {});
        }
    });
});
