import { strict as assert } from "node:assert";
import { AdaptiveRateLimiter } from "../../provider/retry";

/** A virtual clock: sleeping advances it, so the limiter's waits are measured without waiting. */
function virtualClock() {
    const clock = {
        t: 0,
        slept: [] as number[],
        now: () => clock.t,
        sleep: async (ms: number) => {
            clock.slept.push(ms);
            clock.t += ms;
        },
    };
    return clock;
}

describe("adaptive rate limiter", () => {
    it("does not limit until the service throttles", async () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock);
        for (let i = 0; i < 100; i++) {
            await limiter.acquire();
            limiter.onAccepted();
        }
        assert.deepEqual(clock.slept, []);
        assert.equal(limiter.rate, Number.POSITIVE_INFINITY);
    });

    it("cuts the rate to 0.7x of what the service accepted, then spaces requests by it", async () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock);
        for (let i = 0; i < 10; i++) {
            clock.t += 100; // 10 accepted answers over the last second
            limiter.onAccepted();
        }
        limiter.onThrottled();
        assert.equal(limiter.rate, 7);
        const start = clock.t;
        for (let i = 0; i < 8; i++) await limiter.acquire();
        const elapsed = clock.t - start;
        assert.ok(elapsed >= 1000 && elapsed <= 1200, `8 tokens at 7/s took ${elapsed} ms`);
    });

    it("pauses every request for x-acs-retry-after", async () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock, { minRate: 100 });
        limiter.onThrottled(750);
        await limiter.acquire();
        assert.ok(clock.t >= 750);
    });

    it("grows the rate by about one request per second each second while answers succeed", () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock);
        for (let i = 0; i < 10; i++) {
            clock.t += 100;
            limiter.onAccepted();
        }
        limiter.onThrottled();
        for (let i = 0; i < 7; i++) limiter.onAccepted(); // one second's worth at 7/s
        assert.ok(limiter.rate > 7.9 && limiter.rate < 8.1, `rate ${limiter.rate}`);
    });

    it("keeps cutting while the service keeps throttling, never below minRate", () => {
        const limiter = new AdaptiveRateLimiter(virtualClock(), { minRate: 0.5 });
        limiter.onThrottled();
        for (let i = 0; i < 30; i++) limiter.onThrottled();
        assert.equal(limiter.rate, 0.5);
        assert.equal(limiter.throttled, 31);
    });
});
