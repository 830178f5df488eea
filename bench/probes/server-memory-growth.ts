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
import { startPeakMemory } from "./peak-memory";

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
    let span: ReturnType<typeof startPeakMemory> | undefined;
    for await (const line of createInterface({ input: process.stdin })) {
        if (line === "baseline") {
            require("undici");
            span = startPeakMemory(gc);
            process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
        } else if (line === "report" && span) {
            process.stdout.write(`${JSON.stringify(span.stop())}\n`);
            process.exit(0);
        }
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
