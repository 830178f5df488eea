import { MessageContactsError } from "../errors";
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
 * Runs `attempt` until it succeeds or {@link retryDelay} says stop. The error that gives up carries how many
 * attempts were made and over how long, and its message says so.
 */
export async function withRetries<T>(
    attempt: (attemptNumber: number) => Promise<T>,
    options: RetryOptions,
    env: RetryEnvironment = REAL_RETRY_ENVIRONMENT,
    signal?: AbortSignal,
): Promise<T> {
    const started = env.now();
    for (let attemptNumber = 1; ; attemptNumber++) {
        try {
            return await attempt(attemptNumber);
        } catch (error) {
            const delay = retryDelay(error, attemptNumber, options, env.random);
            if (delay === undefined) {
                if (error instanceof MessageContactsError && attemptNumber > 1) {
                    error.attempts = attemptNumber;
                    error.elapsedMs = env.now() - started;
                    error.message += ` [gave up after ${attemptNumber} attempts over ${error.elapsedMs} ms]`;
                }
                throw error;
            }
            await env.sleep(delay, signal);
        }
    }
}
