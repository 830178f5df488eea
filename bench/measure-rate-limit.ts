/**
 * A listing against a service that allows R requests per second (the emulator's token bucket): how close to
 * P / R seconds it completes and how many throttled answers it draws per page. The emulator runs in this
 * process: the time is set by the service's rate, not by CPU.
 */
import { DIST } from "./paths";
import { join } from "node:path";
import { summarize, Summary } from "./stats";

/** The emulator's API, as much as this measure uses. */
interface EmulatorApi {
    startEmulator(options: { verifications: { contactId: string; target: string }[]; rateLimit: { requestsPerSecond: number } }): Promise<{
        url: string;
        account: { accessKeyId: string; accessKeySecret: string };
        requests: { errorCode?: string }[];
        close(): Promise<void>;
    }>;
    demoVerifications(count: number): { contactId: string; target: string }[];
}

/** The listing's client, as much as this measure uses. */
interface ClientApi {
    listMessageContactVerifications(options: Record<string, unknown>): Promise<{ totalCount: number; pages: number }>;
    closeAllPools(): Promise<void>;
}

export interface RateLimitResult {
    requestsPerSecond: number;
    pages: number;
    /** Seconds the service's rate allows at best: pages / requestsPerSecond. */
    floorSeconds: number;
    seconds: Summary;
    throttledPerPage: Summary;
}

/** Lists `pages` pages of 10 at the client's defaults against an emulator limited to `requestsPerSecond`, `runs` times. */
export async function measureRateLimited(requestsPerSecond: number, pages: number, runs: number): Promise<RateLimitResult> {
    const emulatorApi = require(join(DIST, "emulator", "index.js")) as EmulatorApi;
    const client = require(join(DIST, "provider", "alibaba-client", "index.js")) as ClientApi;
    const seconds: number[] = [];
    const throttledPerPage: number[] = [];
    for (let run = 0; run < runs; run++) {
        // A fresh emulator per run: its token bucket starts full, as a service that was idle would.
        const emulator = await emulatorApi.startEmulator({ verifications: emulatorApi.demoVerifications(pages * 10), rateLimit: { requestsPerSecond } });
        try {
            const started = process.hrtime.bigint();
            const listing = await client.listMessageContactVerifications({
                endpoint: emulator.url,
                accessKeyId: emulator.account.accessKeyId,
                accessKeySecret: emulator.account.accessKeySecret,
                pageSize: 10,
            });
            seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
            if (listing.totalCount !== pages * 10 || listing.pages !== pages)
                throw new Error(`rate-limited listing returned ${listing.totalCount} items in ${listing.pages} pages`);
            throttledPerPage.push(emulator.requests.filter((r) => r.errorCode?.startsWith("Throttling")).length / pages);
        } finally {
            await client.closeAllPools();
            await emulator.close();
        }
    }
    return { requestsPerSecond, pages, floorSeconds: pages / requestsPerSecond, seconds: summarize(seconds), throttledPerPage: summarize(throttledPerPage) };
}
