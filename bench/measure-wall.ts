/** Wall-clock time of complete listings against the emulator with a round-trip latency, interleaved runs. */
import { performance } from "node:perf_hooks";
import type { Contender } from "./contenders";
import { rotatedRounds } from "./rotated-rounds";
import type { EmulatorProcess } from "./emulator-process";
import { Summary, summarize } from "./stats";

export interface WallResult {
    key: Contender["key"];
    label: string;
    pages: number;
    /** Milliseconds per complete listing. */
    ms: Summary;
}

/** The best possible schedule: page 1 alone (it gives TotalCount), then the rest `concurrency` at a time. */
export function idealScheduleMs(pages: number, concurrency: number, latencyMs: number): number {
    return (1 + Math.ceil(Math.max(0, pages - 1) / concurrency)) * latencyMs;
}

/**
 * One untimed warm-up listing per contender, then `runs` rounds; each round times every contender once, in an
 * order rotated per round so that drift in the machine's speed does not favour one. Every listing is checked
 * for completeness.
 */
export async function measureWall(
    all: Contender[],
    emulator: EmulatorProcess,
    pageSize: number,
    runs: number,
    log: (line: string) => void,
): Promise<WallResult[]> {
    const { values, pages } = await rotatedRounds(
        all,
        emulator,
        pageSize,
        runs,
        async (list) => {
            const start = performance.now();
            const outcome = await list();
            return { outcome, value: performance.now() - start };
        },
        (round, samples) =>
            log(`  round ${round + 1}/${runs}: ${all.map((c) => `${c.key} ${(samples.values.get(c.key)?.at(-1) ?? 0).toFixed(0)} ms`).join(", ")}`),
    );
    return all.map((c) => ({ key: c.key, label: c.label, pages: pages.get(c.key)?.at(-1) ?? 0, ms: summarize(values.get(c.key) ?? []) }));
}
