/** Wall-clock time of complete listings against the emulator with a round-trip latency, interleaved runs. */
import { performance } from "node:perf_hooks";
import { assertComplete, Contender } from "./contenders";
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
export async function measureWall(all: Contender[], emulator: EmulatorProcess, pageSize: number, runs: number, log: (line: string) => void): Promise<WallResult[]> {
    const samples = new Map<Contender["key"], number[]>(all.map((c) => [c.key, []]));
    const pages = new Map<Contender["key"], number>();
    for (const contender of all) {
        assertComplete(contender, await contender.list(emulator, pageSize), emulator.items);
        await contender.reset();
    }
    for (let round = 0; round < runs; round++) {
        for (let i = 0; i < all.length; i++) {
            const contender = all[(round + i) % all.length] as Contender;
            const start = performance.now();
            const outcome = await contender.list(emulator, pageSize);
            const elapsed = performance.now() - start;
            assertComplete(contender, outcome, emulator.items);
            await contender.reset();
            samples.get(contender.key)?.push(elapsed);
            pages.set(contender.key, outcome.pages);
        }
        log(`  round ${round + 1}/${runs}: ${all.map((c) => `${c.key} ${(samples.get(c.key)?.at(-1) ?? 0).toFixed(0)} ms`).join(", ")}`);
    }
    return all.map((c) => ({ key: c.key, label: c.label, pages: pages.get(c.key) ?? 0, ms: summarize(samples.get(c.key) ?? []) }));
}
