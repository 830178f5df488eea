/**
 * A quick check of a value against a rule, in front of the zod schema that `validate-options.ts` builds from
 * the same rule: a value it accepts is accepted without loading zod (about 40-50 ms at a process's first
 * validation, paid by each start of the Terraform provider). It never accepts what the schema refuses
 * (`tests/property/rule-guard.property.test.ts`); anything it does not accept goes to the schema, which decides
 * and names the problem.
 */
import type { Rule } from "./rules";

/** A plain object (made by a literal or JSON.parse) whose every own key is a string. */
function isRecord(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    const prototype = Object.getPrototypeOf(value) as unknown;
    return prototype === Object.prototype && Object.getOwnPropertySymbols(value).length === 0;
}

/** True when `value` certainly satisfies `rule`; false when the zod schema must decide. Pure. */
export function ruleAccepts(rule: Rule, value: unknown): boolean {
    switch (rule.kind) {
        case "integer":
            return typeof value === "number" && Number.isSafeInteger(value) && value >= rule.min && value <= rule.max;
        case "choice":
            return typeof value === "string" && rule.values.includes(value);
        case "boolean":
            return typeof value === "boolean";
        case "pattern":
            rule.pattern.lastIndex = 0;
            return typeof value === "string" && rule.pattern.test(value);
        case "text":
        case "endpoint":
            return typeof value === "string" && value.length > 0;
        case "object": {
            if (!isRecord(value)) return false;
            for (const key of Object.keys(value)) if (!Object.hasOwn(rule.fields, key)) return false;
            for (const [name, field] of Object.entries(rule.fields)) {
                const fieldValue = value[name];
                if (fieldValue === undefined ? field.required : !ruleAccepts(field.rule, fieldValue)) return false;
            }
            return true;
        }
        case "map":
            return isRecord(value) && Object.values(value).every((entry) => typeof entry === "string" && entry.length > 0);
    }
}
