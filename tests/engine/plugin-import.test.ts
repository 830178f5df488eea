/**
 * `pulumi import` of the provider plugin's resource under the real engine, as the README shows it (its line, with
 * the emulator's host in place of Alibaba Cloud's): in the stack of examples/yaml (the packed package's plugin in
 * its node_modules), before any `up`. The engine reads the listing back from the id alone and records it with the
 * inputs the id names; with the code it prints in the program in place of the example's own resource, the next
 * preview changes nothing. One contact's id imports that contact's listing; an id that cannot be read back is
 * refused, naming `id`, and nothing is recorded. The dynamic resource's import fails in Pulumi's dynamic-provider
 * host, as the README says, before any request.
 */
import { strict as assert } from "node:assert";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { RESOURCE_TOKEN, RESOURCE_TYPE_TOKEN } from "../../provider/pulumi-names";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { BOB, listingOutputsOf, verifications } from "../support/emulator-fixture";
import { emulatorStackConfig, engine, engineProject, listingRequests, pluginStackConfig } from "../support/engine/engine-fixture";
import { changeSummaryOf, exportedResources } from "../support/engine/engine-results";
import { EngineWorkspace } from "../support/engine/engine-workspace";
import { readmeBlock, readmeLine, substitute } from "../support/readme-blocks";

const EXAMPLE = readFileSync(join(REPO_ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8");
/** Alibaba Cloud's host in the README's line, replaced by the emulator's. */
const README_HOST = "resourcedirectory.aliyuncs.com";

describe("pulumi import of the plugin's resource (the README's line), in examples/yaml's stack against the emulator", function () {
    this.timeout(300_000);
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    /** The code the first import printed for the program (its `resources:` entries). */
    let code = "";
    const seeded = verifications(12, ["c-aaaaaaaa01", BOB]);

    /** The README's `pulumi import` line, as arguments, with the emulator's host. */
    function readmeImport(): string[] {
        const line = readmeLine(readmeBlock("sh", "pulumi import "), "pulumi import ");
        const host = new URL(emulator.url).host;
        return substitute(line, { [README_HOST]: host })
            .split(/\s+/)
            .slice(1)
            .map((arg) => arg.replace(/^'(.*)'$/, "$1"));
    }

    /** The program's code `pulumi import` printed last, its resources' entries (after `resources:`). */
    function printedCode(stdout: string): string {
        const at = stdout.lastIndexOf("\nresources:\n");
        assert.ok(at >= 0, stdout);
        return stdout.slice(at + "\nresources:\n".length);
    }

    /** The plugin's resources in the stack's state. */
    async function recorded() {
        return exportedResources(await workspace.exportStack()).filter((r) => r.type === RESOURCE_TOKEN);
    }

    before(async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion());
        emulator = await startEmulator({ verifications: seeded });
        workspace = new EngineWorkspace(project, engine(), {}, "yaml-import", EXAMPLE);
        symlinkSync(join(project.dir, "node_modules"), join(workspace.dir, "node_modules"));
        await workspace.initStack(pluginStackConfig(emulator));
    });
    after(async () => {
        workspace?.remove();
        await emulator?.close();
    });

    it("imports every contact's listing from `<host>/ListMessageContactVerifications/*`: no inputs, today's listing, and code for examples/yaml's resource", async () => {
        const args = readmeImport();
        assert.deepEqual(args.slice(0, 3), ["import", RESOURCE_TOKEN, "pendingRecord"]);
        const imported = await workspace.pulumi(args, 240_000);
        assert.equal(imported.code, 0, imported.stdout + imported.stderr);
        const [resource, ...others] = await recorded();
        assert.equal(others.length, 0);
        assert.deepEqual(resource?.inputs ?? {}, {}, "no inputs (the state leaves an empty map out)");
        assert.deepEqual(resource?.outputs, listingOutputsOf(seeded));
        code = printedCode(imported.stdout);
        assert.match(code, /^ {2}pendingRecord:\n {4}type: alicloud-message-contacts:MessageContactVerifications\n(?! {4}properties:)/);
    });

    it("with the printed code in examples/yaml instead of its resource, the next preview changes nothing", async () => {
        const ownResource = /\n {2}pendingRecord:\n(?: {4}.*\n)+/;
        assert.match(EXAMPLE, ownResource);
        writeFileSync(join(workspace.dir, "Pulumi.yaml"), EXAMPLE.replace(ownResource, `\n${code}`));
        const preview = await workspace.pulumi(["preview"], 240_000);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepEqual(changeSummaryOf(preview.stdout), { same: 2 }, preview.stdout);
    });

    it("one contact's id imports that contact's listing, with the contact as the input", async () => {
        const id = `${new URL(emulator.url).host}/ListMessageContactVerifications/${BOB}`;
        const imported = await workspace.pulumi(["import", RESOURCE_TOKEN, "bobs", id, "--yes", "--protect=false"], 240_000);
        assert.equal(imported.code, 0, imported.stdout + imported.stderr);
        const bobs = (await recorded()).find((r) => (r as { urn?: string }).urn?.endsWith("::bobs"));
        assert.deepEqual(bobs?.inputs, { contactId: BOB });
        assert.deepEqual(bobs?.outputs, { contactId: BOB, ...listingOutputsOf(seeded.filter((v) => v.contactId === BOB)) });
        assert.match(printedCode(imported.stdout), new RegExp(`^ {2}bobs:\\n {4}type: .*\\n {4}properties:\\n {6}contactId: ${BOB}\\n`));
    });

    it("an id that cannot be read back is refused, naming id and why; nothing is recorded", async () => {
        const before = (await recorded()).length;
        const hashed = `${new URL(emulator.url).host}/ListMessageContactVerifications/sha256:0123456789abcdef`;
        const refused = await workspace.pulumi(["import", RESOURCE_TOKEN, "hashed", hashed, "--yes"], 240_000);
        assert.notEqual(refused.code, 0);
        assert.match(refused.stdout + refused.stderr, /id .* names a secret contact ID by its hash, which cannot be read back/);
        assert.equal((await recorded()).length, before);
    });

    it("the dynamic resource cannot be imported: Pulumi's dynamic-provider host fails without its recorded code, before this package runs", async () => {
        const project = await engineProject(repoPulumiVersion());
        const typescript = new EngineWorkspace(project, engine(), { "index.ts": 'import "pulumi-alicloud-message-contacts";\n' }, "dynamic-import");
        try {
            await typescript.initStack(emulatorStackConfig(emulator));
            emulator.resetRequests();
            const id = `${new URL(emulator.url).host}/ListMessageContactVerifications/*`;
            const refused = await typescript.pulumi(["import", RESOURCE_TYPE_TOKEN, "pending", id, "--yes"], 240_000);
            assert.notEqual(refused.code, 0);
            // The host deserializes the resource's `__provider`, which an import has not: the README quotes this.
            assert.match(refused.stdout + refused.stderr, /code must be a string, not undefined/);
            assert.match(refused.stdout + refused.stderr, /at getProvider \(.*dynamic-provider/);
            assert.equal(listingRequests(emulator), 0);
        } finally {
            typescript.remove();
        }
    });
});
