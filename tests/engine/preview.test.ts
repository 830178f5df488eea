/**
 * Previews that show today's listing, through the real engine: the resource's listing is made by its
 * provider's `check`, which the engine calls at preview and whose result it plans as a dynamic resource's
 * outputs. So `preview --diff` shows the verifications that appeared and went away, policy packs check the fresh
 * listing at preview, `secretTargets` keeps the targets secret in inputs and outputs, and an `up` lists once.
 */
import { strict as assert } from "node:assert";
import { basename, join } from "node:path";
import { rmSync, writeFileSync } from "node:fs";
import { Emulator, startEmulator, Verification } from "../../emulator";
import { repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { emulatorStackConfig, engineProject, examplePolicyPack, listingRequests, programWorkspace } from "../support/engine/engine-fixture";
import type { EngineWorkspace } from "../support/engine/engine-workspace";
import { assertSucceeded, exportedListing, secretEnvelope, shown } from "../support/engine/engine-results";

const NO_PENDING = "no-pending-message-contact-verifications";

/** `text` as a literal in a regular expression. */
function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe(`the real engine: previews show today's listing (@pulumi/pulumi ${repoPulumiVersion()})`, function () {
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    let packPath: string;
    let packDir: string;
    const first: Verification[] = verifications(230);

    before(async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion(), true);
        emulator = await startEmulator({ verifications: first });
        workspace = await programWorkspace(project, [...emulatorStackConfig(emulator), { key: "parts", value: "resource" }]);
        ({ dir: packDir, path: packPath } = examplePolicyPack(project));
    });
    after(async () => {
        workspace?.remove();
        if (packDir && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(packDir, { recursive: true, force: true });
        await emulator?.close();
    });
    beforeEach(() => emulator.resetRequests());

    it("creating from nothing, the preview shows the listing, and a mandatory policy fails the preview", async () => {
        const preview = await workspace.operation("preview", { diff: true });
        assertSucceeded(preview, "pulumi preview");
        assert.match(preview.stdout, /totalCount\s*: 230/);
        assert.match(preview.stdout, /user229\*\*\*@example\.com/);

        const config = join(packDir, "..", `${basename(packDir)}-mandatory.json`);
        writeFileSync(config, JSON.stringify({ [NO_PENDING]: "mandatory" }));
        const gated = await workspace.operation("preview", { policyPacks: [packPath], policyPackConfigs: [config] });
        assert.ok(!gated.ok, `the preview must fail on the mandatory policy:\n${shown(gated)}`);
        assert.match(shown(gated), new RegExp(`\\[mandatory\\] \\[severity: low\\]\\s+${NO_PENDING}`));
        assert.match(shown(gated), /MessageContactVerifications "pending": 230 pending message contact verifications/);
        assert.doesNotMatch(shown(gated), /can't run during preview|not applicable/i);
    });

    it("up records what the preview showed, listing once (one confirmed listing: 2 reads of 3 pages)", async () => {
        const up = await workspace.operation("up");
        assertSucceeded(up, "pulumi up");
        assert.equal(listingRequests(emulator), 6);
        const state = exportedListing(await workspace.exportStack());
        assert.deepEqual(state.outputs?.verifications, first);
    });

    it("a listing that grows, shrinks and changes targets: preview --diff names what appeared and what went away", async () => {
        const changed: Verification[] = [
            ...first.slice(1, 100),
            { contactId: "c-aaaaaaaa01", target: "appeared***@example.com" },
            ...first.slice(100, 229),
            { contactId: "c-bbbbbbbb02", target: "new***@example.org" },
            { contactId: "c-cccccccc03", target: "139****7777" },
        ];
        emulator.setVerifications(changed);
        const preview = await workspace.operation("preview", { diff: true });
        assertSucceeded(preview, "pulumi preview --diff");
        const changedLines = preview.stdout
            .split("\n")
            .filter((line) => /^\s+[-+~] /.test(line) && !/^\s+[-+~] \[\d+\]|^\s+[-+~]\s+(contactId|target)\b/.test(line));
        console.log(`      preview --diff of a changed listing (changed lines only):\n${changedLines.slice(0, 40).join("\n").replace(/^/gm, "        ")}`);
        assert.match(preview.stdout, /~ pulumi-nodejs:dynamic\/alicloud:MessageContactVerifications: \(update\)/);
        assert.match(preview.stdout, /totalCount\s*: 230 => 231/);
        // pendingByTarget is keyed by target: what appeared is `+`, what went away `-`, by name.
        for (const target of ["appeared***@example.com", "new***@example.org", "139****7777"]) {
            assert.match(preview.stdout, new RegExp(`^\\s+\\+ ${escape(target)}\\s*: \\[`, "m"), `the diff names ${target} as appeared`);
        }
        for (const gone of [first[0]?.target ?? "", first[229]?.target ?? ""]) {
            assert.match(preview.stdout, new RegExp(`^\\s+- ${escape(gone)}\\s*: \\[`, "m"), `the diff names ${gone} as gone`);
        }

        emulator.resetRequests();
        const up = await workspace.operation("up");
        assertSucceeded(up, "pulumi up");
        assert.equal(listingRequests(emulator), 6, "an up lists once (check), not in diff and update again");
        assert.deepEqual(exportedListing(await workspace.exportStack()).outputs?.verifications, changed);
        emulator.resetRequests();
        const same = await workspace.operation("preview", { expectNoChanges: true });
        assertSucceeded(same, "pulumi preview --expect-no-changes");
    });

    it("an input unknown at preview (another resource's output) previews cleanly, the listing unknown, and up lists", async () => {
        const program = `
import * as pulumi from "@pulumi/pulumi";
import { MessageContactVerifications } from "pulumi-alicloud-message-contacts";

// A resource whose output is only known after it is created, standing in for a MessageContact.
const contact = new pulumi.dynamic.Resource(
    { async create() { return { id: "contact", outs: { contactId: "c-aaaaaaaa01" } }; } },
    "contact",
    { contactId: undefined },
);
const recorded = new MessageContactVerifications("pending", { contactId: (contact as unknown as { contactId: pulumi.Output<string> }).contactId });
export const resourceTotalCount = recorded.totalCount;
`;
        const later = await programWorkspace(await engineProject(repoPulumiVersion(), true), emulatorStackConfig(emulator), { "index.ts": program });
        try {
            const preview = await later.operation("preview", { diff: true });
            assertSucceeded(preview, "pulumi preview");
            assert.equal(listingRequests(emulator), 0, "nothing to list before contactId is known");
            assert.match(preview.stdout, /contactId\s*: \[unknown\]/);
            assert.match(preview.stdout, /resourceTotalCount\s*: \[unknown\]/);
            const up = await later.operation("up");
            assertSucceeded(up, "pulumi up");
            const expected = emulator.verifications().filter((v) => v.contactId === "c-aaaaaaaa01").length;
            assert.equal((await later.stackOutputs()).resourceTotalCount, expected);
        } finally {
            later.remove();
        }
    });

    it("secretTargets keeps the listing secret in the inputs and outputs in state, and in previews", async () => {
        // A stack of its own: values recorded in plain text before secretTargets was set stay visible as the old side of a diff.
        const secret = await programWorkspace(await engineProject(repoPulumiVersion(), true), [
            ...emulatorStackConfig(emulator),
            { key: "parts", value: "resource" },
            { key: "secretTargets", value: "true" },
        ]);
        try {
            await checkSecretTargets(secret);
        } finally {
            secret.remove();
        }
    });
});

async function checkSecretTargets(workspace: EngineWorkspace): Promise<void> {
    const preview = await workspace.operation("preview", { diff: true });
    assertSucceeded(preview, "pulumi preview");
    assert.doesNotMatch(preview.stdout, /@example\.(com|org)|13[89]\*\*\*\*/, "a secret target shows in the preview");
    assert.match(preview.stdout, /\[secret\]/);
    const up = await workspace.operation("up");
    assertSucceeded(up, "pulumi up");
    assert.doesNotMatch(shown(up), /appeared\*\*\*@example\.com/, "a secret target shows in up's output");
    const exported = await workspace.exportStack();
    assert.ok(!exported.includes("appeared***@example.com"), "a target is in state in plain text");
    const state = exportedListing(exported);
    for (const where of [state.inputs, state.outputs]) {
        for (const field of ["verifications", "targets", "pendingByTarget"]) {
            assert.ok("ciphertext" in secretEnvelope(where?.[field]), `${field} is not encrypted`);
        }
    }
    const outputs = await workspace.stackOutputs();
    assert.ok((outputs.resourceTargets as string[]).includes("appeared***@example.com"), "--show-secrets shows them");
}
