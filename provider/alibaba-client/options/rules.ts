/**
 * What an option accepts, as plain data: validation (zod, built on first use by `validate-options.ts`), the
 * "must be ..." words of every message, the Pulumi schema's and Terraform's types and the docs all read the same
 * rule. Plain data, so importing the option table costs nothing.
 */

/** A named field of an object option (`assumeRole.roleArn`). */
export interface FieldRule {
    rule: Rule;
    description: string;
    required?: boolean;
}

/** What one option accepts. */
export type Rule =
    | { kind: "integer"; min: number; max: number; unit?: "milliseconds" | "bytes" }
    | { kind: "choice"; values: readonly string[] }
    | { kind: "boolean" }
    | { kind: "pattern"; pattern: RegExp; accepted: string }
    | { kind: "text" }
    | { kind: "endpoint" }
    | { kind: "object"; fields: Readonly<Record<string, FieldRule>> }
    | { kind: "map"; accepted: string };

/** An integer in `[min, max]`, optionally a number of milliseconds or bytes. */
export const integer = (min: number, max: number, unit?: "milliseconds" | "bytes"): Rule => ({ kind: "integer", min, max, ...(unit ? { unit } : {}) });
/** One of the given strings. */
export const choice = (...values: string[]): Rule => ({ kind: "choice", values });
/** A string matching `pattern`, described by `accepted`. */
export const pattern = (regex: RegExp, accepted: string): Rule => ({ kind: "pattern", pattern: regex, accepted });
/** `true` or `false`. */
export const boolean: Rule = { kind: "boolean" };
/** A non-empty string. */
export const text: Rule = { kind: "text" };
/** A host name, host and port, or an http(s) URL. */
export const endpoint: Rule = { kind: "endpoint" };
/** An object with the given fields. */
export const object = (fields: Record<string, FieldRule>): Rule => ({ kind: "object", fields });
/** An object of string values by name (service code to endpoint). */
export const map = (accepted: string): Rule => ({ kind: "map", accepted });

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** `1048576 (1 MiB)`: a byte count with its binary unit when it is a round one. */
function bytesText(n: number): string {
    if (n >= GIB && n % GIB === 0) return `${n} (${n / GIB} GiB)`;
    if (n >= MIB && n % MIB === 0) return `${n} (${n / MIB} MiB)`;
    return String(n);
}

/** `"a", "b" or "c"`. */
function alternatives(values: readonly string[]): string {
    const quoted = values.map((v) => JSON.stringify(v));
    return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** What the rule accepts, in words that follow "must be": `an integer from 1 to 32`. */
export function acceptedText(rule: Rule): string {
    switch (rule.kind) {
        case "integer":
            if (rule.unit === "bytes") return `an integer number of bytes from ${bytesText(rule.min)} to ${bytesText(rule.max)}`;
            if (rule.unit === "milliseconds") return `an integer number of milliseconds from ${rule.min} to ${rule.max}`;
            return `an integer from ${rule.min} to ${rule.max}`;
        case "choice":
            return alternatives(rule.values);
        case "boolean":
            return "true or false";
        case "pattern":
            return rule.accepted;
        case "text":
            return "a non-empty string";
        case "endpoint":
            return "a host name or an http(s) URL";
        case "object": {
            const fields = Object.entries(rule.fields).map(([name, field]) => {
                const range = field.rule.kind === "integer" ? ` (${field.rule.min}..${field.rule.max})` : "";
                return `${name}${field.required ? "" : "?"}${range}`;
            });
            return `an object {${fields.join(", ")}}`;
        }
        case "map":
            return rule.accepted;
    }
}
