/**
 * Child probe (run with --expose-gc): peak memory growth of one complete listing. Loads the package first,
 * collects garbage, takes the baseline, lists, and reports the peak over the listing:
 *   rssPeakGrowth   process.resourceUsage().maxRSS at the end minus RSS at the baseline (the true peak RSS, so
 *                   an upper bound on what the listing added)
 *   heapPeakGrowth  highest sampled V8 heapUsed during the listing minus heapUsed at the baseline
 *   heapRetained    heapUsed after the listing and a GC, result still held, minus the baseline
 * Arguments: url accessKeyId accessKeySecret expectedItems. Prints one JSON line (bytes).
 */
import { PROVIDER_INDEX } from "../paths";

interface Api {
    listMessageContactVerifications(o: { endpoint: string; accessKeyId: string; accessKeySecret: string }): Promise<{ verifications: unknown[]; pages: number }>;
    closeAllPools(): Promise<void>;
}

async function main(): Promise<void> {
    const [url = "", accessKeyId = "", accessKeySecret = "", expected = ""] = process.argv.slice(2);
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error("run with --expose-gc");
    const api = require(PROVIDER_INDEX) as Api;
    require("undici"); // loaded lazily on the first request; load it now so that it is not counted as growth
    gc();
    const baseline = process.memoryUsage();
    let heapPeak = baseline.heapUsed;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 2);
    const listing = await api.listMessageContactVerifications({ endpoint: url, accessKeyId, accessKeySecret });
    clearInterval(sampler);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    const rssPeak = process.resourceUsage().maxRSS * 1024;
    gc();
    const retained = process.memoryUsage().heapUsed;
    if (listing.verifications.length !== Number(expected)) throw new Error(`listed ${listing.verifications.length}, expected ${expected}`);
    await api.closeAllPools();
    process.stdout.write(
        `${JSON.stringify({
            items: listing.verifications.length,
            pages: listing.pages,
            rssBaseline: baseline.rss,
            rssPeakGrowth: rssPeak - baseline.rss,
            heapPeakGrowth: heapPeak - baseline.heapUsed,
            heapRetained: retained - baseline.heapUsed,
        })}\n`,
    );
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
});
