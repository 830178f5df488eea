/**
 * The example policy pack (examples/policy-pack) run by the real engine with `pulumi up --policy-pack ...
 * --policy-pack-config ...`: a mandatory "no pending verifications" fails the update naming the policy, advisory
 * passes and shows the violation, and the targets policy flags a disallowed email domain.
 *
 * The pack is copied into a folder of the consumer project (its imports, `@pulumi/policy` and this package,
 * resolve from the project's node_modules, as after `npm install` in a user's copy of the pack), and
 * `--policy-pack` names that folder, as the pack's README does: the engine runs it through the Node.js language
 * host's `RunPlugin` (`@pulumi/pulumi/cmd/run-policy-pack`).
 */
import { strict as assert } from "node:assert";
import { rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { Emulator, startEmulator, Verification } from "../../emulator";
import { engineProject, examplePolicyPack, emulatorStackConfig, programWorkspace } from "../support/engine/engine-fixture";
import type { EngineWorkspace } from "../support/engine/engine-workspace";
import { shown } from "../support/engine/engine-results";
import { repoPulumiVersion } from "../support/consumer-project";

const NO_PENDING = "no-pending-message-contact-verifications";
const TARGETS_ALLOWED = "message-contact-verification-targets-allowed";

/** Pending verifications, one of them at a domain the targets policy will not allow. */
const PENDING: Verification[] = [
    { contactId: "c-aaaaaaaa01", target: "ops***@example.com" },
    { contactId: "c-aaaaaaaa01", target: "138****0001" },
    { contactId: "c-bbbbbbbb02", target: "someone***@example.net" },
];

describe(`the real engine: the example policy pack (@pulumi/pulumi ${repoPulumiVersion()})`, function () {
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    let packDir: string;
    let packPath: string;

    /** Writes a policy pack config file and returns its path. */
    function packConfig(config: Record<string, unknown>): string {
        const path = join(packDir, `..`, `${basename(packDir)}-config-${Math.random().toString(36).slice(2, 8)}.json`);
        writeFileSync(path, JSON.stringify(config));
        return path;
    }

    before(async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion(), true);
        emulator = await startEmulator({ verifications: PENDING });
        ({ dir: packDir, path: packPath } = examplePolicyPack(project));
        workspace = await programWorkspace(project, [...emulatorStackConfig(emulator), { key: "parts", value: "resource" }]);
    });
    after(async () => {
        workspace?.remove();
        if (packDir && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(packDir, { recursive: true, force: true });
        await emulator?.close();
    });

    it("mandatory 'no pending verifications' fails up, naming the policy and the pending targets", async () => {
        const up = await workspace.operation("up", { policyPacks: [packPath], policyPackConfigs: [packConfig({ [NO_PENDING]: "mandatory" })] });
        const text = shown(up);
        assert.ok(!up.ok, `up must fail on a mandatory violation:\n${text}`);
        assert.match(text, new RegExp(`- \\[mandatory\\] \\[severity: low\\]\\s+${NO_PENDING}\\s`));
        assert.match(
            text,
            /MessageContactVerifications "pending": 3 pending message contact verifications: 138\*\*\*\*0001, ops\*\*\*@example\.com, someone\*\*\*@example\.net\./,
        );
    });

    it("advisory passes and shows the violation", async () => {
        const up = await workspace.operation("up", { policyPacks: [packPath], policyPackConfigs: [packConfig({ [NO_PENDING]: "advisory" })] });
        const text = shown(up);
        assert.ok(up.ok, `up must pass with an advisory violation:\n${text}`);
        assert.match(text, new RegExp(`- \\[advisory\\] \\[severity: low\\]\\s+${NO_PENDING}\\s`));
        assert.match(text, /MessageContactVerifications "pending": 3 pending message contact verifications/);
    });

    it("the targets policy flags a disallowed email domain", async () => {
        const config = packConfig({
            [NO_PENDING]: "disabled",
            [TARGETS_ALLOWED]: { enforcementLevel: "mandatory", allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] },
        });
        const up = await workspace.operation("up", { policyPacks: [packPath], policyPackConfigs: [config] });
        const text = shown(up);
        assert.ok(!up.ok, `up must fail on the mandatory targets policy:\n${text}`);
        assert.match(text, new RegExp(`- \\[mandatory\\] \\[severity: medium\\]\\s+${TARGETS_ALLOWED}\\s`));
        assert.match(text, /MessageContactVerifications "pending": 1 of 3 verification targets outside the allowed lists: someone\*\*\*@example\.net/);
        assert.doesNotMatch(text, new RegExp(NO_PENDING), "a disabled policy reports nothing");
    });
});
