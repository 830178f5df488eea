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
});
