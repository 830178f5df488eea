/**
 * The README's commands for the TypeScript example, typed as a user types them, with the CLI that `npm run engine`
 * builds (its Node.js language host runs the program, type-checked as Pulumi does by default): examples/basic with
 * the repository's Pulumi.yaml, against the emulator's demo data ("Against the bundled emulator" of
 * examples/basic/README.md), then examples/policy-pack's emulator commands (`--policy-pack examples/policy-pack`, a
 * folder, with its example config), `pulumi refresh` and `pulumi destroy`. The Python and YAML examples' commands
 * are plugin-python.test.ts's and plugin-yaml.test.ts's.
 *
 * The project folder is in the consumer project (the packed package, `@pulumi/pulumi` and `@pulumi/policy` in its
 * node_modules, as `npm ci` gives a clone), with the files the commands name at the paths they name them.
 */
import { strict as assert } from "node:assert";
import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { demoVerifications, Emulator, startEmulator } from "../../emulator";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { listingOutputsOf } from "../support/emulator-fixture";
import { engine, engineProject, listingRequests } from "../support/engine/engine-fixture";
import { assertSucceeded, changeSummaryOf, exportedResources, shown } from "../support/engine/engine-results";
import { EngineWorkspace } from "../support/engine/engine-workspace";
import { PACK_DIR, packFiles } from "../policy-pack/pack";

const NO_PENDING = "no-pending-message-contact-verifications";

describe(`the README's commands with the engine's CLI: examples/basic and examples/policy-pack (@pulumi/pulumi ${repoPulumiVersion()})`, function () {
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    const demo = demoVerifications(20);

    before(async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion(), true);
        emulator = await startEmulator({ verifications: demo });
        workspace = new EngineWorkspace(project, engine(), {}, "readme", readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
        mkdirSync(join(workspace.dir, "examples", "basic"), { recursive: true });
        cpSync(join(REPO_ROOT, "examples", "basic", "index.ts"), join(workspace.dir, "examples", "basic", "index.ts"));
        mkdirSync(join(workspace.dir, "examples", "policy-pack"), { recursive: true });
        for (const file of packFiles()) cpSync(join(PACK_DIR, file), join(workspace.dir, "examples", "policy-pack", file));
    });
    after(async () => {
        workspace?.remove();
        await emulator?.close();
    });

    it("stack init, config set, pulumi up --yes: the outputs are the emulator's listing", async () => {
        for (const args of [
            ["stack", "init", "emulator"],
            ["config", "set", "--path", "alicloud:endpoints[0].resourcedirectory", emulator.url],
            ["config", "set", "alicloud:accessKey", emulator.account.accessKeyId],
            ["config", "set", "--secret", "alicloud:secretKey", emulator.account.accessKeySecret],
        ]) {
            assertSucceeded(await workspace.pulumi(args), `pulumi ${args.slice(0, 3).join(" ")}`);
        }
        const up = await workspace.pulumi(["up", "--yes"], 240_000);
        assertSucceeded(up, "pulumi up --yes");
        assert.match(up.stdout, /Previewing update \(emulator\)/, "up previews first, as typed");
        assert.deepEqual(changeSummaryOf(up.stdout), { create: 2 }, "the stack and the listing");
        const expected = listingOutputsOf(demo);
        const outputs = await workspace.stackOutputs();
        assert.equal(outputs.pendingCount, demo.length);
        assert.deepEqual(outputs.pendingTargets, expected.targets);
        assert.deepEqual(outputs.pendingVerifications, expected.verifications);
        const targets = await workspace.pulumi(["stack", "output", "pendingTargets", "--json"]);
        assertSucceeded(targets, "pulumi stack output pendingTargets");
        assert.deepEqual(JSON.parse(targets.stdout), expected.targets);
    });

    it("pulumi preview --policy-pack examples/policy-pack --policy-pack-config ...: the mandatory policy fails it", async () => {
        const preview = await workspace.pulumi(
            ["preview", "--policy-pack", "examples/policy-pack", "--policy-pack-config", "examples/policy-pack/policy-config.example.json"],
            240_000,
        );
        const text = shown(preview);
        assert.notEqual(preview.code, 0, `the preview must fail on the mandatory policy:\n${text}`);
        assert.match(text, new RegExp(`- \\[mandatory\\] \\[severity: low\\]\\s+${NO_PENDING}\\s`));
        assert.match(text, new RegExp(`MessageContactVerifications "pending-verifications": ${demo.length} pending message contact verifications`));
    });

    it("pulumi refresh --yes re-reads the listing; pulumi destroy --yes empties the stack without a request", async () => {
        const changed = demo.slice(5);
        emulator.setVerifications(changed);
        emulator.resetRequests();
        const refresh = await workspace.pulumi(["refresh", "--yes"], 240_000);
        assertSucceeded(refresh, "pulumi refresh --yes");
        assert.ok(listingRequests(emulator) > 0, "refresh lists");
        const state = exportedResources(await workspace.exportStack()).find((r) => r.type.endsWith("MessageContactVerifications"));
        assert.equal(state?.outputs?.totalCount, changed.length);

        emulator.resetRequests();
        const destroy = await workspace.pulumi(["destroy", "--yes"], 240_000);
        assertSucceeded(destroy, "pulumi destroy --yes");
        assert.deepEqual(changeSummaryOf(destroy.stdout), { delete: 2 });
        assert.equal(listingRequests(emulator), 0);
        assert.deepEqual(exportedResources(await workspace.exportStack()), []);
    });
});
