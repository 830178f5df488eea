/** The client's own CPU time per page: process.cpuUsage of this process, the emulator in another at zero latency. */
import { assertComplete, Contender } from "./contenders";
import type { EmulatorProcess } from "./emulator-process";

export interface CpuResult {
    key: Contender["key"];
    label: string;
    /** Pages fetched in the measured listings. */
    pages: number;
    /** User + system CPU microseconds of this process per page, averaged over every measured listing. */
    usPerPage: number;
}

/** One untimed warm-up listing, then `runs` listings whose CPU time is summed and divided by their pages. */
export async function measureCpu(contender: Contender, emulator: EmulatorProcess, pageSize: number, runs: number): Promise<CpuResult> {
    assertComplete(contender, await contender.list(emulator, pageSize), emulator.items);
    await contender.reset();
    let pages = 0;
    let micros = 0;
    for (let i = 0; i < runs; i++) {
        const before = process.cpuUsage();
        const outcome = await contender.list(emulator, pageSize);
        const used = process.cpuUsage(before);
        micros += used.user + used.system;
        pages += outcome.pages;
        assertComplete(contender, outcome, emulator.items);
        await contender.reset();
    }
    return { key: contender.key, label: contender.label, pages, usPerPage: micros / pages };
}
