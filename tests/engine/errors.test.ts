/**
 * Failures as a user sees them through the real engine: a bad `contactId` fails `preview` naming the property,
 * a missing contact and missing credentials fail with the package's message (the service's code and RequestId,
 * or every place that was searched), never with a JavaScript stack, and no output holds a secret.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
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

/**
 * Whether this Node's `util.inspect` (with colors) fails on a stack frame under `node_modules/@pulumi/output.ts`,
 * the path `@pulumi/pulumi`'s source maps give its own frames (Node 20 loops in `markNodeModules` until "RangeError:
 * Invalid string length"; Node 24 does not). The engine runs the program with this Node (first on the tests' PATH).
 */
function nodeInspectFailsOnPulumiFrames(): boolean {
    const error = new Error("probe");
    error.stack = "Error: probe\n    at f (/p/node_modules/@pulumi/output.ts:1:1)";
    try {
        inspect(error, { colors: true });
        return false;
    } catch {
        return true;
    }
}

/**
 * Whether `@pulumi/pulumi`'s `cmd/run` in `project` formats an unhandled error with `util.inspect` before it checks
 * for a RunError (older versions do: 3.139.0), so that with {@link nodeInspectFailsOnPulumiFrames} a RunError
 * rejected through an Output reaches the user as that RangeError's stack instead of its message alone. Neither is
 * this package's doing; the package's message is still shown (by the Promise function's rejection).
 */
function upstreamCrashOnOutputErrors(project: ConsumerProject): boolean {
    const run = readFileSync(join(project.dir, "node_modules", "@pulumi", "pulumi", "cmd", "run", "run.js"), "utf8");
    return /const stackMessage = err\.stack && util\.inspect\(err/.test(run) && nodeInspectFailsOnPulumiFrames();
}

function assertFailedCleanly(result: OperationResult, emulator: Emulator, expected: RegExp, upstreamCrash = false): void {
    const text = shown(result);
    assert.ok(!result.ok, `expected a failure:\n${text}`);
    assert.match(text, expected);
    if (!upstreamCrash) {
        assert.doesNotMatch(text, /unhandled exception/i);
        assert.doesNotMatch(text, STACK_LINE);
    }
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
            const upstreamCrash = upstreamCrashOnOutputErrors(project);
            assertFailedCleanly(preview, emulator, /contactId must be a message contact ID: "c-" followed by letters and digits.*got "bad id!"/, upstreamCrash);
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
            assertFailedCleanly(up, emulator, notFound, upstreamCrashOnOutputErrors(project));
            // The resource (the provider's error) says it. (The get functions' rejection may come after the engine has
            // stopped the program for the failed resource, so whether the stack shows it too is a race.)
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
