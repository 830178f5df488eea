/**
 * The fuzz harness: a decoder fed fast-check inputs in a worker thread bounded in heap and time, each input's bytes
 * and start time kept in shared memory, so that an input that hangs is stopped (after {@link INPUT_LIMIT_MS}) and
 * named, and one that allocates without end stops the worker at its heap limit. Every input must decode or fail
 * with the decoder's typed error; anything else (a TypeError, a RangeError, a stack overflow) is a finding, reported
 * with the input. The report gives the figures: inputs, time, the slowest input, the peak heap.
 */
import fc from "fast-check";
import { runInWorker } from "../support/bounded-worker";

/** A bound on one input, far above any decode here (microseconds): past it the input is taken for a hang. */
export const INPUT_LIMIT_MS = 5_000;

/** How much of the input in progress the shared memory keeps, for the report of a hang. */
const KEPT_BYTES = 4096;
/** Shared layout: [0..8) the input's start (ms since the epoch, 0 when none), [8..12) its length, then its bytes. */
const SHARED_BYTES = 16 + KEPT_BYTES;

/** A run's budget and seed. */
export interface FuzzOptions {
    runs: number;
    seed: number;
}

/** An input: what it is decoded as, and its bytes. */
export interface FuzzInput {
    label: string;
    bytes: Uint8Array;
}

/** A run's figures, and its finding if any. */
export interface FuzzReport {
    target: string;
    runs: number;
    seed: number;
    elapsedMs: number;
    decoded: number;
    refused: number;
    maxInputMs: number;
    slowestInput: string;
    /** The slowest input decoded again 21 times: the median, which tells a slow input from a pause (GC, load). */
    slowestInputAgainMs: number;
    largestInputBytes: number;
    peakHeapMb: number;
    /** The first input that neither decoded nor failed with the typed error: its error and bytes (fast-check-shrunk). */
    finding?: string;
}

/** `label` and the first bytes of `bytes` in hex. */
const describe = (label: string, bytes: Uint8Array) =>
    `${label} (${bytes.length} bytes) ${Buffer.from(bytes.subarray(0, 64)).toString("hex")}${bytes.length > 64 ? "..." : ""}`;

/**
 * Runs in the worker: feeds `inputs` to `decode`, counting decodes and typed refusals (`isTyped`), timing each
 * input, keeping the one in progress in `shared`. `check` may assert more of a decoded value.
 */
