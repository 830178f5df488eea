/**
 * Durations as Terraform users write them: Go's `time.ParseDuration` (`30s`, `5m`, `1h30m`, `1.5h`, `500ms`,
 * `-2m`, `0`), its grammar, units and overflow rules followed step by step, so that what the CLI's own providers
 * accept is accepted here and nothing else (the engine tests compare the two over a list of inputs).
 */

/** Nanoseconds per unit; both micro signs, U+00B5 (`µs`) and the Greek mu U+03BC (`μs`), as Go's unit map has them. */
const UNIT_NS: Readonly<Record<string, bigint>> = {
    ns: 1n,
    us: 1_000n,
    "\u00b5s": 1_000n,
    "\u03bcs": 1_000n,
    ms: 1_000_000n,
    s: 1_000_000_000n,
    m: 60_000_000_000n,
    h: 3_600_000_000_000n,
};

/** The units accepted, for messages. */
export const DURATION_UNITS: readonly string[] = Object.keys(UNIT_NS);

const TWO_TO_63 = 1n << 63n;
const FRACTION_LIMIT = (TWO_TO_63 - 1n) / 10n;

const isDigit = (character: string | undefined): boolean => character !== undefined && character >= "0" && character <= "9";

/** The leading digits of `text` from `at`, and where they end. */
function digitsFrom(text: string, at: number): { digits: string; end: number } {
    let end = at;
    while (isDigit(text[end])) end++;
    return { digits: text.slice(at, end), end };
}

/** A fraction's digits as Go keeps them: accumulated until the next digit would pass 2^63, the rest ignored. */
function fraction(digits: string): { f: bigint; scale: number } {
    let f = 0n;
    let scale = 1;
    for (const digit of digits) {
        if (f > FRACTION_LIMIT) break;
        const next = f * 10n + BigInt(digit);
        if (next > TWO_TO_63) break;
        f = next;
        scale *= 10;
    }
    return { f, scale };
}

/** The nanoseconds of a duration (`[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`), or undefined when Go refuses it. */
export function parseDurationNanoseconds(text: string): bigint | undefined {
    let at = text[0] === "-" || text[0] === "+" ? 1 : 0;
    const negative = text[0] === "-";
    if (text.slice(at) === "0") return 0n;
    if (at === text.length) return undefined;
    let total = 0n;
    while (at < text.length) {
        if (text[at] !== "." && !isDigit(text[at])) return undefined;
        const whole = digitsFrom(text, at);
        at = whole.end;
        let v = 0n;
        for (const digit of whole.digits) {
            if (v > TWO_TO_63 / 10n) return undefined;
            v = v * 10n + BigInt(digit);
            if (v > TWO_TO_63) return undefined;
        }
        let part = { f: 0n, scale: 1 };
        let fractionDigits = "";
        if (text[at] === ".") {
            const after = digitsFrom(text, at + 1);
            fractionDigits = after.digits;
            part = fraction(after.digits);
            at = after.end;
        }
        if (whole.digits === "" && fractionDigits === "") return undefined;
        let unitEnd = at;
        while (unitEnd < text.length && text[unitEnd] !== "." && !isDigit(text[unitEnd])) unitEnd++;
        const unit = Object.hasOwn(UNIT_NS, text.slice(at, unitEnd)) ? UNIT_NS[text.slice(at, unitEnd)] : undefined;
        if (unit === undefined) return undefined;
        at = unitEnd;
        if (v > TWO_TO_63 / unit) return undefined;
        v *= unit;
        // As Go does it: the fraction in float64, truncated to whole nanoseconds.
        if (part.f > 0n) v += BigInt(Math.trunc(Number(part.f) * (Number(unit) / part.scale)));
        if (v > TWO_TO_63) return undefined;
        total += v;
        if (total > TWO_TO_63) return undefined;
    }
    if (negative) return -total;
    return total > TWO_TO_63 - 1n ? undefined : total;
}

/** Milliseconds of a duration such as `1h30m` (rounded to the nearest), or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
    const ns = parseDurationNanoseconds(text);
    return ns === undefined ? undefined : Math.round(Number(ns) / 1e6);
}

/** A whole number of milliseconds as the shortest duration text: `300000` -> `5m`, `1000` -> `1s`, `3600000` -> `1h`. */
export function durationText(ms: number): string {
    if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0) return `${ms / 60_000}m`;
    if (ms % 1000 === 0) return `${ms / 1000}s`;
    return `${ms}ms`;
}
