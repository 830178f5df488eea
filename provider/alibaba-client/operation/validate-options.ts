import { z } from "zod";
import { shownEndpoint } from "../endpoint";
import { InvalidArgumentError } from "../errors";
import { MAX_PAGE_SIZE } from "./operation";

/** A rejected argument: which field, and a message saying what is accepted. */
export interface ArgumentProblem {
    field: string;
    message: string;
}

const int = (min: number, max: number) => z.number().int().min(min).max(max);

/** The rule of each validated field: what is accepted, in words and as a schema. */
const RULES: Record<string, { accepted: string; schema: z.ZodType }> = {
    contactId: {
        accepted: 'a message contact ID: "c-" followed by letters and digits, such as "c-qL4HqKONzOM7ab"',
        schema: z.string().regex(/^c-[A-Za-z0-9]{1,64}$/),
    },
    pageSize: { accepted: `an integer from 1 to ${MAX_PAGE_SIZE}`, schema: int(1, MAX_PAGE_SIZE) },
    concurrency: { accepted: "an integer from 1 to 32", schema: int(1, 32) },
    maxAttempts: { accepted: "an integer from 1 to 20", schema: int(1, 20) },
    maxListings: { accepted: "an integer from 1 to 10", schema: int(1, 10) },
    consistency: { accepted: '"checked" or "snapshot"', schema: z.enum(["checked", "snapshot"]) },
    timeoutMs: { accepted: "an integer number of milliseconds from 1000 to 3600000", schema: int(1000, 3_600_000) },
    requestTimeoutMs: { accepted: "an integer number of milliseconds from 100 to 600000", schema: int(100, 600_000) },
    maxResponseBytes: { accepted: "an integer number of bytes from 1024 to 268435456", schema: int(1024, 268_435_456) },
    maxListingBytes: { accepted: "an integer number of bytes from 1048576 (1 MiB) to 17179869184 (16 GiB)", schema: int(1_048_576, 17_179_869_184) },
    endpoint: { accepted: "a host name or an http(s) URL", schema: z.string().min(1) },
    endpointType: { accepted: '"public" or "vpc"', schema: z.enum(["public", "vpc"]) },
    region: { accepted: "a region ID such as cn-hangzhou or ap-southeast-1", schema: z.string().regex(/^[a-z]{2,}(-[a-z0-9]+)+$/) },
    stsEndpoint: { accepted: "a host name or an http(s) URL", schema: z.string().min(1) },
    accessKeyId: { accepted: "a non-empty string", schema: z.string().min(1) },
    accessKeySecret: { accepted: "a non-empty string", schema: z.string().min(1) },
    securityToken: { accepted: "a non-empty string", schema: z.string().min(1) },
};

/** Names of the fields {@link optionProblems} checks: the arguments of the get functions. */
export const VALIDATED_FIELDS: readonly string[] = Object.keys(RULES);

/** Every option `listMessageContactVerifications` takes: the validated fields and the code-only ones. */
export const LIST_OPTION_NAMES: readonly string[] = [...VALIDATED_FIELDS, "onProgress", "signal", "credentialsProvider", "stack", "env", "limitDefaults"];

/** Edit distance between two names, case-insensitive (a misspelt `pagesize` is 0 away from `pageSize`). */
function distance(a: string, b: string): number {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const current = [i];
        for (let j = 1; j <= y.length; j++) {
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[y.length] ?? 0;
}

/** The known name closest to `name`, when it is close enough to be a likely misspelling. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
    let best: { name: string; distance: number } | undefined;
    for (const candidate of known) {
        const d = distance(name, candidate);
        if (!best || d < best.distance) best = { name: candidate, distance: d };
    }
    return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined;
}

/**
 * A problem for every key of `options` that is not in `known` (JavaScript callers get no compiler to tell them
 * `pagesize` is not `pageSize`), naming the nearest valid key.
 */
function unknownKeyProblems(options: unknown, known: readonly string[]): ArgumentProblem[] {
    if (options === null || typeof options !== "object" || Array.isArray(options)) return [];
    return Object.keys(options)
        .filter((key) => !known.includes(key))
        .map((key) => {
            const nearest = nearestName(key, known);
            const hint = nearest ? `did you mean ${nearest}?` : `the accepted options are ${known.join(", ")}.`;
            return { field: key, message: `${key} is not an option; ${hint}` };
        });
}

/**
 * A copy of `options` with each own enumerable property read exactly once, so that what is validated is what is
 * used (a getter cannot answer differently afterwards). `undefined` stays `undefined`; anything else that is not
 * a plain object is returned as is, for validation to refuse.
 */
export function readOptionsOnce<T>(options: T): T {
    if (options === null || typeof options !== "object" || Array.isArray(options)) return options;
    return { ...options };
}

/** A value shown in an error message; secrets are never shown. */
function show(field: string, value: unknown): string {
    if (field === "accessKeySecret" || field === "securityToken" || field === "accessKeyId") return typeof value === "string" ? "a string" : typeof value;
    if (field === "endpoint" || field === "stsEndpoint") return shownEndpoint(value);
    if (typeof value === "bigint") return `the BigInt ${value}n`;
    if (typeof value === "symbol" || typeof value === "function") return `a ${typeof value}`;
    let text: string | undefined;
    try {
        text = JSON.stringify(value);
    } catch {
        text = `an unprintable ${typeof value}`;
    }
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Every problem with the given options (absent fields are fine). Pure; used by the get functions and `check`. */
export function optionProblems(options: unknown): ArgumentProblem[] {
    if (options === undefined) return [];
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
        const got = options === null ? "null" : Array.isArray(options) ? "an array" : typeof options;
        return [{ field: "args", message: `args must be an object (or omitted); got ${got}` }];
    }
    const record = options as Record<string, unknown>;
    const problems: ArgumentProblem[] = [];
    for (const [field, rule] of Object.entries(RULES)) {
        const value = record[field];
        if (value === undefined) continue;
        if (!rule.schema.safeParse(value).success) {
            problems.push({ field, message: `${field} must be ${rule.accepted}; got ${show(field, value)}.` });
        }
    }
    return problems;
}

/** Every problem with the given options: keys not in `known` (when given), then bad values. */
export function argumentProblems(options: unknown, known?: readonly string[]): ArgumentProblem[] {
    return [...(known ? unknownKeyProblems(options, known) : []), ...optionProblems(options)];
}

/**
 * Throws {@link InvalidArgumentError} naming the first bad field (and listing all of them) before any request:
 * bad values, and, when `known` is given, keys that are not among them.
 */
export function assertValidOptions(options: unknown, known?: readonly string[]): void {
    const problems = argumentProblems(options, known);
    const first = problems[0];
    if (first) throw new InvalidArgumentError(first.field, problems.map((p) => p.message).join(" "));
}
