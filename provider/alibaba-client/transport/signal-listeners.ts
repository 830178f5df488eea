import { defaultMaxListeners, setMaxListeners } from "node:events";

/** Listeners one request in flight may add to a listing's signal: rate-limiter wait, retry wait, HTTP exchange, credentials. */
const LISTENERS_PER_REQUEST = 4;

/**
 * Lets `signal` carry the listeners of `concurrency` requests in flight (each adds a few while it waits or
 * sends), so that a listing at concurrency 11..32 does not trip Node's `MaxListenersExceededWarning`, which
 * exists to flag leaks, not bounded fan-out like this.
 */
export function allowListenersFor(signal: AbortSignal, concurrency: number): void {
    setMaxListeners(Math.max(defaultMaxListeners, LISTENERS_PER_REQUEST * (concurrency + 1)), signal);
}
