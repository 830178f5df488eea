import { strict as assert } from "node:assert";
import fc from "fast-check";
import { isListPageAnswer } from "../../provider/alibaba-client/operation/list-page-guard";
import { listPageSchema } from "../../provider/alibaba-client/operation/list-page-guard";
import { listPageZodSchema } from "../../provider/alibaba-client/operation/response-schema";

/** Values a field of a JSON answer can take: the valid ones and their near misses. */
const anyJson = fc.oneof(
    fc.constantFrom(null, true, false, "", "x", "12", 0, -0, 1, 3, -1, 1.5, 2 ** 53, 2 ** 53 - 1, 1e300, [], {}),
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.double(),
);
/** Mostly `valid`, sometimes missing or of another kind. */
const nearly = <T>(valid: fc.Arbitrary<T>) =>
    fc.option(fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: anyJson }), { nil: undefined, freq: 15 });
const maybe = (arbitrary: fc.Arbitrary<unknown>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

const item = fc.oneof(
    { weight: 30, arbitrary: fc.record({ ContactId: fc.string({ minLength: 1, maxLength: 3 }), Target: fc.string({ minLength: 1, maxLength: 3 }) }) },
    { weight: 2, arbitrary: fc.record({ ContactId: nearly(fc.string({ maxLength: 2 })), Target: nearly(fc.string({ maxLength: 2 })), Extra: maybe(anyJson) }) },
    { weight: 1, arbitrary: anyJson },
);

/** Pages as JSON.parse can give them: every field valid, missing, or of another kind, and rarely not an object. */
const page = fc.oneof(
    {
        weight: 9,
        arbitrary: fc.record({
            RequestId: nearly(fc.string({ maxLength: 4 })),
            TotalCount: nearly(fc.nat(30)),
            PageSize: nearly(fc.nat(30)),
            PageNumber: nearly(fc.nat(30)),
            ContactVerifications: nearly(fc.array(item, { maxLength: 4 })),
            Unknown: maybe(anyJson),
        }),
    },
    { weight: 1, arbitrary: anyJson },
    { weight: 1, arbitrary: fc.array(anyJson, { maxLength: 3 }) },
);

/** What the service's bytes become: undefined keys dropped, -0 written as 0. */
const asParsedJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? "null");

describe("property: the page guard (the fast path) accepts exactly what the page's zod schema accepts", () => {
    it("for any JSON answer, near-valid ones most of all", () => {
        let accepted = 0;
        fc.assert(
            fc.property(page, (raw) => {
                const value = asParsedJson(raw);
                const zod = listPageZodSchema().safeParse(value).success;
                assert.equal(isListPageAnswer(value), zod, JSON.stringify(value));
                if (zod) accepted++;
            }),
            { numRuns: 3000 },
        );
        // The generator must reach both sides, or the property says nothing.
        assert.ok(accepted > 100, `only ${accepted} of 3000 generated pages were valid`);
    });

    it("a page the guard refuses is rejected with the schema's own issues; a page it accepts is returned as is", () => {
        const bad = listPageSchema.safeParse({ TotalCount: 2, PageSize: 10, PageNumber: 1, ContactVerifications: [{ ContactId: "c-1", Target: "" }] });
        assert.equal(bad.success, false);
        assert.match(bad.success ? "" : bad.error.issues.map((i) => i.path.join(".")).join(), /ContactVerifications\.0\.Target/);
        const good = { TotalCount: 1, PageSize: 10, PageNumber: 1, ContactVerifications: [{ ContactId: "c-1", Target: "a@b.c" }] };
        const parsed = listPageSchema.safeParse(good);
        assert.ok(parsed.success && parsed.data === good);
    });
});
