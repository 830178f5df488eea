/**
 * Failures as a user sees them through the real engine: a bad `contactId` fails `preview` naming the property,
 * a missing contact and missing credentials fail with the package's message (the service's code and RequestId,
 * or every place that was searched), never with a JavaScript stack, and no output holds a secret.
 */
import { strict as assert } from "node:assert";
import { Emulator, startEmulator } from "../../emulator";
import { verifications } from "../support/emulator-fixture";
import {
    credentialStrings,
    emulatorStackConfig,
    engineProject,
    listingRequests,
    programWorkspace,
    pulumiVersionsUnderTest,
} from "../support/engine/engine-fixture";
import type { EngineWorkspace, OperationResult } from "../support/engine/engine-workspace";
import { shown } from "../support/engine/engine-results";
import type { ConsumerProject } from "../support/consumer-project";

/** A line of a JavaScript stack trace (`    at fn (/path/file.js:1:2)`). */
const STACK_LINE = /^\s+at .*:\d+:\d+\)?$/m;

function assertFailedCleanly(result: OperationResult, emulator: Emulator, expected: RegExp): void {
    const text = shown(result);
    assert.ok(!result.ok, `expected a failure:\n${text}`);
    assert.match(text, expected);
    assert.doesNotMatch(text, /Unhandled exception/);
    assert.doesNotMatch(text, STACK_LINE);
    for (const credential of credentialStrings(emulator)) {
        assert.ok(!text.includes(credential), `the output holds a credential (${credential.slice(0, 4)}...)`);
    }
}

for (const pulumiVersion of pulumiVersionsUnderTest()) {
    describe(`the real engine: errors (@pulumi/pulumi ${pulumiVersion})`, function () {
        let emulator: Emulator;
        let project: ConsumerProject;
        const workspaces: EngineWorkspace[] = [];

        /** A stack of the user's program with the emulator's config plus `config`. */
        async function stackWith(config: Record<string, string>, credentials = true): Promise<EngineWorkspace> {
            const base = credentials
                ? emulatorStackConfig(emulator)
                : emulatorStackConfig(emulator).filter((entry) => !entry.key.startsWith("alicloud:accessKey") && !entry.key.startsWith("alicloud:secretKey"));
            const workspace = await programWorkspace(project, [...base, ...Object.entries(config).map(([key, value]) => ({ key, value }))]);
            workspaces.push(workspace);
            return workspace;
        }

        before(async function () {
            this.timeout(600_000);
            project = await engineProject(pulumiVersion);
            emulator = await startEmulator({ verifications: verifications(30) });
        });
        after(async () => {
            for (const workspace of workspaces) workspace.remove();
            await emulator?.close();
        });
        beforeEach(() => emulator.resetRequests());

        it("a bad contactId fails preview naming the property, before any request (get functions)", async () => {
            const workspace = await stackWith({ contactId: "bad id!", parts: "functions" });
            const preview = await workspace.operation("preview");
            assertFailedCleanly(preview, emulator, /contactId must be a message contact ID: "c-" followed by letters and digits.*got "bad id!"/);
            assert.equal(listingRequests(emulator), 0);
        });

        it("a bad contactId fails preview naming the property, before any request (resource)", async () => {
            const workspace = await stackWith({ contactId: "bad id!", parts: "resource" });
            const preview = await workspace.operation("preview");
            assertFailedCleanly(
                preview,
                emulator,
                /MessageContactVerifications resource 'pending': property contactId value \{bad id!\} has a problem: contactId must be/,
            );
            assert.equal(listingRequests(emulator), 0);
        });

        it("a missing contact fails up with the service's code and RequestId", async () => {
            const workspace = await stackWith({ contactId: "c-missing0001" });
            const up = await workspace.operation("up");
            const notFound =
                /ListMessageContactVerifications failed with HTTP 404 EntityNotExists\.Contact: This Contact does not exist\. \(RequestId [0-9A-F-]{36}\)/;
            assertFailedCleanly(up, emulator, notFound);
            // Both the get functions (the program's errors) and the resource (the provider's) say it.
            assert.match(shown(up), /pulumi:pulumi:Stack \(engine-test-dev\):\n\s+error: ListMessageContactVerifications failed with HTTP 404/);
            assert.match(
                shown(up),
                /MessageContactVerifications \(pending\):\n\s+error: .*resource 'pending': property contactId value \{c-missing0001\} has a problem: ListMessageContactVerifications failed with HTTP 404/,
            );
        });

        it("missing credentials fail up with every place that was searched", async () => {
            const workspace = await stackWith({}, false);
            const up = await workspace.operation("up");
            assertFailedCleanly(up, emulator, /No Alibaba Cloud credentials found\. Looked in: .*stack config alicloud:accessKey\/alicloud:secretKey/);
            assert.equal(listingRequests(emulator), 0);
        });
    });
}
