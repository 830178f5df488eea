import type { RetryEnvironment } from "./with-retries";

/** Tuning of {@link AdaptiveRateLimiter}; the defaults suit Alibaba Cloud's per-account API flow control. */
export interface AdaptiveRateOptions {
    /** Rate kept after a throttled answer, as a fraction of the rate that was accepted. Default 0.7. */
    beta?: number;
    /** Lowest rate, requests per second. Default 0.5. */
    minRate?: number;
    /** Window over which the sending rate is measured, ms. Default 1000. */
    windowMs?: number;
}

/**
 * Client-side flow control shared by every request of a client, as AWS SDKs' "adaptive" retry mode does:
 * no limit until the service throttles; then every request waits for a token of a bucket whose rate is cut
 * to `beta` times the rate requests were being sent at (multiplicative decrease, once per burst); while
 * answers succeed it climbs back to that rate quickly (about 1.5x a second), then probes beyond it by about one request per second
 * each second (additive increase). A throttled answer's
 * `x-acs-retry-after` pauses every request, not only the one that was throttled. So concurrent page fetches
 * back off together and settle near the service's limit instead of each retrying on its own.
 */
export class AdaptiveRateLimiter {
    readonly #env: Pick<RetryEnvironment, "now" | "sleep">;
    readonly #beta: number;
    readonly #minRate: number;
    readonly #windowMs: number;
    #limited = false;
    #rate = Number.POSITIVE_INFINITY;
    #ceiling = 0;
    #tokens = 0;
    #refilledAt = 0;
    #pausedUntil = 0;
    #cutAt = Number.NEGATIVE_INFINITY;
    #sent: number[] = [];
    /** Throttled answers seen, for diagnostics and tests. */
    throttled = 0;

    constructor(env: Pick<RetryEnvironment, "now" | "sleep">, options: AdaptiveRateOptions = {}) {
        this.#env = env;
        this.#beta = options.beta ?? 0.7;
        this.#minRate = options.minRate ?? 0.5;
        this.#windowMs = options.windowMs ?? 1000;
    }

    /** The current limit in requests per second (`Infinity` until the first throttled answer). */
    get rate(): number {
        return this.#rate;
    }

    /**
     * Waits until a request may be sent: past any pause, and holding a token once the service has throttled.
     * Resolves to the send time, to hand back to {@link onThrottled}.
     */
    async acquire(signal?: AbortSignal): Promise<number> {
        for (;;) {
            const now = this.#env.now();
            if (now < this.#pausedUntil) {
                await this.#env.sleep(this.#pausedUntil - now, signal);
                continue;
            }
            if (!this.#limited) return this.#recordSend(now);
            this.#tokens = Math.min(1, this.#tokens + ((now - this.#refilledAt) * this.#rate) / 1000);
            this.#refilledAt = now;
            if (this.#tokens >= 1) {
                this.#tokens -= 1;
                return this.#recordSend(now);
            }
            await this.#env.sleep(Math.ceil(((1 - this.#tokens) * 1000) / this.#rate), signal);
        }
    }

    #recordSend(now: number): number {
        this.#sent.push(now);
        while ((this.#sent[0] ?? now) <= now - this.#windowMs) this.#sent.shift();
        return now;
    }

    /**
     * Records an accepted answer. Below the rate of the last cut the limit climbs back quickly (about 1.5x a
     * second); above it, it probes by about one request per second each second.
     */
    onAccepted(): void {
        if (!this.#limited) return;
        this.#rate = this.#rate < this.#ceiling ? Math.min(this.#ceiling, this.#rate + 0.5) : this.#rate + 1 / this.#rate;
    }

    /**
     * Records a throttled answer to a request sent at `sentAt`: pauses everyone for `retryAfterMs` when given,
     * and cuts the rate, once per burst: answers to requests sent before the last cut do not cut again.
     */
    onThrottled(retryAfterMs?: number, sentAt = Number.POSITIVE_INFINITY): void {
        const now = this.#env.now();
        this.throttled++;
        if (retryAfterMs !== undefined) this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
        if (sentAt < this.#cutAt) return;
        const sentRate = (this.#sent.filter((t) => t > now - this.#windowMs).length * 1000) / this.#windowMs;
        // A lone request throttled says nothing about a rate: backoff and the pause do the work.
        if (!this.#limited && sentRate < 2) return;
        this.#cutAt = now;
        const basis = this.#limited ? Math.min(this.#rate, sentRate || this.#rate) : sentRate;
        this.#ceiling = basis;
        this.#rate = Math.max(this.#minRate, this.#beta * basis);
        if (!this.#limited) this.#refilledAt = now;
        this.#limited = true;
        this.#tokens = Math.min(this.#tokens, 0);
    }
}
