/**
 * `npm run bench:memory`: the providers' memory rows of `npm run bench` alone (measure-provider-memory.ts), for a
 * quick look after a change: the client and each provider call listing `BENCH_MEMORY_ITEMS` (default 100,000) in
 * `BENCH_PROVIDER_MEMORY_RUNS` rounds (default 3), then `BENCH_LARGE_ITEMS` (default 1,000,000; 0 skips it) once.
 * Measures the dist/ in place (run `npm run build` first). Prints the targets and tables; writes nothing.
 */
import { LARGE_CALLS, measureProviderMemory } from "./measure-provider-memory";
import { providerMemoryTable, providerMemoryVerdicts, scalingTable } from "./report-provider-memory";

const log = (line: string) => process.stderr.write(`${line}\n`);

function count(name: string, fallback: number): number {
    const raw = process.env[name];
    if (raw === undefined || raw === "") return fallback;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number; got "${raw}"`);
    return Number(raw);
}

async function main(): Promise<void> {
    const items = count("BENCH_MEMORY_ITEMS", 100_000);
    const runs = count("BENCH_PROVIDER_MEMORY_RUNS", 3);
    const largeItems = count("BENCH_LARGE_ITEMS", 1_000_000);
    log(`== providers' memory: ${items} items, ${runs} rounds`);
    const base = await measureProviderMemory(items, runs, undefined, log);
    const out = [providerMemoryTable(base)];
    if (largeItems > 0) {
        log(`== providers' memory and time: ${largeItems} items, once each`);
        out.push(scalingTable(base, await measureProviderMemory(largeItems, 1, LARGE_CALLS, log)));
    }
    const verdicts = providerMemoryVerdicts(base);
    out.push(verdicts.map((v) => `${v.pass ? "PASS" : "FAIL"}: ${v.target}: ${v.measured}${v.caveat ? ` (note: ${v.caveat})` : ""}`).join("\n"));
    process.stdout.write(`${out.join("\n\n")}\n`);
}

main().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