export function fuzzDecoder(
    target: string,
    options: FuzzOptions,
    shared: SharedArrayBuffer,
    inputs: fc.Arbitrary<FuzzInput>,
    decode: (input: FuzzInput) => unknown,
    isTyped: (error: unknown) => boolean,
): FuzzReport {
    const started = new Float64Array(shared, 0, 1);
    const length = new Int32Array(shared, 8, 1);
    const kept = new Uint8Array(shared, 16, KEPT_BYTES);
    const report: FuzzReport = {
        target,
        runs: 0,
        seed: options.seed,
        elapsedMs: 0,
        decoded: 0,
        refused: 0,
        maxInputMs: 0,
        slowestInput: "",
        slowestInputAgainMs: 0,
        largestInputBytes: 0,
        peakHeapMb: 0,
    };
    let slowest: FuzzInput | undefined;
    const timed = (input: FuzzInput): number => {
        const t0 = performance.now();
        try {
            decode(input);
        } catch {
            // timed only
        }
        return performance.now() - t0;
    };
    const begin = performance.now();
    const details = fc.check(
        fc.property(inputs, (input) => {
            kept.set(input.bytes.subarray(0, KEPT_BYTES));
            Atomics.store(length, 0, input.bytes.length);
            started[0] = Date.now();
            const t0 = performance.now();
            try {
                decode(input);
                report.decoded++;
            } catch (error) {
                if (!isTyped(error)) throw error;
                report.refused++;
            } finally {
                const ms = performance.now() - t0;
                started[0] = 0;
                report.runs++;
                report.largestInputBytes = Math.max(report.largestInputBytes, input.bytes.length);
                if (ms > report.maxInputMs) {
                    report.maxInputMs = ms;
                    slowest = { label: input.label, bytes: Uint8Array.from(input.bytes) };
                    report.slowestInput = describe(input.label, input.bytes);
                }
                if (report.runs % 512 === 0) report.peakHeapMb = Math.max(report.peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
            }
        }),
        { numRuns: options.runs, seed: options.seed, endOnFailure: false },
    );
    report.elapsedMs = performance.now() - begin;
    if (slowest) {
        const input = slowest;
        const again = Array.from({ length: 21 }, () => timed(input)).sort((a, b) => a - b);
        report.slowestInputAgainMs = again[10] ?? 0;
    }
    report.peakHeapMb = Math.max(report.peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
    if (details.failed) {
        const example = details.counterexample?.[0] as FuzzInput | undefined;
        report.finding = `${details.errorInstance instanceof Error ? `${details.errorInstance.name}: ${details.errorInstance.message}` : String(details.errorInstance)} on ${example ? describe(example.label, example.bytes) : "?"}`;
    }
    return report;
}

/**
 * Runs `module`'s fuzz target (`export function name(options, shared): FuzzReport`) in a worker: at most `heapMb` of
 * heap, {@link INPUT_LIMIT_MS} per input, and `timeMs` in all; a hang or an exhausted heap rejects, naming the input.
 */
export function runFuzzTarget(module: string, name: string, options: FuzzOptions, bounds: { timeMs: number; heapMb: number }): Promise<FuzzReport> {
    const shared = new SharedArrayBuffer(SHARED_BYTES);
    const started = new Float64Array(shared, 0, 1);
    const inProgress = () => {
        const length = Atomics.load(new Int32Array(shared, 8, 1), 0);
        return describe("the input in progress", new Uint8Array(shared, 16, Math.min(length, KEPT_BYTES)));
    };
    const watchdog = () => {
        const since = started[0] ?? 0;
        return since > 0 && Date.now() - since > INPUT_LIMIT_MS ? `one input ran over ${INPUT_LIMIT_MS} ms: ${inProgress()}` : undefined;
    };
    return runInWorker<FuzzReport>(module, name, options, { ...bounds, watchdog }, shared, inProgress);
}

/** The budget of a run: `FUZZ_RUNS` and `FUZZ_SEED` from the environment, else the given defaults. */
export function fuzzOptions(defaults: FuzzOptions): FuzzOptions {
    const runs = Number(process.env.FUZZ_RUNS ?? defaults.runs);
    const seed = Number(process.env.FUZZ_SEED ?? defaults.seed);
    if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be a positive integer; got ${process.env.FUZZ_RUNS}`);
    if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer; got ${process.env.FUZZ_SEED}`);
    return { runs, seed };
}

/** A byte-level mutation of valid bytes: flips, overwrites with edge values, inserts, deletes, truncates, repeats. */
export function mutated(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
    const edit = fc.oneof(
        fc.record({
            kind: fc.constant("set" as const),
            at: fc.nat(),
            byte: fc.oneof(fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0xff, 0xc0, 0xdd, 0xdf), fc.nat(255)),
        }),
        fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }) }),
        fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
        fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
        fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }), times: fc.integer({ min: 2, max: 50 }) }),
    );
    return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([bytes, edits]) => {
        let out = Buffer.from(bytes);
        for (const e of edits) {
            const at = out.length === 0 ? 0 : e.at % (out.length + 1);
            if (e.kind === "set" && out.length > 0) out[at % out.length] = e.byte;
            else if (e.kind === "insert") out = Buffer.concat([out.subarray(0, at), e.bytes, out.subarray(at)]);
            else if (e.kind === "delete") out = Buffer.concat([out.subarray(0, at), out.subarray(at + e.count)]);
            else if (e.kind === "truncate") out = out.subarray(0, at);
            else if (e.kind === "repeat")
                out = Buffer.concat([out.subarray(0, at), ...Array<Buffer>(e.times).fill(out.subarray(at, at + e.count)), out.subarray(at)]);
        }
        return new Uint8Array(out);
    });
}
