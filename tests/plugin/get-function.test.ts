/** The plugin's function (provider/plugin/get-function.ts) in process, against the emulator. */
import { strict as assert } from "node:assert";
import { Credentials, CredentialsProvider, StaticCredentialsProvider, TransportError } from "../../provider/alibaba-client";
import { FunctionHost, getMessageContactVerifications } from "../../provider/plugin/get-function";
import { BOB, listingOutputsOf, SMALL_LISTING, useEmulator } from "../support/emulator-fixture";

describe("the plugin's function (get-function.ts)", () => {
    const fixture = useEmulator({ verifications: SMALL_LISTING, contacts: [] });
    const calls: { arguments: unknown; stsEndpoint: string | undefined }[] = [];
    const host = (): FunctionHost => ({
        settings: () => ({ endpoint: fixture.emulator.url }),
        credentials(call): CredentialsProvider {
            calls.push(call);
            const { accessKeyId, accessKeySecret } = fixture.emulator.account;
            return new StaticCredentialsProvider(new Credentials(accessKeyId, accessKeySecret), "test");
        },
    });
    afterEach(() => (calls.length = 0));

    it("lists with the provider's settings, passing the call's credential arguments and stsEndpoint to the host", async () => {
        const result = await getMessageContactVerifications({ contactId: BOB, accessKeyId: "LTAIgivenKeyId001", stsEndpoint: "sts.example" }, host());
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.outputs, {
            id: `${new URL(fixture.emulator.url).host}/ListMessageContactVerifications/${BOB}`,
            contactId: BOB,
            totalCount: SMALL_LISTING.filter((v) => v.contactId === BOB).length,
            verifications: listingOutputsOf(SMALL_LISTING.filter((v) => v.contactId === BOB)).verifications,
        });
        assert.deepEqual(calls, [
            { arguments: { accessKeyId: "LTAIgivenKeyId001", accessKeySecret: undefined, securityToken: undefined }, stsEndpoint: "sts.example" },
        ]);
    });

    it("refuses bad and unknown arguments as failures, before asking for credentials or sending anything", async () => {
        const result = await getMessageContactVerifications({ pageSize: 0, contactid: "c-x" }, host());
        assert.deepEqual(result.failures.map((f) => f.property).sort(), ["contactid", "pageSize"]);
        assert.match(result.failures.find((f) => f.property === "contactid")?.reason ?? "", /did you mean contactId\?/);
        assert.deepEqual(calls, []);
        assert.deepEqual(fixture.emulator.requests, []);
    });

    it("does not write a secret contactId in the id", async () => {
        const result = await getMessageContactVerifications({ contactId: BOB }, host(), ["contactId"]);
        assert.ok(result.outputs && typeof result.outputs.id === "string");
        assert.ok(!result.outputs.id.includes(BOB), result.outputs.id);
        assert.match(result.outputs.id, /\/ListMessageContactVerifications\/sha256:[0-9a-f]{16}$/);
    });

    it("stops its requests when its signal aborts", async () => {
        const controller = new AbortController();
        controller.abort(new Error("cancelled by the test"));
        await assert.rejects(getMessageContactVerifications({}, host(), [], controller.signal), /cancelled by the test/);
        assert.deepEqual(fixture.emulator.requests, []);
    });

    it("a timeout names the limit a Pulumi user set: the provider's timeoutMs holds under a larger argument", async () => {
        fixture.emulator.inject({ fault: { kind: "delay", ms: 2_500 }, times: Infinity });
        const limited: FunctionHost = { ...host(), settings: () => ({ endpoint: fixture.emulator.url, timeoutMs: 1_000 }) };
        await assert.rejects(
            getMessageContactVerifications({ timeoutMs: 60_000 }, limited),
            (e: unknown) =>
                e instanceof TransportError && e.failure === "Timeout" && /within the 1000 ms set by alicloud-message-contacts:timeoutMs$/.test(e.message),
        );
        await assert.rejects(getMessageContactVerifications({ timeoutMs: 1_000 }, host()), /within the 1000 ms set by argument timeoutMs$/);
    });
});
