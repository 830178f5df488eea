/**
 * Validation of options against the option table: what each accepts comes from its rule, and each message names
 * the option where the caller set it (`concurrency`, `--concurrency`, `alicloud-message-contacts:concurrency`).
 */
import type * as Zod from "zod";
import { InvalidArgumentError } from "../errors/argument-error";
import { quotedText, serviceText } from "../errors/service-text";
import { parseEndpoint, shownEndpoint } from "../endpoint";
import { zod } from "../lazy-zod";
import { OPTION_DEFINITIONS, OptionDefinition, OptionName } from "./option-table";
import type { Vocabulary } from "./places";
import { ruleAccepts } from "./rule-guard";
import { acceptedText, Rule } from "./rules";

/** A rejected option: which field (as the caller names it), and a message saying what is accepted. */
export interface ArgumentProblem {
    field: string;
    message: string;
}

/** How the caller names an option in messages; by default, by its name. */
export type NameOf = (name: OptionName) => string;

const schemas = new Map<Rule, Zod.ZodType>();

/** The zod schema of a rule, built once (zod's types stay out of the package's declarations). */
function schemaOf(rule: Rule): Zod.ZodType {
    let schema = schemas.get(rule);
    if (!schema) {
        schema = buildSchema(rule);
        schemas.set(rule, schema);
    }
    return schema;
}

function buildSchema(rule: Rule): Zod.ZodType {
    // zod loads here: on the first value the quick guard does not accept.
    const z = zod();
    switch (rule.kind) {
        case "integer":
            return z.number().int().min(rule.min).max(rule.max);
        case "choice":
            return z.enum(rule.values as [string, ...string[]]);
        case "boolean":
            return z.boolean();
        case "pattern":
            return z.string().regex(rule.pattern);
        case "text":
        case "endpoint":
            return z.string().min(1);
        case "object": {
            const shape: Record<string, Zod.ZodType> = {};
            for (const [name, field] of Object.entries(rule.fields)) shape[name] = field.required ? schemaOf(field.rule) : schemaOf(field.rule).optional();
            return z.strictObject(shape);
        }
        case "map":
            return z.record(z.string(), z.string().min(1));
    }
}

/** Whether the rule's zod schema accepts `value`: the contract the quick guard (`rule-guard.ts`) is tested against. */
export function schemaAccepts(rule: Rule, value: unknown): boolean {
    return schemaOf(rule).safeParse(value).success;
}

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

/** A problem for every key of `record` that is not in `known`, naming the nearest valid key. */
export function unknownKeyProblems(record: object, known: readonly string[], what = "an option"): ArgumentProblem[] {
    return Object.keys(record)
        .filter((key) => !known.includes(key))
        .map((key) => {
            const nearest = nearestName(key, known);
            const hint = nearest ? `did you mean ${nearest}?` : `the accepted ones are ${known.join(", ")}.`;
            return { field: key, message: `${key} is not ${what}; ${hint}` };
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

/** Most characters of a value an error message shows. */
const SHOWN_VALUE_LIMIT = 80;

/**
 * A value shown in an error message: never a secret, and never an endpoint's user name or password; a string
 * quoted, escaped and bounded as {@link quotedText} does it (a bidi override or a line separator in a
 * `contactId` is written visibly), anything else in JSON, escaped and bounded the same way.
 */
function show(value: unknown, option?: OptionDefinition): string {
    if (option?.secret) return typeof value === "string" ? "a string" : typeof value;
    if (option?.rule.kind === "endpoint") return shownEndpoint(value);
    if (option?.rule.kind === "map") return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    if (typeof value === "string") return quotedText(value, SHOWN_VALUE_LIMIT);
    if (typeof value === "bigint") return `the BigInt ${value}n`;
    if (typeof value === "symbol" || typeof value === "function") return `a ${typeof value}`;
    let shown: string | undefined;
    try {
        shown = JSON.stringify(value);
    } catch {
        shown = `an unprintable ${typeof value}`;
    }
    return shown === undefined ? String(value) : serviceText(shown, SHOWN_VALUE_LIMIT);
}

/**
 * What is wrong with `value` by `rule`, in a message naming it `field` (`provider attribute
 * assume_role.session_expiration must be an integer from 900 to 43200; got 5.`), or undefined when it is accepted:
 * the check and the words of every option's message, for a field of an object option too.
 */
export function ruleProblem(rule: Rule, value: unknown, field: string): string | undefined {
    if (ruleAccepts(rule, value) || schemaAccepts(rule, value)) return undefined;
    return `${field} must be ${acceptedText(rule)}; got ${show(value)}.`;
}

/** The problem with one option's value, or undefined when it is accepted. */
export function valueProblem(name: OptionName, value: unknown, nameOf: NameOf = (n) => n): ArgumentProblem | undefined {
    const option = OPTION_DEFINITIONS[name];
    const rule = option.rule;
    const field = nameOf(name);
    if (!ruleAccepts(rule, value) && !schemaAccepts(rule, value))
        return { field, message: `${field} must be ${acceptedText(rule)}; got ${show(value, option)}.` };
    if (rule.kind === "endpoint" && typeof value === "string") {
        // Parsed now as every listing will parse it, so that a bad endpoint is refused with the reason, by name.
        try {
            parseEndpoint(value, field);
        } catch (error) {
            if (error instanceof InvalidArgumentError) return { field, message: error.message };
            throw error;
        }
    }
    return undefined;
}

/**
 * Every problem with the values of `names` in `options` (absent ones are fine), each naming the option as
 * `nameOf` says. Pure.
 */
export function optionProblems(options: unknown, names: readonly OptionName[], nameOf?: NameOf): ArgumentProblem[] {
    if (options === undefined) return [];
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
        const got = options === null ? "null" : Array.isArray(options) ? "an array" : typeof options;
        return [{ field: "args", message: `args must be an object (or omitted); got ${got}` }];
    }
    const record = options as Record<string, unknown>;
    const problems: ArgumentProblem[] = [];
    for (const name of names) {
        const value = record[name];
        if (value === undefined) continue;
        const problem = valueProblem(name, value, nameOf);
        if (problem) problems.push(problem);
    }
    return problems;
}

/** How a caller's vocabulary names an argument in a validation message: its key (`pageSize`, `--page-size`). */
export function argumentNameOf(vocabulary?: Vocabulary): NameOf {
    return (name) => vocabulary?.argument?.(name)?.key ?? name;
}

/** Every problem with the given options: keys not among `names` (and `extraKeys`), then bad values. */
export function argumentProblems(
    options: unknown,
    names: readonly OptionName[],
    extraKeys: readonly string[] = [],
    vocabulary?: Vocabulary,
): ArgumentProblem[] {
    const unknown = options !== null && typeof options === "object" && !Array.isArray(options) ? unknownKeyProblems(options, [...names, ...extraKeys]) : [];
    return [...unknown, ...optionProblems(options, names, argumentNameOf(vocabulary))];
}

/** Throws {@link InvalidArgumentError} naming the first problem's field and listing all of them. */
export function throwProblems(problems: readonly ArgumentProblem[]): void {
    const first = problems[0];
    if (first) throw new InvalidArgumentError(first.field, problems.map((p) => p.message).join(" "));
}

/**
 * Throws {@link InvalidArgumentError} naming the first bad field (and listing all of them) before any request:
 * keys that are not among `names` (and `extraKeys`), and bad values.
 */
export function assertValidOptions(options: unknown, names: readonly OptionName[], extraKeys: readonly string[] = [], vocabulary?: Vocabulary): void {
    throwProblems(argumentProblems(options, names, extraKeys, vocabulary));
}
