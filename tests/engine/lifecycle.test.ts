/**
 * The package under the real Pulumi engine: `pulumi up` with credentials and endpoint from stack config only,
 * stack outputs equal to the emulator's data, nothing secret in state, `preview --expect-no-changes`, an update
 * after the data changes, `refresh`, and `destroy` without a request to the API. Run for both ends of the
 * supported `@pulumi/pulumi` range.
 */
import { strict as assert } from "node:assert";
import { startEmulator, Emulator, Verification } from "../../emulator";
import { verifications } from "../support/emulator-fixture";
import { emulatorStackConfig, engineProject, listingRequests, programWorkspace, pulumiVersionsUnderTest } from "../support/engine/engine-fixture";
import type { EngineWorkspace } from "../support/engine/engine-workspace";
import { assertSucceeded, exportedListing, exportedResources, secretEnvelope, SPECIAL_SIG_KEY } from "../support/engine/engine-results";

/** The listing as the get functions return it. */
function expectedResult(endpointHost: string, list: readonly Verification[]) {
    return { id: `${endpointHost}/ListMessageContactVerifications/*`, totalCount: list.length, verifications: list.map((v) => ({ ...v })) };
}

function sortedTargets(list: readonly Verification[]): string[] {
    return [...new Set(list.map((v) => v.target))].sort();
}

for (const pulumiVersion of pulumiVersionsUnderTest()) {
    describe(`the real engine: up, preview, refresh, destroy (@pulumi/pulumi ${pulumiVersion})`, function () {
        let emulator: Emulator;
        let workspace: EngineWorkspace;
        let host: string;
        const first = verifications(230);

        before(async function () {
            this.timeout(600_000);
            const project = await engineProject(pulumiVersion);
            emulator = await startEmulator({ verifications: first });
            host = new URL(emulator.url).host;
            workspace = await programWorkspace(project, emulatorStackConfig(emulator));
        });
        after(async () => {
            workspace?.remove();
            await emulator?.close();
        });

        it("up: the stack outputs equal the emulator's data, for the get functions and the resource", async () => {
            const up = await workspace.operation("up");
            assertSucceeded(up, "pulumi up");
            const outputs = await workspace.stackOutputs();
            const expected = expectedResult(host, first);
            assert.deepEqual(outputs.fromOutput, expected);
            assert.deepEqual(outputs.fromPromise, expected);
            assert.equal(outputs.resourceTotalCount, first.length);
            assert.deepEqual(outputs.resourceVerifications, expected.verifications);
            assert.deepEqual(outputs.resourceTargets, sortedTargets(first));
            assert.equal(outputs.resourceId, expected.id);
        });

        it("stack export holds no credential in plain text, and the small serialized provider", async () => {
            const exported = await workspace.exportStack();
            const { accessKeyId, accessKeySecret } = emulator.account;
            assert.ok(!exported.includes(accessKeySecret), "state holds the AccessKey secret in plain text");
            const resources = exportedResources(exported);
            // The engine records the stack config it configures the dynamic-provider host with in the default
            // provider's state: secrets as ciphertext, plain config (here the AccessKey ID) as it was set.
            const nodejsProvider = resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
            assert.ok(nodejsProvider, "the default pulumi-nodejs provider is in state");
            assert.deepEqual(Object.keys(secretEnvelope(nodejsProvider.inputs?.["alicloud:secretKey"])), [SPECIAL_SIG_KEY, "ciphertext"]);
            const holdingKeyId = resources.filter((r) => JSON.stringify(r).includes(accessKeyId)).map((r) => r.type);
            assert.deepEqual(holdingKeyId, ["pulumi:providers:pulumi-nodejs"], "only the provider's copy of the plain alicloud:accessKey config");

            const provider = exportedListing(exported).inputs?.__provider;
            assert.equal(typeof provider, "string");
            const size = Buffer.byteLength(provider as string);
            console.log(`      serialized provider in state: ${size} bytes (@pulumi/pulumi ${pulumiVersion})`);
            assert.ok(size < 4096, `the serialized provider is ${size} bytes`);
            assert.match(provider as string, /pulumi-alicloud-message-contacts\/dist\/provider\/dynamic\/provider-impl\.js/);
            assert.ok(!(provider as string).includes(accessKeyId));
        });

        it("preview --expect-no-changes passes when nothing changed", async () => {
            const preview = await workspace.operation("preview", { expectNoChanges: true });
            assertSucceeded(preview, "pulumi preview --expect-no-changes");
            assert.equal(preview.changeSummary?.update ?? 0, 0);
        });

        it("after the data changes, preview plans an update and up records the new listing", async () => {
            const changed = [...first.slice(5), ...verifications(240).slice(230)];
            emulator.setVerifications(changed);

            const strict = await workspace.operation("preview", { expectNoChanges: true });
            assert.ok(!strict.ok, "preview --expect-no-changes must fail once the listing changed");
            const preview = await workspace.operation("preview", {});
            assertSucceeded(preview, "pulumi preview");
            assert.equal(preview.changeSummary?.update, 1, JSON.stringify(preview.changeSummary));

            const up = await workspace.operation("up");
            assertSucceeded(up, "pulumi up");
            assert.equal(up.changeSummary?.update, 1, JSON.stringify(up.changeSummary));
            const outputs = await workspace.stackOutputs();
            assert.deepEqual(outputs.fromOutput, expectedResult(host, changed));
            assert.deepEqual(outputs.resourceVerifications, changed);
            assert.deepEqual(outputs.resourceTargets, sortedTargets(changed));
            const state = exportedListing(await workspace.exportStack());
            assert.equal(state.outputs?.totalCount, changed.length);
        });

        it("refresh re-reads the listing into state", async () => {
            const refreshed = verifications(12);
            emulator.setVerifications(refreshed);
            emulator.resetRequests();
            const refresh = await workspace.operation("refresh");
            assertSucceeded(refresh, "pulumi refresh");
            assert.ok(listingRequests(emulator) > 0, "refresh lists");
            const state = exportedListing(await workspace.exportStack());
            assert.equal(state.outputs?.totalCount, refreshed.length);
            assert.deepEqual(state.outputs?.verifications, refreshed);
        });

        it("destroy removes the resource without a request to the API", async () => {
            emulator.resetRequests();
            const destroy = await workspace.operation("destroy");
            assertSucceeded(destroy, "pulumi destroy");
            // The resource and the default pulumi-nodejs provider.
            assert.equal(destroy.changeSummary?.delete, 2, JSON.stringify(destroy.changeSummary));
            assert.equal(listingRequests(emulator), 0);
            assert.deepEqual(exportedResources(await workspace.exportStack()), [], "nothing left in state");
        });
    });
}
