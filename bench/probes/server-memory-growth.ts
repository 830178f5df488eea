/**
 * Child probe (run with --expose-gc): peak memory growth of a provider's process over one call, measured the way
 * memory-growth.ts measures the client. The process serves as the provider does, with the provider's own code
 * (`serve()` of the plugin's main.js; `start()` of the Terraform provider's, AutoMTLS on), and the bench drives it
 * from its own process (measure-server-memory.ts), so the caller's memory is not counted. Lines on stdio:
 *   stdout, first   `{"port":N}` (plugin) or the go-plugin handshake line (terraform)
 *   stdin "baseline"   after the caller's first calls (Configure, which loads the implementation): loads undici (as
 *                      memory-growth.ts does for the client), collects garbage, takes the baseline, starts sampling
 *                      every 2 ms, and answers `{"ready":true}`
 *   stdin "report"     after the call's answer has arrived: prints one JSON line with the same fields as
 *                      memory-growth.ts (rssPeakGrowth, rssPeakSource, heapPeakGrowth, heapRetained) and exits
 * Argument: plugin | terraform.
 */
import { createInterface } from "node:readline";
import { PLUGIN_MAIN, TERRAFORM_MAIN } from "../paths";

async function main(): Promise<void> {
    const [surface = ""] = process.argv.slice(2);
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error("run with --expose-gc");
    if (surface === "plugin") {
        const plugin = require(PLUGIN_MAIN) as { serve(): Promise<{ port: number }> };
        const { port } = await plugin.serve();
        process.stdout.write(`${JSON.stringify({ port })}\n`);
    } else if (surface === "terraform") {
        const provider = require(TERRAFORM_MAIN) as { start(): Promise<void> };
        await provider.start(); // prints the handshake line
    } else {
        throw new Error(`unknown surface ${surface}`);
    }
    let baseline: NodeJS.MemoryUsage | undefined;
    let maxRssBefore = 0;
    let heapPeak = 0;
    let rssSampled = 0;
    let buffersPeak = 0;
    const sample = () => {
        const now = process.memoryUsage();
        heapPeak = Math.max(heapPeak, now.heapUsed);
        buffersPeak = Math.max(buffersPeak, now.arrayBuffers);
        rssSampled = Math.max(rssSampled, now.rss);
    };
    let sampler: NodeJS.Timeout | undefined;
    for await (const line of createInterface({ input: process.stdin })) {
        if (line === "baseline") {
            require("undici");
            gc();
            baseline = process.memoryUsage();
            maxRssBefore = process.resourceUsage().maxRSS * 1024;
            heapPeak = baseline.heapUsed;
            rssSampled = baseline.rss;
            buffersPeak = baseline.arrayBuffers;
            sampler = setInterval(sample, 2);
            process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
        } else if (line === "report" && baseline) {
            clearInterval(sampler);
            sample();
            const maxRssAfter = process.resourceUsage().maxRSS * 1024;
            const rssPeak = maxRssAfter > maxRssBefore ? maxRssAfter : rssSampled;
            gc();
            const retained = process.memoryUsage().heapUsed;
            process.stdout.write(
                `${JSON.stringify({
                    rssBaseline: baseline.rss,
                    rssPeakSource: maxRssAfter > maxRssBefore ? "maxRSS" : "sampled",
                    rssPeakGrowth: rssPeak - baseline.rss,
                    heapPeakGrowth: heapPeak - baseline.heapUsed,
                    heapRetained: retained - baseline.heapUsed,
                    arrayBuffersPeakGrowth: buffersPeak - baseline.arrayBuffers,
                })}\n`,
            );
            process.exit(0);
        }
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
