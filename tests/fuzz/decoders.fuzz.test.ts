/**
 * The decoders' fuzz targets, each run with a fixed seed and a small budget in `npm test` (`FUZZ_RUNS`, `FUZZ_SEED`
 * change both; `npm run fuzz` runs a long one and prints the figures). Every input decodes or fails with the
 * decoder's typed error, within the worker's bounds: no hang, no crash, no heap exhausted.
 */
import { strict as assert } from "node:assert";
import { fuzzOptions, runFuzzTarget } from "./fuzz-harness";
import { FUZZ_TARGETS, runTimeLimitMs } from "./fuzz-targets";

/** The budget in `npm test`: a few seconds for both targets. */
const DEFAULTS = { runs: 2_000, seed: 24 };

describe("fuzz targets of the decoders (fixed seed)", function () {
    const options = fuzzOptions(DEFAULTS);
    this.timeout(runTimeLimitMs(options.runs) + 30_000);

    for (const target of FUZZ_TARGETS) {
        it(`${target.name}: ${options.runs} inputs (seed ${options.seed}) each decoded or refused with the typed error, within bounds`, async () => {
            const report = await runFuzzTarget(target.module, target.name, options, { timeMs: runTimeLimitMs(options.runs), heapMb: target.heapMb });
            assert.equal(report.finding, undefined, report.finding);
            assert.ok(report.runs >= options.runs, `${report.runs} inputs run`);
            assert.ok(report.decoded > 0 && report.refused > 0, `both outcomes seen: ${report.decoded} decoded, ${report.refused} refused`);
        });
    }
});
