import { strict as assert } from "node:assert";
import { startEmulator } from "../../emulator";
import { TokenBucket } from "../../emulator/token-bucket";
import { call, expectError, expectPage } from "./client";

describe("emulator: rate limiting", () => {
    it("throttles valid requests beyond the burst with 400 Throttling.User and x-acs-retry-after in ms", async () => {
        let clock = Date.parse("2024-05-01T12:00:00Z");
        const emulator = await startEmulator({ rateLimit: { requestsPerSecond: 4, burst: 2 }, now: () => clock });
        try {
            const date = () => new Date(clock);
            expectPage(await call(emulator, { date: date() }));
            expectPage(await call(emulator, { date: date() }));
            const reply = await call(emulator, { date: date() });
            const error = expectError(reply, 400, "Throttling.User");
            assert.equal(error.Message, "Request was denied due to user flow control.");
            assert.equal(reply.headers["x-acs-retry-after"], "250");

            clock += 100; // not yet a whole token
            assert.equal((await call(emulator, { date: date() })).headers["x-acs-retry-after"], "150");
            clock += 150;
            expectPage(await call(emulator, { date: date() }));
            expectError(await call(emulator, { date: date() }), 400, "Throttling.User");
        } finally {
            await emulator.close();
        }
    });

    it("does not spend tokens on requests with a bad signature", async () => {
        const emulator = await startEmulator({ rateLimit: { requestsPerSecond: 0.001, burst: 1 } });
        try {
            const badKey = { ...emulator.account, accessKeySecret: "wrong" };
            for (let i = 0; i < 3; i++) expectError(await call(emulator, { key: badKey }), 400, "SignatureDoesNotMatch");
            expectPage(await call(emulator));
            expectError(await call(emulator), 400, "Throttling.User");
        } finally {
            await emulator.close();
        }
    });

    it("refills a token bucket continuously up to its capacity", () => {
        let t = 0;
        const bucket = new TokenBucket(10, 3, () => t);
        assert.deepEqual([bucket.take(), bucket.take(), bucket.take()], [{ ok: true }, { ok: true }, { ok: true }]);
        assert.deepEqual(bucket.take(), { ok: false, retryAfterMs: 100 });
        t += 10_000; // a long pause refills to the capacity only
        for (let i = 0; i < 3; i++) assert.deepEqual(bucket.take(), { ok: true });
        assert.equal(bucket.take().ok, false);
    });
});
