/** The outcome of asking a {@link TokenBucket} for a token. */
export type TokenGrant = { ok: true } | { ok: false; retryAfterMs: number };

/** A token bucket: starts full with `burst` tokens, refills continuously at `ratePerSecond`. */
export class TokenBucket {
    private tokens: number;
    private last: number;

    /**
     * @param ratePerSecond tokens added per second (> 0)
     * @param burst capacity (>= 1)
     * @param now the clock, epoch milliseconds
     */
    constructor(
        private readonly ratePerSecond: number,
        private readonly burst: number,
        private readonly now: () => number,
    ) {
        if (!(Number.isFinite(ratePerSecond) && ratePerSecond > 0)) throw new RangeError("requestsPerSecond must be > 0");
        if (!(Number.isFinite(burst) && burst >= 1)) throw new RangeError("burst must be >= 1");
        this.tokens = burst;
        this.last = now();
    }

    /** Takes a token, or says how many milliseconds until one is available. */
    take(): TokenGrant {
        const t = this.now();
        this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, t - this.last) * this.ratePerSecond) / 1000);
        this.last = Math.max(this.last, t);
        if (this.tokens >= 1) {
            this.tokens -= 1;
            return { ok: true };
        }
        return { ok: false, retryAfterMs: Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond)) };
    }
}
