import { strict as assert } from "node:assert";
import fc from "fast-check";
import { OPTION_DEFINITIONS, OptionName } from "../../provider/alibaba-client/options/option-table";
import { ruleAccepts } from "../../provider/alibaba-client/options/rule-guard";
import type { Rule } from "../../provider/alibaba-client/options/rules";
import { schemaAccepts } from "../../provider/alibaba-client/options/validate-options";

/** Every rule of the option table, and the fields of its object rules, with a name to report. */
function allRules(): { name: string; rule: Rule }[] {
    const rules: { name: string; rule: Rule }[] = [];
    const visit = (name: string, rule: Rule): void => {
        rules.push({ name, rule });
        if (rule.kind === "object") for (const [field, f] of Object.entries(rule.fields)) visit(`${name}.${field}`, f.rule);
    };
    for (const name of Object.keys(OPTION_DEFINITIONS) as OptionName[]) visit(name, OPTION_DEFINITIONS[name].rule);
    return rules;
}

/** Values a rule accepts. */
function validValues(rule: Rule): fc.Arbitrary<unknown> {
    switch (rule.kind) {
        case "integer":
            return fc.integer({ min: rule.min, max: rule.max });
        case "choice":
            return fc.constantFrom(...rule.values);
        case "boolean":
            return fc.boolean();
        case "pattern":
            return fc.stringMatching(rule.pattern);
        case "text":
        case "endpoint":
            return fc.string({ minLength: 1, maxLength: 8 });
        case "object": {
            const fields = Object.fromEntries(Object.entries(rule.fields).map(([name, field]) => [name, validValues(field.rule)]));
            return fc.record(fields, {
                requiredKeys: Object.entries(rule.fields)
                    .filter(([, f]) => f.required)
                    .map(([n]) => n),
            });
        }
        case "map":
            return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ minLength: 1, maxLength: 8 }), { maxKeys: 3 });
    }
}

/** Values near what a rule accepts: valid ones, their edges and near misses, and values of other kinds. */
function nearValues(rule: Rule): fc.Arbitrary<unknown> {
    const other = fc.oneof(
        fc.constantFrom(null, undefined, true, false, "", " ", "x", "c-", "cn-hangzhou", 0, -0, 1, 1.5, NaN, Infinity, 2 ** 53, [], {}, [1], new Date(0)),
        fc.string({ maxLength: 6 }),
        fc.integer(),
        fc.double(),
        fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.string({ maxLength: 3 }), fc.integer()), { maxKeys: 3 }),
    );
    return fc.oneof(validValues(rule), nearMisses(rule, other));
}

/** A rule's near misses and edges, and values of other kinds. */
function nearMisses(rule: Rule, other: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
    switch (rule.kind) {
        case "integer":
            return fc.oneof(
                fc.integer({ min: rule.min - 2, max: rule.max + 2 }),
                fc.constantFrom(rule.min, rule.max, rule.min - 1, rule.max + 1, rule.min + 0.5),
                other,
            );
        case "choice":
            return fc.oneof(
                fc.constantFrom(...rule.values),
                fc.constantFrom(...rule.values.map((v) => v.toUpperCase()), ...rule.values.map((v) => `${v} `)),
                other,
            );
        case "pattern":
            return fc.oneof(
                fc.stringMatching(rule.pattern),
                fc.stringMatching(rule.pattern).map((s) => `${s}!`),
                other,
            );
        case "object": {
            const fields = Object.fromEntries(Object.entries(rule.fields).map(([name, field]) => [name, nearValues(field.rule)]));
            return fc.oneof(
                fc.record(fields, {
                    requiredKeys: Object.entries(rule.fields)
                        .filter(([, f]) => f.required)
                        .map(([n]) => n),
                }),
                fc.record(fields, { requiredKeys: [] }),
                fc.record({ ...fields, extra: fc.string() }, { requiredKeys: ["extra"] }),
                other,
            );
        }
        case "map":
            return fc.oneof(
                fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.constant(""), fc.integer()), { maxKeys: 3 }),
                other,
            );
        default:
            return other;
    }
}

describe("the options' quick guard (rule-guard.ts) against the zod schemas it stands in front of", () => {
    for (const { name, rule } of allRules()) {
        it(`${name} (${rule.kind}): accepts only what the schema accepts, and every valid value the tests generate`, () => {
            let accepted = 0;
            fc.assert(
                fc.property(nearValues(rule), (value) => {
                    const schema = schemaAccepts(rule, value);
                    const guard = ruleAccepts(rule, value);
                    if (guard) accepted++;
                    // Never looser than the schema; and as strict only where the value is not a plain one.
                    assert.ok(!guard || schema, `the guard accepted ${fc.stringify(value)} that the schema refuses`);
                    if (schema && (typeof value !== "object" || value === null || Object.getPrototypeOf(value) === Object.prototype)) {
                        assert.ok(guard, `the schema accepts ${fc.stringify(value)} but the guard sends it to zod`);
                    }
                }),
                { numRuns: 400 },
            );
            assert.ok(accepted > 0, "no generated value was accepted: the generator is wrong");
        });
    }
});
