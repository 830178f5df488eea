/**
 * The README's commands for the TypeScript example with the CLI that `npm run engine` builds (its Node.js language
 * host runs the program, type-checked as Pulumi does by default): examples/basic with the repository's Pulumi.yaml,
 * "Against the bundled emulator" of examples/basic/README.md run as that README has it (bash: the emulator in the
 * background on a free port for its 18080, `npm ci` left out since the folder holds the packed package as a clone's
 * `npm ci` gives it, PULUMI_SKIP_CONFIRMATIONS=true for `pulumi up` without a terminal), then examples/policy-pack's emulator commands (`--policy-pack examples/policy-pack`, a
 * folder, with its example config), `pulumi refresh` and `pulumi destroy`. The Python and YAML examples' commands
 * are plugin-python.test.ts's and plugin-yaml.test.ts's.
 *
 * The project folder is in the consumer project (the packed package, `@pulumi/pulumi` and `@pulumi/policy` in its
 * node_modules, as `npm ci` gives a clone), with the files the commands name at the paths they name them.
 */
import { strict as assert } from "node:assert";
import { cpSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { demoVerifications, Emulator, startEmulator } from "../../emulator";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { listingOutputsOf } from "../support/emulator-fixture";
import { engine, engineProject, listingRequests } from "../support/engine/engine-fixture";
import { assertSucceeded, changeSummaryOf, exportedResources, shown } from "../support/engine/engine-results";
import { EngineWorkspace } from "../support/engine/engine-workspace";
import { freePort } from "../support/free-port";
import { markdownBlock } from "../support/readme-blocks";
import { runShellBlock } from "../support/readme-script";
import { PACK_DIR, packFiles } from "../policy-pack/pack";

const NO_PENDING = "no-pending-message-contact-verifications";
const BASIC_README = "examples/basic/README.md";
/** The port examples/basic/README.md's emulator listens on, replaced by a free one. */
const README_PORT = 18080;

describe(`the README's commands with the engine's CLI: examples/basic and examples/policy-pack (@pulumi/pulumi ${repoPulumiVersion()})`, function () {
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    const demo = demoVerifications(20);

    before(async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion(), true);
        workspace = new EngineWorkspace(project, engine(), {}, "readme", readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
        mkdirSync(join(workspace.dir, "examples", "basic"), { recursive: true });
        cpSync(join(REPO_ROOT, "examples", "basic", "index.ts"), join(workspace.dir, "examples", "basic", "index.ts"));
        mkdirSync(join(workspace.dir, "examples", "policy-pack"), { recursive: true });
        for (const file of packFiles()) cpSync(join(PACK_DIR, file), join(workspace.dir, "examples", "policy-pack", file));
        // As in a clone after `npm ci`: dist/ is the package's build (the consumer project holds the packed package).
        symlinkSync(join(project.dir, "node_modules", ...project.packageName.split("/"), "dist"), join(workspace.dir, "dist"), "dir");
    });
    after(async () => {
        workspace?.remove();
        await emulator?.close();
    });

    it("examples/basic/README.md's emulator commands, as the README has them: the emulator, stack init, config set, pulumi up: the outputs are the emulator's listing", async () => {
        const block = markdownBlock(BASIC_README, "sh", "node dist/emulator/main.js --demo");
        const port = await freePort();
        const result = await runShellBlock(block, {
            cwd: workspace.dir,
            // `pulumi up` as typed, without a terminal to confirm on.
            env: { ...workspace.env, PULUMI_SKIP_CONFIRMATIONS: "true" },
            // The workspace holds the packed package as `npm ci` gives a clone; a port no other test holds.
            replacements: { "npm ci\n": "", [String(README_PORT)]: String(port) },
        });
        assert.equal(result.code, 0, `examples/basic/README.md:${block.line} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
        assert.match(result.stdout, /Previewing update \(emulator\)/, "up previews first, as typed");
        assert.deepEqual(changeSummaryOf(result.stdout), { create: 2 }, "the stack and the listing");
        const expected = listingOutputsOf(demo);
        const outputs = await workspace.stackOutputs();
        assert.equal(outputs.pendingCount, demo.length);
        assert.deepEqual(outputs.pendingTargets, expected.targets);
        assert.deepEqual(outputs.pendingVerifications, expected.verifications);
        const targets = await workspace.pulumi(["stack", "output", "pendingTargets", "--json"]);
        assertSucceeded(targets, "pulumi stack output pendingTargets");
        assert.deepEqual(JSON.parse(targets.stdout), expected.targets);
        // The README's emulator stopped with its commands; the same demo data from here on, where the stack lists.
        emulator = await startEmulator({ verifications: demo, port });
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
