/** The benchmark's settings: command-line flags, else BENCH_* environment variables, else defaults. */
import { parseArgs } from "node:util";

export interface BenchOptions {
    /** Emulator round-trip latency for the wall-clock comparison, ms. */
    latencyMs: number;
    /** Verifications seeded for the wall-clock comparison. */
    items: number;
    /** Page size asked by every contender. */
    pageSize: number;
    /** Timed runs per contender (after one untimed warm-up). */
    runs: number;
    /** Verifications listed (at zero latency) for the CPU-per-page measurement. */
    cpuItems: number;
    /** Rounds of the CPU-per-page measurement (one listing per contender each). */
    cpuRuns: number;
    /** Verifications listed for the memory-growth measurement. */
    memoryItems: number;
    /** Child processes per client for the memory-growth measurement. */
    memoryRuns: number;
    /** Rounds of the providers' memory measurement (the client and each provider call once per round). */
    providerMemoryRuns: number;
    /** Verifications of the providers' larger listing, measured once each with its time; 0 skips it. */
    largeItems: number;
    /** Fresh child processes per start-up measurement. */
    startupRuns: number;
    /** Rounds of each Terraform provider measure (handshake; `tofu plan`). */
    terraformRuns: number;
    /** Skip `npm run build` (the dist/ in place is measured). */
    skipBuild: boolean;
}

export const USAGE = `Usage: npm run bench -- [--latency MS] [--items N] [--runs N] [--page-size N] [--cpu-items N]
                        [--cpu-runs N] [--memory-items N] [--memory-runs N] [--provider-memory-runs N]
                        [--large-items N] [--startup-runs N] [--terraform-runs N] [--no-build]
Environment equivalents: BENCH_LATENCY_MS, BENCH_ITEMS, BENCH_RUNS, BENCH_PAGE_SIZE, BENCH_CPU_ITEMS,
BENCH_CPU_RUNS, BENCH_MEMORY_ITEMS, BENCH_MEMORY_RUNS, BENCH_PROVIDER_MEMORY_RUNS, BENCH_LARGE_ITEMS,
BENCH_STARTUP_RUNS, BENCH_TERRAFORM_RUNS, BENCH_NO_BUILD=1.`;

const NUMERIC = {
    latency: { env: "BENCH_LATENCY_MS", key: "latencyMs", fallback: 20, min: 0 },
    items: { env: "BENCH_ITEMS", key: "items", fallback: 10_000, min: 0 },
    runs: { env: "BENCH_RUNS", key: "runs", fallback: 5, min: 1 },
    "page-size": { env: "BENCH_PAGE_SIZE", key: "pageSize", fallback: 100, min: 1 },
    "cpu-items": { env: "BENCH_CPU_ITEMS", key: "cpuItems", fallback: 20_000, min: 1 },
    "cpu-runs": { env: "BENCH_CPU_RUNS", key: "cpuRuns", fallback: 31, min: 1 },
    "memory-items": { env: "BENCH_MEMORY_ITEMS", key: "memoryItems", fallback: 100_000, min: 1 },
    "memory-runs": { env: "BENCH_MEMORY_RUNS", key: "memoryRuns", fallback: 3, min: 1 },
    "provider-memory-runs": { env: "BENCH_PROVIDER_MEMORY_RUNS", key: "providerMemoryRuns", fallback: 3, min: 1 },
    "large-items": { env: "BENCH_LARGE_ITEMS", key: "largeItems", fallback: 1_000_000, min: 0 },
    "startup-runs": { env: "BENCH_STARTUP_RUNS", key: "startupRuns", fallback: 11, min: 1 },
    "terraform-runs": { env: "BENCH_TERRAFORM_RUNS", key: "terraformRuns", fallback: 21, min: 1 },
} as const;

function integer(name: string, raw: string, min: number): number {
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"`);
    return Number(raw);
}

/** Parses flags and environment; throws on a bad value. Returns "help" for --help. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | "help" {
    const { values } = parseArgs({
        args: [...argv],
        options: {
            ...Object.fromEntries(Object.keys(NUMERIC).map((name) => [name, { type: "string" as const }])),
            "no-build": { type: "boolean" },
            help: { type: "boolean", short: "h" },
        },
        strict: true,
        allowPositionals: false,
    });
    if (values.help) return "help";
    const options: Record<string, number | boolean> = { skipBuild: Boolean(values["no-build"]) || env["BENCH_NO_BUILD"] === "1" };
    for (const [name, spec] of Object.entries(NUMERIC)) {
        const raw = (values as Record<string, unknown>)[name] ?? env[spec.env];
        options[spec.key] = raw === undefined || raw === "" ? spec.fallback : integer(name, String(raw), spec.min);
    }
    return options as unknown as BenchOptions;
}
