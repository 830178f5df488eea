/**
 * `npm run fuzz`: a long run of every fuzz target, one after the other, `FUZZ_RUNS` inputs each (default 1,000,000)
 * from `FUZZ_SEED` (default: the time, printed for a rerun), then a table of the figures. Exits 1 on a finding, a
 * hang or an exhausted heap, naming the input.
 */
import { fuzzOptions, FuzzReport, runFuzzTarget } from "./fuzz-harness";
import { FUZZ_TARGETS, runTimeLimitMs } from "./fuzz-targets";

async function main(): Promise<number> {
    const options = fuzzOptions({ runs: 1_000_000, seed: Date.now() % 2 ** 31 });
    process.stdout.write(`fuzzing ${FUZZ_TARGETS.length} targets, ${options.runs} inputs each, FUZZ_SEED=${options.seed}\n`);
    const reports: FuzzReport[] = [];
    let failed = false;
    for (const target of FUZZ_TARGETS) {
        try {
            const report = await runFuzzTarget(target.module, target.name, options, { timeMs: runTimeLimitMs(options.runs), heapMb: target.heapMb });
            reports.push(report);
            if (report.finding) {
                failed = true;
                process.stdout.write(`${target.name}: FINDING ${report.finding}\n`);
            }
        } catch (error) {
            failed = true;
            process.stdout.write(`${target.name}: ${error instanceof Error ? error.message : String(error)}\n`);
        }
    }
    process.stdout.write(
        "\n| target | inputs | decoded | refused (typed) | time | per input (mean, generation included) | slowest input (decoded again: median) | largest input | peak heap | findings |\n",
    );
    process.stdout.write("|---|---|---|---|---|---|---|---|---|---|\n");
    for (const r of reports)
        process.stdout.write(
            `| ${r.target} | ${r.runs} | ${r.decoded} | ${r.refused} | ${(r.elapsedMs / 1000).toFixed(1)} s | ${((r.elapsedMs * 1000) / r.runs).toFixed(1)} µs | ${r.maxInputMs.toFixed(2)} ms (${r.slowestInputAgainMs.toFixed(3)} ms) | ${r.largestInputBytes} B | ${r.peakHeapMb.toFixed(0)} MiB | ${r.finding ? 1 : 0} |\n`,
        );
    process.stdout.write(`\nslowest inputs:\n${reports.map((r) => `- ${r.target}: ${r.slowestInput}`).join("\n")}\n`);
    return failed ? 1 : 0;
}

void main().then((code) => (process.exitCode = code));
