import { strict as assert } from "node:assert";
import { AdaptiveRateLimiter } from "../../provider/alibaba-client/retry";

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

/** Sends `n` requests evenly over the next second, all accepted. */
async function sendOverOneSecond(limiter: AdaptiveRateLimiter, clock: ReturnType<typeof virtualClock>, n: number): Promise<number> {
    let last = 0;
    for (let i = 0; i < n; i++) {
        clock.t += 1000 / n;
        last = await limiter.acquire();
        limiter.onAccepted();
    }
    return last;
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

    it("cuts the rate to 0.7x of the sending rate, then spaces requests by it", async () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock);
        const sentAt = await sendOverOneSecond(limiter, clock, 10);
        limiter.onThrottled(undefined, sentAt);
        assert.equal(limiter.rate, 7);
        const start = clock.t;
        for (let i = 0; i < 8; i++) await limiter.acquire();
        const elapsed = clock.t - start;
        assert.ok(elapsed >= 1000 && elapsed <= 1200, `8 tokens at 7/s took ${elapsed} ms`);
    });

    it("cuts once per burst: answers to requests sent before the cut do not cut again", async () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock);
        const sentAt = await sendOverOneSecond(limiter, clock, 10);
        clock.t += 50; // the answers arrive after the requests went out
        for (let i = 0; i < 5; i++) limiter.onThrottled(undefined, sentAt);
        assert.equal(limiter.rate, 7);
        assert.equal(limiter.throttled, 5);
        const later = await limiter.acquire();
        clock.t += 50;
        limiter.onThrottled(undefined, later);
        assert.ok(limiter.rate < 7);
    });

    it("does not guess a rate from one throttled request, but honours its pause", async () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock);
        const sentAt = await limiter.acquire();
        limiter.onThrottled(750, sentAt);
        assert.equal(limiter.rate, Number.POSITIVE_INFINITY);
        await limiter.acquire();
        assert.ok(clock.t >= 750);
    });

    it("climbs back to the rate of the cut quickly, then probes by about one request per second each second", async () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock);
        limiter.onThrottled(undefined, await sendOverOneSecond(limiter, clock, 10));
        assert.equal(limiter.rate, 7);
        for (let i = 0; i < 6; i++) limiter.onAccepted(); // under a second's worth at 7/s
        assert.equal(limiter.rate, 10);
        for (let i = 0; i < 10; i++) limiter.onAccepted(); // one second's worth at 10/s
        assert.ok(limiter.rate > 10.9 && limiter.rate < 11.1, `rate ${limiter.rate}`);
    });

    it("keeps cutting while the service keeps throttling, never below minRate", async () => {
        const clock = virtualClock();
        const limiter = new AdaptiveRateLimiter(clock, { minRate: 0.5 });
        limiter.onThrottled(undefined, await sendOverOneSecond(limiter, clock, 10));
        for (let i = 0; i < 30; i++) limiter.onThrottled();
        assert.equal(limiter.rate, 0.5);
        assert.equal(limiter.throttled, 31);
    });
});
