import type { Pool } from "undici";
import { DEFAULT_TRANSPORT_OPTIONS, TransportOptions } from "./transport-options";

const pools = new Map<string, Pool>();

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
        const undici = require("undici") as typeof import("undici");
        pool = new undici.Pool(origin, {
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
