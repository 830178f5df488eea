/**
 * The same listings, read by each tool from the emulator and judged by the one Rego policy, with the real CLIs: a
 * Terraform configuration planned by `tofu plan`, its `tofu show -json` judged by `opa eval` of `policy/`, and the
 * equivalent Pulumi program previewed with `pulumi preview --policy-pack` (the example pack, its `policy.wasm`). Both
 * have a listing of every contact's pending verifications (one target at a domain the settings do not allow) and a
 * listing whose contact ID comes from another resource, so is known only once that exists. Each Terraform verdict's
 * finding must be in the Pulumi preview, under the same policy, for the resource of the same name.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Emulator, startEmulator, Verification } from "../../emulator";
import { POLICY_FOLDER } from "../../engine/policy-tests";
import { findTerraformClis, TerraformClis } from "../../engine/terraform-clis";
import type { Verdict } from "../../examples/policy-pack/compiled-policy";
import { consumerProject, REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { emulatorStackConfig, engineProject, examplePolicyPack, programWorkspace } from "../support/engine/engine-fixture";
import type { EngineWorkspace } from "../support/engine/engine-workspace";
import { shown } from "../support/engine/engine-results";
import { LISTING_KNOWN, NO_PENDING, TARGETS_ALLOWED } from "../support/policy-verdict-table";
import { PROVIDER_SOURCE, TerraformWorkspace } from "../support/terraform-workspace";

const CONTACT = "c-aaaaaaaa01";
const PENDING: Verification[] = [
    { contactId: CONTACT, target: "ops***@example.com" },
    { contactId: CONTACT, target: "138****0001" },
    { contactId: "c-bbbbbbbb02", target: "someone***@example.net" },
];
const SETTINGS = { allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] };

const TERRAFORM = `terraform {
  required_providers {
    alicloudmessagecontacts = {
      source = "${PROVIDER_SOURCE}"
    }
  }
}

data "alicloudmessagecontacts_verifications" "pending" {}

# Stands in for a message contact created by this configuration: its ID is known at apply.
resource "terraform_data" "contact" {
  input = "${CONTACT}"
}

data "alicloudmessagecontacts_verifications" "deferred" {
  contact_id = terraform_data.contact.output
}
`;

const PULUMI = `import * as pulumi from "@pulumi/pulumi";
import { MessageContactVerifications } from "pulumi-alicloud-message-contacts";

new MessageContactVerifications("pending", {});

// Stands in for a message contact created by this program: its ID is known once it exists.
const contact = new pulumi.dynamic.Resource(
    { async create() { return { id: "contact", outs: { contactId: "${CONTACT}" } }; } },
    "contact",
    { contactId: undefined },
);
new MessageContactVerifications("deferred", { contactId: (contact as unknown as { contactId: pulumi.Output<string> }).contactId });
`;

describe(`one policy, both tools: tofu plan with opa eval, and pulumi preview --policy-pack (@pulumi/pulumi ${repoPulumiVersion()})`, function () {
    this.timeout(300_000);
    let clis: TerraformClis;
    let emulator: Emulator;
    let terraform: TerraformWorkspace;
    let pulumi: EngineWorkspace;
    let packDir: string;
    let packPath: string;

    before(async function () {
        this.timeout(600_000);
        clis = findTerraformClis();
        emulator = await startEmulator({ verifications: PENDING });
        terraform = new TerraformWorkspace(clis.tofu, await consumerProject());
        const project = await engineProject(repoPulumiVersion(), true);
        ({ dir: packDir, path: packPath } = examplePolicyPack(project));
        pulumi = await programWorkspace(project, emulatorStackConfig(emulator), { "index.ts": PULUMI });
    });
    after(async () => {
        pulumi?.remove();
        if (packDir && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(packDir, { recursive: true, force: true });
        if (terraform) rmSync(terraform.root, { recursive: true, force: true });
        await emulator?.close();
    });

    /** The Terraform verdicts: `tofu plan`, `tofu show -json`, then `opa eval` of policy/ with the settings. */
    async function terraformVerdicts(): Promise<{ deny: Verdict[]; warn: Verdict[] }> {
        const dir = terraform.folder("both-ways", { "main.tf": TERRAFORM, "settings.json": JSON.stringify({ message_contacts: SETTINGS }) });
        const env = {
            ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER: emulator.url,
            ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId,
            ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret,
        };
        await terraform.ok(dir, ["init", "-input=false"]);
        await terraform.ok(dir, ["plan", "-input=false", "-out=tfplan"], env);
        writeFileSync(join(dir, "plan.json"), await terraform.ok(dir, ["show", "-json", "tfplan"], env));
        const query = '{"deny": data.main.deny, "warn": data.main.warn}';
        const out = execFileSync(
            clis.opa,
            ["eval", "--format", "json", "-d", join(REPO_ROOT, POLICY_FOLDER), "-d", "settings.json", "-i", "plan.json", query],
            {
                cwd: dir,
                encoding: "utf8",
            },
        );
        const value = (JSON.parse(out) as { result: { expressions: { value: { deny: Verdict[]; warn: Verdict[] } }[] }[] }).result[0]?.expressions[0]?.value;
        assert.ok(value, out);
        return value;
    }

    it("the same findings, under the same policies, for the resources of the same names", async () => {
        const verdicts = await terraformVerdicts();
        assert.deepEqual(verdicts.warn, []);
        assert.deepEqual(
            verdicts.deny.map((v) => [v.policy, v.resource]).sort(),
            [
                [LISTING_KNOWN, "data.alicloudmessagecontacts_verifications.deferred"],
                [TARGETS_ALLOWED, "data.alicloudmessagecontacts_verifications.pending"],
                [NO_PENDING, "data.alicloudmessagecontacts_verifications.pending"],
            ].sort(),
        );

        const config = join(pulumi.dir, "policy-config.json");
        writeFileSync(config, JSON.stringify({ [TARGETS_ALLOWED]: SETTINGS }));
        const preview = await pulumi.operation("preview", { policyPacks: [packPath], policyPackConfigs: [config] });
        const text = shown(preview);
        assert.ok(preview.ok, `an advisory preview passes:\n${text}`);
        for (const verdict of verdicts.deny) {
            const name = verdict.resource.split(".").pop() ?? "";
            const finding = verdict.msg.slice(`${verdict.resource}: `.length);
            assert.ok(verdict.msg.startsWith(`${verdict.resource}: `), verdict.msg);
            assert.ok(
                text.includes(`MessageContactVerifications "${name}": ${finding}`),
                `the preview lacks ${verdict.policy}'s "${finding}" for ${name}:\n${text}`,
            );
            assert.match(text, new RegExp(`- \\[advisory\\] \\[severity: \\w+\\]\\s+${verdict.policy}\\s`));
        }
        assert.equal((text.match(/MessageContactVerifications "(pending|deferred)": /g) ?? []).length, verdicts.deny.length, text);
    });
});
