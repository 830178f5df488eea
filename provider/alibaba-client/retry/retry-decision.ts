import { AlibabaCloudApiError, MessageContactsError } from "../errors";
import { normalizeRetryOptions, RetryOptions } from "./retry-options";

/** Full-jitter exponential backoff: a uniform pick in `[0, min(maxDelay, base * 2^(attempt-1))]`. */
export function backoffDelay(attempt: number, options: RetryOptions, random: () => number): number {
    const o = normalizeRetryOptions(options);
    const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.floor(random() * ceiling);
}

/**
 * The wait a throttled or unavailable answer asked for (`x-acs-retry-after`), capped by `maxRetryAfterMs`: the
 * one cap, applied by the retry loop and the shared rate limiter alike. Undefined when none was asked.
 */
export function cappedRetryAfter(error: unknown, options: RetryOptions): number | undefined {
    if (!(error instanceof AlibabaCloudApiError) || error.retryAfterMs === undefined) return undefined;
    return Math.min(error.retryAfterMs, normalizeRetryOptions(options).maxRetryAfterMs);
}

/**
 * How long to wait before the next attempt after `error` on attempt number `attempt` (1-based), or
 * `undefined` when it must not be retried: not retryable, or out of attempts. A server's
 * `x-acs-retry-after` wins over the backoff, capped by `maxRetryAfterMs`.
 */
export function retryDelay(error: unknown, attempt: number, options: RetryOptions, random: () => number): number | undefined {
    const o = normalizeRetryOptions(options);
    if (attempt >= o.maxAttempts) return undefined;
    if (!(error instanceof MessageContactsError) || !error.retryable) return undefined;
    return cappedRetryAfter(error, o) ?? backoffDelay(attempt, o, random);
}
