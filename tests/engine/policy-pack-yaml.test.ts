/**
 * The example policy pack (examples/policy-pack) over a YAML program (examples/yaml/Pulumi.yaml), whose
 * `MessageContactVerifications` is the provider plugin's resource (`alicloud-message-contacts:index:...`), not
 * the dynamic one: `pulumi preview --policy-pack ... --policy-pack-config ...` with the CLI, as a pull request's
 * check runs it. The resource lists in the plugin's `check`, so the preview already carries the 20 pending
 * verifications, and a mandatory "no pending verifications" fails it, naming the policy.
 *
 * The program's folder and the pack's copy are in the same consumer project as in plugin-yaml.test.ts and
 * policy-pack.test.ts (the packed package, `@pulumi/pulumi` and `@pulumi/policy` in its node_modules).
 */
import { strict as assert } from "node:assert";
import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { engine, engineProject, examplePolicyPack, pluginStackConfig } from "../support/engine/engine-fixture";
import { CliResult, EngineWorkspace } from "../support/engine/engine-workspace";

const EXAMPLE = readFileSync(join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8");
const NO_PENDING = "no-pending-message-contact-verifications";
const PENDING = verifications(20);

describe(`the real engine: the example policy pack over a YAML program with the provider plugin (@pulumi/pulumi ${repoPulumiVersion()})`, function () {
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    let packDir: string;
    let packPath: string;

    /** `pulumi preview --policy-pack <the pack> --policy-pack-config <config>` of the YAML program. */
    async function previewWithPack(config: Record<string, unknown>): Promise<CliResult> {
        const configPath = join(workspace.dir, `policy-config-${Math.random().toString(36).slice(2, 8)}.json`);
        writeFileSync(configPath, JSON.stringify(config));
        return workspace.pulumi(["preview", "--policy-pack", packPath, "--policy-pack-config", configPath], 240_000);
    }

    before(async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion(), true);
        emulator = await startEmulator({ verifications: PENDING });
        ({ dir: packDir, path: packPath } = examplePolicyPack(project));
        workspace = new EngineWorkspace(project, engine(), {}, "yaml-program", EXAMPLE);
        // The example names ./node_modules/.bin: the user's folder, where npm installed the package.
        symlinkSync(join(project.dir, "node_modules"), join(workspace.dir, "node_modules"));
        await workspace.initStack(pluginStackConfig(emulator));
    });
    after(async () => {
        workspace?.remove();
        if (packDir && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(packDir, { recursive: true, force: true });
        await emulator?.close();
    });

    it("mandatory 'no pending verifications' fails the preview, naming the policy and the plugin's resource", async () => {
        const preview = await previewWithPack({ [NO_PENDING]: "mandatory" });
        const text = preview.stdout + preview.stderr;
        assert.notEqual(preview.code, 0, `the preview must fail on a mandatory violation:\n${text}`);
        assert.match(text, new RegExp(`- \\[mandatory\\] \\[severity: low\\]\\s+${NO_PENDING}\\s`));
        assert.match(text, /MessageContactVerifications "pendingRecord": 20 pending message contact verifications: /);
    });

    it("advisory passes the preview and shows the violation", async () => {
        const preview = await previewWithPack({ [NO_PENDING]: "advisory" });
        const text = preview.stdout + preview.stderr;
        assert.equal(preview.code, 0, text);
        assert.match(text, new RegExp(`- \\[advisory\\] \\[severity: low\\]\\s+${NO_PENDING}\\s`));
        assert.match(text, /: 20 pending message contact verifications/);
    });
});
