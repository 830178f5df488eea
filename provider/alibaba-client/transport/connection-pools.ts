import type { Dispatcher, Pool } from "undici";
import { DEFAULT_TRANSPORT_OPTIONS, TransportOptions } from "./transport-options";

const pools = new Map<string, Pool>();

/** The two parts of undici the transport uses: the `Pool` class, and `request` on one of its pools. */
interface UndiciParts {
    Pool: typeof Pool;
    request(pool: Pool, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
}

let undiciParts: UndiciParts | undefined;

/**
 * undici's `Pool` and its `request` from their own modules: together they load in about a third of the time of
 * undici's index, which also loads fetch, cookies, WebSocket and Node's own copy of undici (50-100 ms at each
 * start of the Terraform provider that lists, and at the first listing of any program). The index is the
 * fallback, should a release move either file; `tests/unit/connection-pools.test.ts` checks they are the very
 * functions the index gives.
 */
export function undici(): UndiciParts {
    if (undiciParts) return undiciParts;
    try {
        const PoolClass = require("undici/lib/dispatcher/pool") as typeof Pool;
        const request = require("undici/lib/api/api-request") as (this: Pool, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
        undiciParts = { Pool: PoolClass, request: (pool, options) => request.call(pool, options) };
    } catch {
        const index = require("undici") as typeof import("undici");
        undiciParts = { Pool: index.Pool, request: (pool, options) => pool.request(options) };
    }
    return undiciParts;
}

/**
 * The shared keep-alive pool for an origin and set of limits. One pool per endpoint means concurrent pages
 * and later calls reuse connections instead of paying a TLS handshake each. undici is loaded on first use so
 * that importing the package stays cheap.
 */
export function poolFor(origin: string, options: TransportOptions = {}): Pool {
    const o = { ...DEFAULT_TRANSPORT_OPTIONS, ...options };
    const key = `${origin}|${o.connectTimeoutMs}|${o.headersTimeoutMs}|${o.bodyTimeoutMs}|${o.connections}`;
    let pool = pools.get(key);
    if (!pool || pool.closed || pool.destroyed) {
        pool = new (undici().Pool)(origin, {
            connections: o.connections,
            connectTimeout: o.connectTimeoutMs,
            headersTimeout: o.headersTimeoutMs,
            bodyTimeout: o.bodyTimeoutMs,
            keepAliveTimeout: 10_000,
            keepAliveMaxTimeout: 60_000,
        });
        pools.set(key, pool);
    }
    return pool;
}

/** Closes every shared pool (for a CLI about to exit, or tests that restart a server). */
export async function closeAllPools(): Promise<void> {
    const all = [...pools.values()];
    pools.clear();
    await Promise.all(all.map((pool) => pool.destroy().catch(() => undefined)));
}
