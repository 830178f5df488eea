/**
 * A YAML program using the provider plugin, through the real engine and the YAML language host
 * (`pulumi-language-yaml`, built by `npm run engine`): examples/yaml/Pulumi.yaml as a user writes it, in a folder
 * whose node_modules holds the packed package (so `./node_modules/.bin` holds the plugin), configured with the
 * provider's own keys. Its function runs at preview, so the preview's stack outputs already equal the
 * emulator's data; `up` records the resource; the state holds no credential in plain text. And the README's
 * commands for the npm route, as the README has them (bash, in a copy of examples/yaml, the packed tarball for the
 * registry's package as the README says for an install from source, the emulator's keys for the placeholders and
 * its endpoint in the variable the plugin reads, PULUMI_SKIP_CONFIRMATIONS=true for `pulumi up` without a terminal).
 */
import { strict as assert } from "node:assert";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { exportedResources } from "../support/engine/engine-results";
import {
    credentialStrings,
    engine,
    engineProject,
    listingRequests,
    pluginExampleOutputs,
    pluginStackConfig,
    pulumiVersionsUnderTest,
} from "../support/engine/engine-fixture";
import { EngineWorkspace, previewStackOutputs } from "../support/engine/engine-workspace";
import { readmeBlock } from "../support/readme-blocks";
import { pulumiRouteEnv, runShellBlock, stackOutputsIn, systemWithNode } from "../support/readme-script";

