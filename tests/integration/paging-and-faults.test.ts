import { strict as assert } from "node:assert";
import { AlibabaCloudApiError, getMessageContactVerifications, InconsistentListingError, InvalidResponseError, TransportError } from "../../sdk";
import { useEmulator, verifications } from "../support/emulator-fixture";

describe("paging against a server that answers differently than asked", () => {
    describe("a server whose maximum page size is 50 and rejects larger", () => {
        const fixture = useEmulator({ maxPageSize: 50, pageSizeOverflow: "reject" });
        it("steps down from 100 to 50 and still returns every item", async () => {
            const seeded = verifications(173);
            fixture.emulator.setVerifications(seeded);
            const result = await getMessageContactVerifications(fixture.client());
            assert.deepEqual(result.verifications, seeded);
            const sizes = fixture.emulator.requests.map((r) => r.query.PageSize);
            assert.deepEqual(sizes.slice(0, 2), ["100", "50"]);
            assert.ok(sizes.slice(1).every((s) => s === "50"));
        });
    });

    describe("a server that silently serves smaller pages than asked", () => {
        const fixture = useEmulator({ maxPageSize: 7, pageSizeOverflow: "clamp" });
        it("plans from the PageSize it answers and returns every item", async () => {
            const seeded = verifications(60);
            fixture.emulator.setVerifications(seeded);
            const result = await getMessageContactVerifications(fixture.client());
            assert.deepEqual(result.verifications, seeded);
            assert.equal(fixture.emulator.requests.length, 9);
        });
    });

    describe("temporary (STS) credentials", () => {
        const account = { accessKeyId: "STS.tempkey0001", accessKeySecret: "temp-secret", securityToken: "sts-token-abc" };
        const fixture = useEmulator({ accounts: [account], verifications: verifications(3) });
        it("sends x-acs-security-token", async () => {
            const result = await getMessageContactVerifications({ endpoint: fixture.emulator.url, ...account });
            assert.equal(result.totalCount, 3);
            assert.equal(fixture.emulator.requests[0]?.headers["x-acs-security-token"], "sts-token-abc");
        });
        it("fails clearly without the token", async () => {
            const { securityToken: _omit, ...withoutToken } = account;
            await assert.rejects(
                getMessageContactVerifications({ endpoint: fixture.emulator.url, ...withoutToken }),
                (e: unknown) => e instanceof AlibabaCloudApiError && /SecurityToken/.test(e.code),
            );
        });
    });
});

