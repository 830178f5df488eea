/**
 * Child probe (run with --expose-gc): peak memory growth of one complete listing of every item. Loads the
 * client's code first (for the package, undici too, which it loads on the first request), collects garbage,
 * takes the baseline, lists, and reports (bytes):
 *   rssPeakGrowth   peak RSS during the listing minus RSS at the baseline. The peak is the process's maxRSS when
 *                   that rose during the listing (so the listing set it), else the highest RSS sampled every 2 ms
 *   heapPeakGrowth  highest V8 heapUsed sampled every 2 ms during the listing minus heapUsed at the baseline
 *   heapRetained    heapUsed after the listing and a GC, the result still held, minus the baseline
 *   listMs          the listing's wall time, ms
 * Arguments: client (package | official) url accessKeyId accessKeySecret expectedItems. Prints one JSON line.
 */
import { performance } from "node:perf_hooks";
import { PROVIDER_INDEX } from "../paths";
import { startPeakMemory } from "./peak-memory";

interface Api {
    listMessageContactVerifications(o: {
        endpoint: string;
        accessKeyId: string;
        accessKeySecret: string;
    }): Promise<{ verifications: unknown[]; pages: number }>;
    closeAllPools(): Promise<void>;
}

const held: unknown[] = [];

async function main(): Promise<void> {
    const [client = "", url = "", accessKeyId = "", accessKeySecret = "", expected = ""] = process.argv.slice(2);
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error("run with --expose-gc");
    let list: () => Promise<{ items: number; pages: number; result: unknown }>;
    let close = async () => undefined as unknown;
    if (client === "package") {
        const api = require(PROVIDER_INDEX) as Api;
        require("undici");
        list = async () => {
            const listing = await api.listMessageContactVerifications({ endpoint: url, accessKeyId, accessKeySecret });
            return { items: listing.verifications.length, pages: listing.pages, result: listing };
        };
        close = () => api.closeAllPools();
    } else if (client === "official") {
        const official = require("../official-client-loop") as typeof import("../official-client-loop");
        list = async () => {
            const listing = await official.listWithOfficialClient(official.officialClient(url, accessKeyId, accessKeySecret), 100);
            return { items: listing.items.length, pages: listing.pages, result: listing };
        };
    } else {
        throw new Error(`unknown client ${client}`);
    }
    const span = startPeakMemory(gc);
    const started = performance.now();
    const listing = await list();
    const listMs = performance.now() - started;
    const growth = span.stop();
    held.push(listing.result); // keeps the result reachable until after the measurement above
    if (listing.items !== Number(expected)) throw new Error(`listed ${listing.items}, expected ${expected}`);
    await close();
    process.stdout.write(
        `${JSON.stringify({
            items: listing.items,
            pages: listing.pages,
            ...growth,
            listMs,
        })}\n`,
    );
    process.exit(0); // the official client's keep-alive sockets would hold the process open
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
});
