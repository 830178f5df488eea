/** How failed requests are retried. One policy serves every request of a client. */
export interface RetryOptions {
    /** Attempts per request, the first included. Default 5; 1 disables retries. */
    maxAttempts?: number;
    /** First backoff ceiling in milliseconds; it doubles per attempt (full jitter picks 0..ceiling). Default 200. */
    baseDelayMs?: number;
    /** Largest backoff ceiling in milliseconds. Default 10 000. */
    maxDelayMs?: number;
    /** Longest `x-acs-retry-after` honoured, in milliseconds (the official SDK caps it at 120 s). Default 120 000. */
    maxRetryAfterMs?: number;
}

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY_OPTIONS: Required<RetryOptions> = {
    maxAttempts: 5,
    baseDelayMs: 200,
    maxDelayMs: 10_000,
    maxRetryAfterMs: 120_000,
};

/** `options` with every default filled in: the one place retry defaults are applied. */
export function normalizeRetryOptions(options: RetryOptions = {}): Required<RetryOptions> {
    const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    return { ...DEFAULT_RETRY_OPTIONS, ...defined };
}
