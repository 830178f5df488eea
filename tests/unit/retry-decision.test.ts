import { strict as assert } from "node:assert";
import { AlibabaCloudApiError, InvalidArgumentError, TransportError } from "../../provider/alibaba-client";
import { backoffDelay, retryDelay, withRetries } from "../../provider/alibaba-client/retry";

const apiError = (httpStatus: number, code: string, retryAfterMs?: number) =>
    new AlibabaCloudApiError({ operation: "Op", httpStatus, code, message: "m", requestId: "RID", retryAfterMs });
const half = () => 0.5;

describe("retry decision", () => {
    it("retries throttling, 5xx and connection failures", () => {
        for (const error of [
            apiError(400, "Throttling"),
            apiError(400, "Throttling.User"),
            apiError(400, "Throttling.Api"),
            apiError(500, "InternalError"),
            apiError(503, "ServiceUnavailable"),
            apiError(502, "Whatever"),
            new TransportError("ConnectionReset", "Op", "reset"),
            new TransportError("Timeout", "Op", "slow"),
        ]) {
            assert.notEqual(retryDelay(error, 1, {}, half), undefined, error.code);
        }
    });

    it("never retries other 4xx answers, bad arguments or an oversized answer", () => {
        for (const error of [
            apiError(400, "InvalidParameter.ContactId"),
            apiError(404, "EntityNotExists.Contact"),
            apiError(400, "SignatureDoesNotMatch"),
            new InvalidArgumentError("pageSize", "bad"),
            new TransportError("ResponseTooLarge", "Op", "big"),
            new Error("a bug"),
        ]) {
            assert.equal(retryDelay(error, 1, {}, half), undefined);
        }
    });

    it("stops at maxAttempts", () => {
        assert.notEqual(retryDelay(apiError(503, "ServiceUnavailable"), 2, { maxAttempts: 3 }, half), undefined);
        assert.equal(retryDelay(apiError(503, "ServiceUnavailable"), 3, { maxAttempts: 3 }, half), undefined);
    });

    it("backs off exponentially with full jitter, capped", () => {
        const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
        assert.equal(
            backoffDelay(1, opts, () => 0.999),
            99,
        );
        assert.equal(
            backoffDelay(3, opts, () => 0.999),
            399,
        );
        assert.equal(
            backoffDelay(10, opts, () => 0.999),
            999,
        );
        assert.equal(
            backoffDelay(3, opts, () => 0),
            0,
        );
    });

    it("honours x-acs-retry-after, capped", () => {
        assert.equal(retryDelay(apiError(400, "Throttling.User", 1500), 1, {}, half), 1500);
        assert.equal(retryDelay(apiError(400, "Throttling.User", 500_000), 1, { maxRetryAfterMs: 120_000 }, half), 120_000);
    });

    it("reports attempts and elapsed time when it gives up", async () => {
        let now = 0;
        const env = { now: () => now, random: half, sleep: async (ms: number) => void (now += ms) };
        let calls = 0;
        await assert.rejects(
            withRetries(
                async () => {
                    calls++;
                    throw apiError(503, "ServiceUnavailable");
                },
                { maxAttempts: 3, baseDelayMs: 100 },
                env,
            ),
            (e: unknown) =>
                e instanceof AlibabaCloudApiError &&
                e.attempts === 3 &&
                e.elapsedMs === 150 &&
                /gave up after 3 attempts over 150 ms/.test(e.message) &&
                /RID/.test(e.message),
        );
        assert.equal(calls, 3);
    });

    it("throws a new error that tells the attempts, of the same class and fields, and never edits the one an attempt threw", async () => {
        let now = 0;
        const env = { now: () => now, random: half, sleep: async (ms: number) => void (now += ms) };
        const socketError = new Error("ECONNRESET");
        const thrown: TransportError[] = [];
        const attempt = async () => {
            const error = new TransportError("ConnectionReset", "Op", "the connection broke", socketError, "RID-7");
            thrown.push(error);
            throw error;
        };
        await assert.rejects(
            withRetries(attempt, { maxAttempts: 2, baseDelayMs: 100 }, env, { deadline: 10_000, deadlineName: "the 10000 ms set by argument timeoutMs" }),
            (e: unknown) => {
                assert.ok(e instanceof TransportError, String(e));
                assert.ok(!thrown.includes(e), "the error given up is a new one");
                assert.deepEqual(
                    [e.code, e.failure, e.operation, e.requestId, e.retryable, e.cause, e.attempts, e.elapsedMs],
                    ["ConnectionReset", "ConnectionReset", "Op", "RID-7", true, socketError, 2, 50],
                );
                assert.equal(e.message, "Op: the connection broke (RequestId RID-7) [gave up after 2 attempts over 50 ms]");
                assert.match(e.stack ?? "", /^TransportError: Op: the connection broke .*\n\s+at /);
                return true;
            },
        );
        for (const error of thrown) {
            assert.equal(error.attempts, undefined);
            assert.equal(error.message, "Op: the connection broke (RequestId RID-7)");
        }
    });

    it("a wait past the deadline: the new error says why it stopped; an inner loop's error passes an outer loop unchanged", async () => {
        const env = { now: () => 0, random: half, sleep: async () => undefined };
        const inner = () =>
            withRetries(
                async () => {
                    throw apiError(400, "Throttling.User", 5_000);
                },
                { maxAttempts: 5 },
                env,
                { deadline: 1_000, deadlineName: "the 1000 ms set by argument timeoutMs" },
            );
        await assert.rejects(
            inner(),
            (e: unknown) =>
                e instanceof AlibabaCloudApiError &&
                e.attempts === 1 &&
                e.stoppedBecause === "the service asked to retry after 5000 ms, past the time left of the 1000 ms set by argument timeoutMs (1000 ms)" &&
                e.message.endsWith(
                    "[gave up after 1 attempt over 0 ms: the service asked to retry after 5000 ms, past the time left of the 1000 ms set by argument timeoutMs (1000 ms)]",
                ),
        );
        let fromInner: unknown;
        const outer = withRetries(() => inner().catch((e: unknown) => Promise.reject((fromInner = e))), { maxAttempts: 1 }, env);
        await assert.rejects(outer, (e: unknown) => e === fromInner && e instanceof AlibabaCloudApiError && e.attempts === 1);
    });
});
