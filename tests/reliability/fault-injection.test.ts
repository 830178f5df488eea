import { strict as assert } from "node:assert";
import { AlibabaCloudApiError, getMessageContactVerifications, InconsistentListingError, TransportError } from "../../sdk";
import { useEmulator, verifications } from "../support/emulator-fixture";

/**
 * Fault injection: each fault ends in the complete result or the specific typed error. (Malformed bodies,
 * size caps, resets and single throttles are in tests/integration/paging-and-faults.test.ts.)
 */
describe("fault injection", () => {
    const fixture = useEmulator();
    beforeEach(() => fixture.emulator.setVerifications(verifications(500)));
    const list = (extra = {}) => getMessageContactVerifications(fixture.client({ pageSize: 50, ...extra }));

    it("a burst of throttling across concurrent pages: backs off together and completes", async () => {
        for (let page = 2; page <= 7; page++) {
            fixture.emulator.inject({ fault: { kind: "error", status: 400, code: "Throttling.User" }, match: { pageNumber: page } });
        }
        const result = await list({ concurrency: 6 });
        assert.deepEqual(result.verifications, fixture.emulator.verifications());
        const throttled = fixture.emulator.requests.filter((r) => r.errorCode === "Throttling.User").length;
        assert.equal(throttled, 6);
    });

    it("5xx on several pages: retried, complete", async () => {
        for (const [page, code, status] of [
            [2, "InternalError", 500],
            [5, "ServiceUnavailable", 503],
            [7, "BadGateway", 502],
        ] as const) {
            fixture.emulator.inject({ fault: { kind: "error", status, code }, match: { pageNumber: page }, times: 2 });
        }
        const result = await list();
        assert.equal(result.totalCount, 500);
        assert.equal(fixture.emulator.requests.filter((r) => (r.status ?? 0) >= 500).length, 6);
    });

    it("an answer slower than requestTimeoutMs: timed out, retried, complete", async () => {
        fixture.emulator.inject({ fault: { kind: "delay", ms: 1500 }, match: { pageNumber: 3 } });
        const result = await list({ requestTimeoutMs: 300 });
        assert.equal(result.totalCount, 500);
        assert.equal(fixture.emulator.requests.filter((r) => r.query.PageNumber === "3").length, 2);
    });

    it("every answer slower than requestTimeoutMs: a Timeout error after maxAttempts", async () => {
        fixture.emulator.inject({ fault: { kind: "hang" }, match: { pageNumber: 2 }, times: Infinity });
        await assert.rejects(list({ requestTimeoutMs: 200, maxAttempts: 2 }), (e: unknown) => {
            assert.ok(e instanceof TransportError && e.code === "Timeout", String(e));
            assert.equal(e.attempts, 2);
            assert.match(e.message, /gave up after 2 attempts/);
            return true;
        });
    });

    it("a refused connection: retried, then a ConnectionFailed error naming the endpoint", async () => {
        await assert.rejects(
            getMessageContactVerifications({ ...fixture.client(), endpoint: "http://127.0.0.1:1", maxAttempts: 2 }),
            (e: unknown) => e instanceof TransportError && e.code === "ConnectionFailed" && e.attempts === 2 && /127\.0\.0\.1:1/.test(e.message),
        );
    });

    it("items removed so that later pages are beyond the end: re-listed, complete", async () => {
        fixture.emulator.inject({ fault: { kind: "mutate", apply: (list) => list.slice(0, 120) }, match: { pageNumber: 4 } });
        const result = await list({ concurrency: 1 });
        assert.equal(result.totalCount, 120);
        assert.deepEqual(result.verifications, fixture.emulator.verifications());
    });

    it("a server whose pages disagree with its own TotalCount: a clear error, never a partial list", async () => {
        fixture.emulator.inject({
            fault: { kind: "body", body: JSON.stringify({ RequestId: "R-EMPTY", TotalCount: 500, PageSize: 50, PageNumber: 2, ContactVerifications: [] }) },
            match: { pageNumber: 2 },
            times: Infinity,
        });
        await assert.rejects(
            list(),
            (e: unknown) => e instanceof InconsistentListingError && /page 2 held 0 items where 50 were expected/.test(e.message) && e.requestId === "R-EMPTY",
        );
    });

    it("a throttle that never ends: gives up with the attempts and the last RequestId", async () => {
        fixture.emulator.inject({ fault: { kind: "error", status: 400, code: "Throttling.Api", retryAfterMs: 10 }, times: Infinity });
        await assert.rejects(
            list({ maxAttempts: 3 }),
            (e: unknown) => e instanceof AlibabaCloudApiError && e.code === "Throttling.Api" && e.attempts === 3 && typeof e.requestId === "string",
        );
    });
});
