/**
 * The fuzz targets, each a decoder this repository wrote instead of using a library's: where its module is, its
 * export, and the bounds of its worker.
 */
import { join } from "node:path";

/** One target. */
export interface FuzzTarget {
    /** The module the worker loads, and its export `(options, shared) => FuzzReport`. */
    module: string;
    name: string;
    /** The worker's heap limit, in MiB. */
    heapMb: number;
}

/** Every target. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
    { module: join(__dirname, "tfplugin6-codec.fuzz.ts"), name: "fuzzTfplugin6", heapMb: 512 },
    { module: join(__dirname, "cty-msgpack.fuzz.ts"), name: "fuzzCtyMsgpack", heapMb: 512 },
];

/** A time bound for a run of `runs` inputs: generous (a bound on a hang, not a timing target). */
export function runTimeLimitMs(runs: number): number {
    return 120_000 + runs * 5;
}
