import { strict as assert } from "node:assert";
import { AlibabaCloudApiError, listMessageContactVerifications } from "../../provider/alibaba-client";
import { parseAnswer } from "../../provider/alibaba-client/transport/parse-answer";
import { z } from "zod";
import { useEmulator, verifications } from "../support/emulator-fixture";

const errorBody = Buffer.from(JSON.stringify({ RequestId: "R-1", Code: "Throttling.User", Message: "slow down" }));

describe("x-acs-retry-after, not Retry-After", () => {
    it("parseAnswer reads the wait from x-acs-retry-after only", () => {
        const read = (headers: Record<string, string>) => {
            try {
                parseAnswer("ListMessageContactVerifications", { status: 400, headers, body: errorBody }, z.object({}));
            } catch (error) {
                assert.ok(error instanceof AlibabaCloudApiError);
                return error.retryAfterMs;
            }
            assert.fail("an error answer must throw");
        };
        assert.equal(read({ "x-acs-retry-after": "1500" }), 1500);
        assert.equal(read({ "retry-after": "7" }), undefined);
        assert.equal(read({ "retry-after": "7", "x-acs-retry-after": "2500" }), 2500);
    });

    describe("against the emulator", () => {
        const fixture = useEmulator({ verifications: verifications(3) });

        it("waits what the service asked, well above the backoff, before the retry", async function () {
            this.timeout(10_000);
            const e = fixture.emulator;
            e.inject({ fault: { kind: "error", status: 400, code: "Throttling.User", retryAfterMs: 1200 } });
            const listing = await listMessageContactVerifications({
                endpoint: e.url,
                accessKeyId: e.account.accessKeyId,
                accessKeySecret: e.account.accessKeySecret,
            });
            assert.equal(listing.totalCount, 3);
            const [first, second] = e.requests;
            assert.ok(first && second);
            // The first backoff is at most 200 ms: a gap of 1.2 s can only come from the header.
            assert.ok(second.time - first.time >= 1150, `retried after ${second.time - first.time} ms`);
        });
    });
});
