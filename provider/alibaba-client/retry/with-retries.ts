import { AlibabaCloudApiError, MessageContactsError } from "../errors";
import { retryDelay } from "./retry-decision";
import { RetryOptions } from "./retry-options";

/** Clock, randomness and sleep, injectable so tests need not wait for real time. */
export interface RetryEnvironment {
    now(): number;
    random(): number;
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A sleep that an AbortSignal cancels. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}

/** The real clock, `Math.random` and timers. */
export const REAL_RETRY_ENVIRONMENT: RetryEnvironment = { now: Date.now, random: Math.random, sleep };

/**
 * Thrown by an attempt to end the loop with `error` as it is: not retried, no attempts told. For failures
 * that another loop already owns (credentials fetched inside a request are retried by the credentials
 * provider's own loop, if at all), so that one failure is retried by exactly one loop.
 */
export class FinalFailure {
    constructor(readonly error: unknown) {}
}

/** What bounds a retry loop besides `maxAttempts`. */
export interface RetryBounds {
    /** Cancels the waits between attempts. */
    signal?: AbortSignal;
    /** When the caller's time is up (on the environment's clock): no wait may end past it. */
    deadline?: number;
    /** The deadline as messages name it, in the caller's words (`the 5000 ms set by argument timeoutMs`). */
    deadlineName?: string;
}

/**
 * Runs `attempt` until it succeeds or {@link retryDelay} says stop. A wait that would end past
 * `bounds.deadline` is not started: the loop gives up at once with the last error, saying how long the wait
 * would have been. What it throws then is a new error of the failure's class (see
 * {@link MessageContactsError.afterAttempts}) that tells how many attempts were made, over how long and why it
 * stopped; the error an attempt threw is never changed.
 */
export async function withRetries<T>(
    attempt: (attemptNumber: number) => Promise<T>,
    options: RetryOptions,
    env: RetryEnvironment = REAL_RETRY_ENVIRONMENT,
    bounds: RetryBounds = {},
): Promise<T> {
    const started = env.now();
    for (let attemptNumber = 1; ; attemptNumber++) {
        try {
            return await attempt(attemptNumber);
        } catch (thrown) {
            if (thrown instanceof FinalFailure) throw thrown.error;
            const delay = retryDelay(thrown, attemptNumber, options, env.random);
            const now = env.now();
            const pastDeadline = delay !== undefined && bounds.deadline !== undefined && now + delay > bounds.deadline;
            if (delay === undefined || pastDeadline) {
                // The first loop to give up on an error tells how its attempts ended, in a new error; an error
                // that already tells (given up by an inner loop) or is not this package's goes on as it is.
                if (!(thrown instanceof MessageContactsError) || thrown.attempts !== undefined) throw thrown;
                const stoppedBecause = pastDeadline ? pastDeadlineReason(thrown, delay, bounds, now) : undefined;
                throw thrown.afterAttempts({ attempts: attemptNumber, elapsedMs: now - started, stoppedBecause });
            }
            await env.sleep(delay, bounds.signal);
        }
    }
}

function pastDeadlineReason(error: MessageContactsError, delay: number, bounds: RetryBounds, now: number): string {
    const left = Math.max(0, (bounds.deadline ?? now) - now);
    const budget = bounds.deadlineName ? `the time left of ${bounds.deadlineName}` : "the time left";
    const asked = error instanceof AlibabaCloudApiError && error.retryAfterMs !== undefined;
    return asked
        ? `the service asked to retry after ${error.retryAfterMs} ms, past ${budget} (${left} ms)`
        : `the next retry (in ${delay} ms) would end past ${budget} (${left} ms)`;
}
