/** The client's own CPU time per page: process.cpuUsage of this process, the emulator in another at zero latency. */
import { assertComplete, Contender } from "./contenders";
import type { EmulatorProcess } from "./emulator-process";
import { Summary, summarize } from "./stats";

export interface CpuResult {
    key: Contender["key"];
    label: string;
    /** Pages fetched over the measured listings. */
    pages: number;
    /** User + system CPU microseconds of this process per page, one sample per listing. */
    perPage: Summary;
    /** The median of {@link perPage}: the figure the target compares. */
    usPerPage: number;
}

/**
 * One untimed warm-up listing per contender, then `runs` rounds in which every contender lists once (the
 * order rotating per round, so that a busy spell of the machine does not hit one contender only). Each
 * listing's CPU time divided by its pages is one sample.
 */
export async function measureCpu(all: Contender[], emulator: EmulatorProcess, pageSize: number, runs: number): Promise<CpuResult[]> {
    const samples = new Map<Contender["key"], number[]>(all.map((c) => [c.key, []]));
    const pages = new Map<Contender["key"], number>(all.map((c) => [c.key, 0]));
    for (const contender of all) {
        assertComplete(contender, await contender.list(emulator, pageSize), emulator.items);
        await contender.reset();
    }
    for (let round = 0; round < runs; round++) {
        for (let i = 0; i < all.length; i++) {
            const contender = all[(round + i) % all.length] as Contender;
            const before = process.cpuUsage();
            const outcome = await contender.list(emulator, pageSize);
            const used = process.cpuUsage(before);
            assertComplete(contender, outcome, emulator.items);
            await contender.reset();
            samples.get(contender.key)?.push((used.user + used.system) / outcome.pages);
            pages.set(contender.key, (pages.get(contender.key) ?? 0) + outcome.pages);
        }
    }
    return all.map((c) => {
        const perPage = summarize(samples.get(c.key) ?? []);
        return { key: c.key, label: c.label, pages: pages.get(c.key) ?? 0, perPage, usPerPage: perPage.median };
    });
}