const EXAMPLE = readFileSync(join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8");

for (const pulumiVersion of pulumiVersionsUnderTest()) {
    describe(`the real engine: a YAML program with the provider plugin (@pulumi/pulumi ${pulumiVersion} beside it)`, function () {
        let emulator: Emulator;
        let workspace: EngineWorkspace;
        const seeded = verifications(230);

        before(async function () {
            this.timeout(600_000);
            const project = await engineProject(pulumiVersion);
            emulator = await startEmulator({ verifications: seeded });
            workspace = new EngineWorkspace(project, engine(), {}, "yaml-program", EXAMPLE);
            // The example names ./node_modules/.bin: the user's folder, where npm installed the package.
            symlinkSync(join(project.dir, "node_modules"), join(workspace.dir, "node_modules"));
            await workspace.initStack(pluginStackConfig(emulator));
        });
        after(async () => {
            workspace?.remove();
            await emulator?.close();
        });

        it("preview: the function runs and the resource plans today's listing, so the stack outputs equal the emulator's data", async () => {
            const preview = await workspace.cli("preview");
            assert.equal(preview.code, 0, preview.stderr + preview.stdout);
            assert.deepEqual(previewStackOutputs(preview.stdout), pluginExampleOutputs(seeded));
        });

        it("up: the stack outputs equal the emulator's data exactly", async () => {
            emulator.resetRequests();
            const up = await workspace.cli("up");
            assert.equal(up.code, 0, up.stderr + up.stdout);
            assert.deepEqual(await workspace.stackOutputs(), pluginExampleOutputs(seeded));
            // The function lists once (3 pages); the resource's confirmed listing reads them twice.
            assert.equal(listingRequests(emulator), 9);
        });

        it("the state holds the provider's credentials only as ciphertext", async () => {
            const state = await workspace.exportStack();
            for (const secret of credentialStrings(emulator)) assert.ok(!state.includes(secret), "a credential is in the state in plain text");
            assert.match(state, /"secretKey":\s*\{\s*"4dabf18193072939515e22adb298388d"/);
        });

        it("refresh re-reads the listing into the resource's state, and its inputs (the listing Check recorded) stay as they were", async () => {
            const record = async () => {
                const found = exportedResources(await workspace.exportStack()).filter(
                    (r) => r.type === "alicloud-message-contacts:index:MessageContactVerifications",
                );
                assert.equal(found.length, 1);
                return found[0]!;
            };
            const before = await record();
            const changed = verifications(140);
            emulator.setVerifications(changed);
            try {
                const refresh = await workspace.cli("refresh");
                assert.equal(refresh.code, 0, refresh.stderr + refresh.stdout);
                const after = await record();
                assert.deepEqual(after.inputs, before.inputs, "the inputs as they came");
                assert.equal(after.outputs?.totalCount, changed.length);
                assert.deepEqual(after.outputs?.verifications, changed);
                assert.equal(after.outputs?.pageSize, 100);
            } finally {
                emulator.setVerifications(seeded);
            }
        });

        it("a bad setting fails, naming the provider's key and what it accepts", async () => {
            await workspace.setConfig("alicloud-message-contacts:maxAttempts", "99");
            try {
                const preview = await workspace.pulumi(["preview"]);
                assert.notEqual(preview.code, 0);
                assert.match(
                    preview.stdout + preview.stderr,
                    /alicloud-message-contacts:maxAttempts: an integer from 1 to 20|alicloud-message-contacts:maxAttempts.*1 to 20/,
                );
            } finally {
                await workspace.removeConfig("alicloud-message-contacts:maxAttempts");
            }
        });

        it("an error from the service is a diagnostic with its code and RequestId, and no secret or stack trace", async () => {
            const wrongSecret = "wrong-secret-0123456789";
            await workspace.setConfig("alicloud-message-contacts:secretKey", wrongSecret, { secret: true });
            try {
                const preview = await workspace.pulumi(["preview"]);
                const shown = preview.stdout + preview.stderr;
                assert.notEqual(preview.code, 0);
                assert.match(
                    shown,
                    /invocation of alicloud-message-contacts:index:getMessageContactVerifications returned an error: .*SignatureDoesNotMatch.*\(RequestId [0-9A-F-]{36}\)/,
                );
                assert.match(shown, /MessageContactVerifications resource 'pendingRecord' has a problem: .*SignatureDoesNotMatch/);
                assert.ok(!shown.includes(wrongSecret), "the secret key is shown");
                assert.doesNotMatch(shown, /\n\s+at .*\.js:\d+/);
            } finally {
                await workspace.setConfig("alicloud-message-contacts:secretKey", emulator.account.accessKeySecret, { secret: true });
            }
        });

        it("destroy removes the record and leaves the service's data alone", async () => {
            const destroy = await workspace.cli("destroy");
            assert.equal(destroy.code, 0, destroy.stderr + destroy.stdout);
            assert.deepEqual(emulator.verifications(), seeded);
        });
    });
}

describe("the README's commands for examples/yaml from the npm package, as the README has them, against the emulator", function () {
    this.timeout(600_000);
    let emulator: Emulator;
    let root: string;
    const seeded = verifications(41);

    before(async () => {
        emulator = await startEmulator({ verifications: seeded });
        root = mkdtempSync(join(tmpdir(), "readme-yaml-"));
    });
    after(async () => {
        await emulator?.close();
        if (root && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(root, { recursive: true, force: true });
    });

    it("npm install (the packed tarball, as from source), stack init, config set, preview, up: the outputs are the emulator's data", async () => {
        const { tarball } = await engineProject(repoPulumiVersion());
        const example = join(root, "examples", "yaml");
        mkdirSync(example, { recursive: true });
        for (const file of ["Pulumi.yaml", "package.json"]) cpSync(join(REPO_ROOT, "examples", "yaml", file), join(example, file));
        for (const folder of ["home", "pulumi-home", "state"]) mkdirSync(join(root, folder));
        const env = pulumiRouteEnv({
            engineBin: engine().binDir,
            home: join(root, "home"),
            pulumiHome: join(root, "pulumi-home"),
            state: join(root, "state"),
            endpoint: emulator.url,
            system: systemWithNode(),
            extra: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" },
        });
        const block = readmeBlock("sh", "cd examples/yaml && npm install");
        const result = await runShellBlock(block, {
            cwd: root,
            env,
            replacements: {
                // The README's install from source: the packed tarball for the registry's package (@pulumi/pulumi from npm's cache).
                "npm install pulumi-alicloud-message-contacts @pulumi/pulumi": `npm install ${tarball} @pulumi/pulumi@${repoPulumiVersion()}`,
                "<AccessKey ID>": emulator.account.accessKeyId,
                "<AccessKey secret>": emulator.account.accessKeySecret,
            },
        });
        assert.equal(result.code, 0, `README.md:${block.line} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
        // `pulumi preview` (before the update): the outputs already hold today's listing, as the README's comment says.
        const preview = result.stdout.slice(0, result.stdout.indexOf("Updating ("));
        assert.match(preview, new RegExp(`Outputs:\\n\\s+(\\+ )?pendingCount\\s*: ${seeded.length}\\n`));
        assert.deepEqual(stackOutputsIn(engine().pulumi, example, env), pluginExampleOutputs(seeded));
    });
});
