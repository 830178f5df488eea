/** The client's own CPU time per page: process.cpuUsage of this process, the emulator in another at zero latency. */
import type { Contender } from "./contenders";
import { rotatedRounds } from "./rotated-rounds";
import type { EmulatorProcess } from "./emulator-process";
import { Summary, summarize } from "./stats";

export interface CpuResult {
    key: Contender["key"];
    label: string;
    /** Pages fetched over the measured listings. */
    pages: number;
    /** User + system CPU microseconds of this process per page, one sample per listing. */
    perPage: Summary;
    /** The median of {@link perPage}. */
    usPerPage: number;
    /**
     * This contender's CPU per page divided by the floor's in the same round, one ratio per round: listings run
     * next to each other in time, so a busy spell of the machine (CPU time here varies by 2x from one listing to
     * the next) weighs on both sides of each ratio. Undefined when no floor was measured.
     */
    vsFloor?: Summary;
}

/**
 * One untimed warm-up listing per contender, then `runs` rounds in which every contender lists once (the
 * order rotating per round, so that a busy spell of the machine does not hit one contender only). Each
 * listing's CPU time divided by its pages is one sample.
 */
export async function measureCpu(all: Contender[], emulator: EmulatorProcess, pageSize: number, runs: number): Promise<CpuResult[]> {
    const { values, pages } = await rotatedRounds(all, emulator, pageSize, runs, async (list) => {
        const before = process.cpuUsage();
        const outcome = await list();
        const used = process.cpuUsage(before);
        return { outcome, value: (used.user + used.system) / outcome.pages };
    });
    const floor = values.get("floor");
    return all.map((c) => {
        const own = values.get(c.key) ?? [];
        const perPage = summarize(own);
        const total = (pages.get(c.key) ?? []).reduce((sum, n) => sum + n, 0);
        const vsFloor = floor ? summarize(own.map((value, round) => value / (floor[round] as number))) : undefined;
        return { key: c.key, label: c.label, pages: total, perPage, usPerPage: perPage.median, ...(vsFloor ? { vsFloor } : {}) };
    });
}
