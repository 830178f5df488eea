/**
 * Cancellation reaches the listing's requests: a client deadline, a client-side cancel and the engine's `Cancel`
 * each stop the listing, so the service receives no further requests (at most those already being sent, one per
 * concurrent page); `Cancel` answers the calls in progress with CANCELLED and refuses listings after it. The packed
 * plugin over real gRPC, against the emulator with latency, so a listing takes seconds.
 */
import { strict as assert } from "node:assert";
import { setTimeout as sleep } from "node:timers/promises";
import { Emulator, startEmulator } from "../../emulator";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import type { PluginRpcError } from "../support/grpc-plugin";
import { waitUntil } from "../support/process-state";
import { FUNCTION_TOKEN, ProviderPlugin, startProviderPlugin } from "../support/provider-plugin";

/** Pages fetched at once after the first. */
const CONCURRENCY = 2;
/** 40 pages of 10 at 250 ms each, two at a time: a listing takes about 5 s (the resource's confirmed one, 10 s). */
const PAGES = 40;
const ARGS = { pageSize: 10, concurrency: CONCURRENCY };
const LATENCY_MS = 250;
/** How long to watch for requests after a cancellation: six latencies, a dozen pages at this concurrency. */
const WATCH_MS = 6 * LATENCY_MS;

/** A matcher for an RPC that failed with `codeName`, its details matching `details`. */
function failedWith(codeName: string, details: RegExp = /./) {
    return (error: PluginRpcError) => {
        assert.equal(error.codeName, codeName, error.message);
        assert.match(error.details, details);
        return true;
    };
}

describe("provider plugin: cancellation aborts the listing's requests", function () {
    let project: ConsumerProject;
    let emulator: Emulator;
    const requests = () => emulator.requests.length;

    /** A plugin configured for the emulator. */
    async function configuredPlugin(): Promise<ProviderPlugin> {
        const plugin = await startProviderPlugin({ projectDir: project.dir });
        await plugin.configureProvider({ endpoint: emulator.url, accessKey: emulator.account.accessKeyId, secretKey: emulator.account.accessKeySecret }, [
            "secretKey",
        ]);
        return plugin;
    }

    /** Asserts that, from `before` on, the emulator receives at most `allowed` requests within {@link WATCH_MS}. */
    async function assertStopped(before: number, allowed: number): Promise<void> {
        assert.ok(before < PAGES, `the listing had finished (${before} requests) before it was cancelled`);
        await sleep(WATCH_MS);
        const more = requests() - before;
        assert.ok(more <= allowed, `${more} requests arrived after the cancellation (at most ${allowed} may have been on their way)`);
    }

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        emulator = await startEmulator({ verifications: verifications(PAGES * ARGS.pageSize), latencyMs: LATENCY_MS });
    });
    after(async () => {
        await emulator?.close();
    });

    describe("a call the client gives up on", () => {
        let plugin: ProviderPlugin;
        before(async function () {
            this.timeout(60_000);
            plugin = await configuredPlugin();
        });
        after(async () => {
            await plugin?.close();
        });

        it("a passed deadline stops the listing", async function () {
            this.timeout(60_000);
            emulator.resetRequests();
            await assert.rejects(plugin.startInvoke(FUNCTION_TOKEN, ARGS, 1_000).response, failedWith("DEADLINE_EXCEEDED"));
            await assertStopped(requests(), CONCURRENCY);
        });

        it("a client-side cancel stops the listing", async function () {
            this.timeout(60_000);
            emulator.resetRequests();
            const invoke = plugin.startInvoke(FUNCTION_TOKEN, ARGS);
            await waitUntil(() => requests() >= 4, "four requests of the listing", 20_000);
            invoke.cancel();
            await assert.rejects(invoke.response, failedWith("CANCELLED"));
            await assertStopped(requests(), CONCURRENCY);
        });

        it("the plugin still lists after its calls were cancelled", async function () {
            this.timeout(60_000);
            emulator.resetRequests();
            const result = await plugin.invoke(FUNCTION_TOKEN, { pageSize: 100 });
            assert.equal(result.outputs.totalCount, PAGES * ARGS.pageSize);
        });
    });

    describe("the engine's Cancel", () => {
        let plugin: ProviderPlugin;
        before(async function () {
            this.timeout(60_000);
            plugin = await configuredPlugin();
        });
        after(async () => {
            await plugin?.close();
        });

        it("answers every call in progress (Invoke, Check) with CANCELLED and stops their listings", async function () {
            this.timeout(60_000);
            emulator.resetRequests();
            const invoke = assert.rejects(plugin.invoke(FUNCTION_TOKEN, ARGS), failedWith("CANCELLED", /Invoke was stopped: the engine called Cancel/));
            const check = assert.rejects(plugin.check({}, ARGS, { name: "pending" }), failedWith("CANCELLED", /Check was stopped: the engine called Cancel/));
            await waitUntil(() => requests() >= 6, "six requests of the two listings", 20_000);
            await plugin.cancel();
            const atCancel = requests();
            await invoke;
            await check;
            await assertStopped(atCancel, 2 * CONCURRENCY);
        });

        it("after Cancel, a listing is refused before any request; calls that send nothing are answered", async function () {
            this.timeout(60_000);
            emulator.resetRequests();
            await assert.rejects(plugin.invoke(FUNCTION_TOKEN, { pageSize: 100 }), failedWith("CANCELLED", /Invoke refused: the engine called Cancel earlier/));
            await assert.rejects(plugin.check({}, { pageSize: 100 }, { name: "pending" }), failedWith("CANCELLED", /Check refused/));
            assert.equal(requests(), 0);
            assert.equal(JSON.parse(await plugin.schema()).name, "alicloud-message-contacts");
        });
    });
});
