import { strict as assert } from "node:assert";
import { AlibabaCloudApiError, listMessageContactVerifications, TransportError } from "../../provider/alibaba-client";
import { readStackConfig } from "../../provider/dynamic/stack-config";
import { useEmulator, verifications } from "../support/emulator-fixture";

const ROLE = "acs:ram::123456789012:role/pulumi-reader";

/** Resolves with how long `promise` took to settle, and its rejection (or undefined). */
async function timed(promise: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
    const started = Date.now();
    try {
        await promise;
        return { ms: Date.now() - started, error: undefined };
    } catch (error) {
        return { ms: Date.now() - started, error };
    }
}

describe("timeoutMs bounds the whole call, credentials included; one retry loop per request", () => {
    const fixture = useEmulator({ roles: [ROLE], verifications: verifications(30) });
    /** Stack settings that assume ROLE through the emulator's STS. */
    const assumingRole = () => {
        const e = fixture.emulator;
        const config: Record<string, string> = {
            "alicloud:accessKey": e.account.accessKeyId,
            "alicloud:secretKey": e.account.accessKeySecret,
            "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE }),
        };
        return readStackConfig((key) => config[key]);
    };
    const stsRequests = () => fixture.emulator.requests.filter((r) => r.action === "AssumeRole").length;

    it("an AssumeRole endpoint that never answers ends the listing at timeoutMs with a typed timeout", async function () {
        this.timeout(15_000);
        fixture.emulator.inject({ fault: { kind: "hang" }, match: { action: "AssumeRole" }, times: Infinity });
        const { ms, error } = await timed(
            listMessageContactVerifications({ endpoint: fixture.emulator.url, stsEndpoint: fixture.emulator.url, settings: assumingRole(), timeoutMs: 1500 }),
        );
        assert.ok(error instanceof TransportError && error.failure === "Timeout", String(error));
        assert.match(error.message, /the listing did not finish within the 1500 ms set by argument timeoutMs/);
        assert.ok(ms >= 1400 && ms < 2500, `ended after ${ms} ms`);
    });

    it("an AssumeRole endpoint that asks to retry after 120 s fails the listing at once, saying so, instead of sleeping past timeoutMs", async function () {
        this.timeout(15_000);
        fixture.emulator.inject({
            fault: { kind: "error", status: 503, code: "ServiceUnavailable", retryAfterMs: 120_000 },
            match: { action: "AssumeRole" },
            times: Infinity,
        });
        const { ms, error } = await timed(
            listMessageContactVerifications({ endpoint: fixture.emulator.url, stsEndpoint: fixture.emulator.url, settings: assumingRole(), timeoutMs: 1500 }),
        );
        assert.ok(error instanceof AlibabaCloudApiError && error.operation === "AssumeRole" && error.code === "ServiceUnavailable", String(error));
        assert.match(error.message, /the service asked to retry after 120000 ms, past the time left of the 1500 ms set by argument timeoutMs/);
        assert.ok(ms < 1000, `ended after ${ms} ms`);
        assert.equal(stsRequests(), 1);
    });

    it("an AssumeRole answering 503 is retried by one loop only: maxAttempts requests, one message suffix", async function () {
        this.timeout(30_000);
        fixture.emulator.inject({ fault: { kind: "error", status: 503, code: "ServiceUnavailable" }, match: { action: "AssumeRole" }, times: Infinity });
        const { error } = await timed(
            listMessageContactVerifications({ endpoint: fixture.emulator.url, stsEndpoint: fixture.emulator.url, settings: assumingRole(), maxAttempts: 3 }),
        );
        assert.ok(error instanceof AlibabaCloudApiError && error.operation === "AssumeRole", String(error));
        assert.equal(stsRequests(), 3);
        assert.equal(error.attempts, 3);
        assert.equal(error.message.match(/gave up after/g)?.length, 1, error.message);
        assert.match(error.message, /gave up after 3 attempts/);
    });

    it("a throttled answer asking to wait past the remaining time fails at once, saying how long was asked", async function () {
        this.timeout(15_000);
        const e = fixture.emulator;
        e.inject({ fault: { kind: "error", status: 400, code: "Throttling.User", retryAfterMs: 60_000 }, times: Infinity });
        const { ms, error } = await timed(
            listMessageContactVerifications({
                endpoint: e.url,
                accessKeyId: e.account.accessKeyId,
                accessKeySecret: e.account.accessKeySecret,
                timeoutMs: 5000,
            }),
        );
        assert.ok(error instanceof AlibabaCloudApiError && error.code === "Throttling.User", String(error));
        assert.ok(ms < 1000, `failed after ${ms} ms`);
        assert.match(error.message, /asked to retry after 60000 ms, past the time left of the 5000 ms set by argument timeoutMs/);
        assert.equal(e.requests.length, 1);
    });

    it("x-acs-retry-after has one cap: a day-long value pauses no longer than maxRetryAfterMs, without a TimeoutOverflowWarning", async function () {
        this.timeout(15_000);
        const e = fixture.emulator;
        const warnings: string[] = [];
        const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
        process.on("warning", onWarning);
        try {
            // Three throttled answers (a burst that cuts the rate) with absurd waits, then normal answers.
            e.inject({ fault: { kind: "error", status: 400, code: "Throttling", retryAfterMs: 2 ** 33 }, times: 3 });
            const { error } = await timed(
                listMessageContactVerifications({
                    endpoint: e.url,
                    accessKeyId: e.account.accessKeyId,
                    accessKeySecret: e.account.accessKeySecret,
                    pageSize: 10,
                    concurrency: 3,
                    timeoutMs: 8000,
                }),
            );
            // The cap (120 s) is past the budget: the listing fails at once instead of sleeping for a day.
            assert.ok(error instanceof AlibabaCloudApiError && error.code === "Throttling", String(error));
            await new Promise((resolve) => setImmediate(resolve));
            assert.deepEqual(
                warnings.filter((w) => w.startsWith("TimeoutOverflowWarning")),
                [],
            );
        } finally {
            process.off("warning", onWarning);
        }
    });

    it("concurrency 32 adds no MaxListenersExceededWarning", async function () {
        this.timeout(15_000);
        const e = fixture.emulator;
        e.setVerifications(verifications(400));
        const warnings: string[] = [];
        const onWarning = (warning: Error) => warnings.push(warning.name);
        process.on("warning", onWarning);
        try {
            const listing = await listMessageContactVerifications({
                endpoint: e.url,
                accessKeyId: e.account.accessKeyId,
                accessKeySecret: e.account.accessKeySecret,
                pageSize: 10,
                concurrency: 32,
            });
            assert.equal(listing.totalCount, 400);
            await new Promise((resolve) => setImmediate(resolve));
            assert.deepEqual(
                warnings.filter((w) => w === "MaxListenersExceededWarning"),
                [],
            );
        } finally {
            process.off("warning", onWarning);
            e.setVerifications(verifications(30));
        }
    });
});
