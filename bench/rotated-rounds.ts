/** The schedule both listing measures share: warm-up, then rounds in rotated order, every listing checked. */
import { assertComplete, Contender, ListingOutcome } from "./contenders";
import type { EmulatorProcess } from "./emulator-process";

/** What one measured listing gave: the listing, and the measured number (ms, µs per page, ...). */
export interface Measured {
    outcome: ListingOutcome;
    value: number;
}

/** Per contender: one measured value and the page count of each measured listing, in round order. */
export interface RoundSamples {
    values: Map<Contender["key"], number[]>;
    pages: Map<Contender["key"], number[]>;
}

/**
 * One untimed warm-up listing per contender, then `runs` rounds in which every contender lists once, the
 * order rotating per round so that a busy spell of the machine does not hit one contender only. `measure`
 * runs one listing and measures it; every listing is then checked for completeness, and the contender's
 * kept-alive connections dropped, outside the measurement.
 */
export async function rotatedRounds(
    all: readonly Contender[],
    emulator: EmulatorProcess,
    pageSize: number,
    runs: number,
    measure: (list: () => Promise<ListingOutcome>) => Promise<Measured>,
    afterRound: (round: number, samples: RoundSamples) => void = () => undefined,
): Promise<RoundSamples> {
    const samples: RoundSamples = { values: new Map(all.map((c) => [c.key, []])), pages: new Map(all.map((c) => [c.key, []])) };
    for (const contender of all) {
        assertComplete(contender, await contender.list(emulator, pageSize), emulator.items);
        await contender.reset();
    }
    for (let round = 0; round < runs; round++) {
        for (let i = 0; i < all.length; i++) {
            const contender = all[(round + i) % all.length] as Contender;
            const { outcome, value } = await measure(() => contender.list(emulator, pageSize));
            assertComplete(contender, outcome, emulator.items);
            await contender.reset();
            samples.values.get(contender.key)?.push(value);
            samples.pages.get(contender.key)?.push(outcome.pages);
        }
        afterRound(round, samples);
    }
    return samples;
}
