/**
 * For a plugin process that lives for a few calls: V8 compiles undici's HTTP parser (llhttp, WebAssembly) first
 * with its baseline compiler, Liftoff, then, once the parser has run a little, again with its optimizing compiler,
 * TurboFan, on a background thread: some 200 ms of CPU for the parser's one large function, and a process that
 * exits waits for that compile to end. Measured (bench/profile-plan-starts.ts): the start of a `tofu plan` that
 * reads took 100 ms longer than the others to exit after the CLI's Close, all of it in that compile. With
 * `--liftoff-only` V8 keeps Liftoff's code: the exit comes at once, and a listing of 100,000 verifications through
 * the client was no slower (0.85 s against 1.0 s, 4 runs each). Set just before the first listing (loading
 * `node:v8` costs 2-4 ms, which a start that lists nothing does not pay); it only ever concerns WebAssembly.
 */
import type * as V8Module from "node:v8";

/** The V8 flag: WebAssembly's baseline code only. */
export const WASM_BASELINE_FLAG = "--liftoff-only";

let set = false;

/** Sets {@link WASM_BASELINE_FLAG} for this process, once, before any WebAssembly is compiled for a listing. */
export function useWasmBaselineOnly(): void {
    if (set) return;
    set = true;
    (require("node:v8") as typeof V8Module).setFlagsFromString(WASM_BASELINE_FLAG);
}
