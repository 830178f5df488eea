import { strict as assert } from "node:assert";
import { ARGUMENT_NAMES, assertValidOptions, InvalidArgumentError, optionProblems } from "../../provider/alibaba-client";

describe("argument validation", () => {
    it("accepts no options and every valid option", () => {
        assert.deepEqual(optionProblems(undefined, ARGUMENT_NAMES), []);
        assert.deepEqual(optionProblems({ contactId: "c-qL4HqKONzOM7ab", pageSize: 100, concurrency: 8, endpoint: "x.example" }, ARGUMENT_NAMES), []);
    });

    for (const [field, value, accepted] of [
        ["contactId", "", /"c-" followed by letters and digits/],
        ["contactId", "contact-1", /"c-" followed by letters and digits/],
        ["contactId", "c-abc def", /got "c-abc def"/],
        ["pageSize", 0, /an integer from 1 to 100; got 0/],
        ["pageSize", 101, /an integer from 1 to 100; got 101/],
        ["pageSize", 2.5, /an integer from 1 to 100/],
        ["pageSize", "10", /got "10"/],
        ["concurrency", 0, /from 1 to 32/],
        ["maxAttempts", 21, /from 1 to 20/],
    ] as const) {
        it(`rejects ${field} = ${JSON.stringify(value)} naming the field and what is accepted`, () => {
            assert.throws(
                () => assertValidOptions({ [field]: value }, ARGUMENT_NAMES),
                (e: unknown) => e instanceof InvalidArgumentError && e.field === field && e.message.startsWith(`${field} must be`) && accepted.test(e.message),
            );
        });
    }

    it("reports every bad field at once", () => {
        const problems = optionProblems({ contactId: "x", pageSize: 1000 }, ARGUMENT_NAMES);
        assert.deepEqual(
            problems.map((p) => p.field),
            ["contactId", "pageSize"],
        );
    });

    it("never echoes a secret value", () => {
        const [problem] = optionProblems({ accessKeySecret: 42 }, ARGUMENT_NAMES);
        assert.ok(problem);
        assert.doesNotMatch(problem.message, /42/);
    });

    it("shows a value from outside escaped and bounded: C1 controls, bidi overrides, line separators, quotes, a long value", () => {
        const hostile = 'c-\u202eevil\u202c\u0085\u009b31m\u2028\u2029"x\\';
        const [problem] = optionProblems({ contactId: hostile }, ARGUMENT_NAMES);
        assert.match(problem?.message ?? "", /got "c-\\u202eevil\\u202c\\u0085\\u009b31m\\u2028\\u2029\\"x\\\\"\.$/);
        assert.doesNotMatch(problem?.message ?? "", /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
        const [long] = optionProblems({ contactId: `c-${"\u2028".repeat(100_000)}` }, ARGUMENT_NAMES);
        assert.match(long?.message ?? "", /got "c-(\\u2028){13}"\.\.\. \(99987 more characters\)\.$/);
    });
});