describe("faults: each ends in the complete result or a specific typed error", () => {
    const fixture = useEmulator({ verifications: verifications(250) });
    const all = () => getMessageContactVerifications(fixture.client({ maxAttempts: 3 }));

    it("retries a throttled page, honouring x-acs-retry-after", async () => {
        fixture.emulator.inject({ fault: { kind: "error", status: 400, code: "Throttling.User", retryAfterMs: 30 }, match: { pageNumber: 3 } });
        const result = await all();
        assert.equal(result.totalCount, 250);
        const page3 = fixture.emulator.requests.filter((r) => r.query.PageNumber === "3");
        assert.equal(page3.length, 2);
        assert.ok((page3[1]?.time ?? 0) - (page3[0]?.time ?? 0) >= 25);
    });

    it("retries a reset connection", async () => {
        fixture.emulator.inject({ fault: { kind: "reset" }, match: { pageNumber: 2 } });
        assert.equal((await all()).totalCount, 250);
    });

    it("gives up on persistent 5xx with the attempts, time and last RequestId", async () => {
        fixture.emulator.inject({ fault: { kind: "error", status: 500, code: "InternalError" }, times: Infinity, match: { pageNumber: 2 } });
        await assert.rejects(all(), (e: unknown) => {
            assert.ok(e instanceof AlibabaCloudApiError);
            assert.equal(e.code, "InternalError");
            assert.equal(e.attempts, 3);
            assert.match(e.message, /gave up after 3 attempts over \d+ ms/);
            assert.match(e.message, /RequestId [0-9A-F-]{36}/);
            return true;
        });
    });

    for (const [name, fault, problem] of [
        ["an HTML page from a proxy", { kind: "body", body: "<html><body>502 Bad Gateway</body></html>", contentType: "text/html" }, /HTML page/],
        ["truncated JSON", { kind: "body", body: '{"RequestId":"X","TotalCount":2' }, /truncated or invalid JSON/],
        [
            "a mistyped TotalCount",
            { kind: "body", body: '{"RequestId":"R-7","TotalCount":"many","PageSize":100,"PageNumber":1,"ContactVerifications":[]}' },
            /TotalCount/,
        ],
        [
            "a negative TotalCount",
            { kind: "body", body: '{"RequestId":"R-8","TotalCount":-1,"PageSize":100,"PageNumber":1,"ContactVerifications":[]}' },
            /TotalCount/,
        ],
        ["a missing list", { kind: "body", body: '{"RequestId":"R-9","TotalCount":3,"PageSize":100,"PageNumber":1}' }, /ContactVerifications is missing/],
        ["an empty body", { kind: "body", body: "" }, /empty/],
    ] as const) {
        it(`refuses ${name} with InvalidResponseError naming the operation`, async () => {
            fixture.emulator.inject({ fault, match: { pageNumber: 1 } });
            await assert.rejects(all(), (e: unknown) => {
                assert.ok(e instanceof InvalidResponseError, String(e));
                assert.match(e.message, /^ListMessageContactVerifications returned an unusable answer/);
                assert.match(e.problem, problem);
                return true;
            });
        });
    }

    it("names the RequestId of a wrong-shaped answer", async () => {
        fixture.emulator.inject({ fault: { kind: "body", body: '{"RequestId":"R-42","TotalCount":"x"}' }, match: { pageNumber: 1 } });
        await assert.rejects(all(), (e: unknown) => e instanceof InvalidResponseError && e.requestId === "R-42" && /R-42/.test(e.message));
    });

    it("retries a body cut short mid-answer", async () => {
        fixture.emulator.inject({ fault: { kind: "truncate" }, match: { pageNumber: 2 } });
        assert.equal((await all()).totalCount, 250);
    });

    it("refuses an answer over the size cap without retrying", async () => {
        await assert.rejects(
            getMessageContactVerifications(fixture.client({ maxResponseBytes: 2048 })),
            (e: unknown) => e instanceof TransportError && e.code === "ResponseTooLarge" && !e.retryable,
        );
        assert.equal(fixture.emulator.requests.length, 1);
    });

    it("re-lists when an item is added between pages and returns the new, complete list", async () => {
        const before = fixture.emulator.verifications();
        const added = { contactId: "c-aaaaaaaa01", target: "added***@example.com" };
        fixture.emulator.inject({ fault: { kind: "mutate", apply: (list) => [added, ...list] }, match: { pageNumber: 2 } });
        const result = await all();
        assert.deepEqual(result.verifications, [added, ...before]);
        fixture.emulator.setVerifications(before);
    });

    it("fails with InconsistentListingError when the data changes on every listing", async () => {
        const before = fixture.emulator.verifications();
        let n = 0;
        fixture.emulator.inject({
            fault: { kind: "mutate", apply: (list) => [...list, { contactId: "c-aaaaaaaa01", target: `new${n++}***@example.com` }] },
            match: { pageNumber: 2 },
            times: Infinity,
        });
        await assert.rejects(all(), (e: unknown) => e instanceof InconsistentListingError && e.listings === 3 && /TotalCount changed/.test(e.message));
        fixture.emulator.setVerifications(before);
    });

    it("stops at the listing time limit with a Timeout error", async () => {
        fixture.emulator.inject({ fault: { kind: "hang" }, match: { pageNumber: 2 } });
        await assert.rejects(
            getMessageContactVerifications(fixture.client({ timeoutMs: 1000 })),
            (e: unknown) => e instanceof TransportError && e.code === "Timeout" && /within the 1000 ms set by argument timeoutMs/.test(e.message),
        );
    });
});
