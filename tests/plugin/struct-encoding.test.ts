/**
 * The plugin's direct `google.protobuf.Struct` encoder (`struct-encoding.ts`) against the reference, google-protobuf
 * (the copy `@pulumi/pulumi` loads): for any JSON-like object, the bytes of `encodeStruct(value)` are those of
 * `Struct.fromJavaScript(value).serializeBinary()`, and a value a Struct cannot hold is refused with the same error.
 * Generated values cover what a Struct's encoding can differ on: every double (-0, NaN, the infinities, subnormals),
 * strings of any UTF-16 code units (lone and reversed surrogates, astral characters), keys in any order, integer-like
 * keys, `__proto__` and other Object.prototype names as keys, null-prototype objects and inherited enumerable keys,
 * nesting of lists and objects; then strings long enough for multi-byte lengths.
 *
 * `npm test` runs a fixed seed and budget; `FUZZ_RUNS=100000 npx mocha --no-config -r ts-node/register --timeout 0
 * tests/plugin/struct-encoding.test.ts` runs longer (`FUZZ_SEED` picks another seed).
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { encodeStruct, withStructField } from "../../provider/plugin/struct-encoding";
import { pulumiRuntime } from "../../provider/plugin/pulumi-runtime";

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 26);
const { Struct } = pulumiRuntime().struct;

type JavaScriptValue = Parameters<typeof Struct.fromJavaScript>[0];

/** google-protobuf's bytes for `value`, or its error's message. */
function reference(value: object): Buffer | string {
    try {
        return Buffer.from(Struct.fromJavaScript(value as JavaScriptValue).serializeBinary());
    } catch (error) {
        return (error as Error).message;
    }
}

function direct(value: object): Buffer | string {
    try {
        return encodeStruct(value);
    } catch (error) {
        return (error as Error).message;
    }
}

/** Strings of any UTF-16 code units (lone surrogates included), of any code points, and of names that are special as keys. */
const text = fc.oneof(
    fc.string(),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
    fc.string({ unit: "binary" }),
    fc.constantFrom(
        "",
        "__proto__",
        "constructor",
        "toString",
        "hasOwnProperty",
        "1",
        "10",
        "2",
        "-1",
        "1.5",
        "\ud800",
        "\udc00",
        "\udc00\ud800",
        "a\ud800",
        "\ud83d\ude00",
        "é",
        "\u0000",
        "\uffff",
    ),
);

const number = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.constantFrom(-0, 0, Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, -(2 ** 63)),
);

const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant(null),
        fc.boolean(),
        number,
        text,
        fc.array(tie("value")),
        fc.dictionary(text, tie("value")),
    ),
}));

describe("Struct encoding, direct (struct-encoding.ts), against google-protobuf", () => {
    it("writes the bytes google-protobuf writes for any JSON-like object", () => {
        fc.assert(
            fc.property(fc.dictionary(text, value), (object) => assert.deepEqual(direct(object), reference(object))),
            { numRuns: RUNS, seed: SEED },
        );
    });

    it("writes the same for every edge case named, one at a time", () => {
        const cases: object[] = [
            {},
            { a: -0, b: 0, c: Number.NaN, d: Infinity, e: -Infinity, f: 5e-324, g: 1e308 },
            { z: 1, a: 2, 10: 3, 2: 4, "": 5, B: 6, b: 7 }, // integer-like keys come first in for...in; the encoding sorts
            JSON.parse('{"__proto__": {"x": 1}, "y": [1, "two", null, true, {}, []]}') as object,
            { lone: "\ud800", low: "\udc00", reversed: "\udc00\ud800", pair: "\ud83d\ude00", highThenText: "\ud800x", end: "x\ud800" },
            { "\ud800": 1, "\ud83d\ude00": 2, é: 3 },
            Object.assign(Object.create(null) as object, { a: 1, nested: Object.assign(Object.create(null) as object, { b: [] }) }),
            Object.assign(Object.create({ inherited: "yes" }) as object, { own: 1 }),
            { deep: [[[[[[[[[[{ a: [[[]]] }]]]]]]]]]] },
        ];
        for (const object of cases) assert.deepEqual(direct(object), reference(object), JSON.stringify(object));
    });

    it("writes long strings and lists, whose lengths take several bytes, the same", () => {
        const long = "x".repeat(200_000);
        const wide = "é漢\ud83d\ude00".repeat(70_000); // 2, 3 and 4 bytes per character: about 630,000 bytes
        const lonely = "\ud800a".repeat(50_000);
        const object = { long, wide, lonely, list: Array.from({ length: 20_000 }, (_, i) => ({ contactId: `c-${i}`, target: `${i}***@example.com` })) };
        const bytes = direct(object);
        assert.ok(Buffer.isBuffer(bytes) && bytes.length > 1_500_000);
        assert.deepEqual(bytes, reference(object));
    });

    it("writes a Map as google-protobuf writes the object of its entries, at any depth; a key that is not a string is refused", () => {
        const toMaps = (value: unknown): unknown => {
            if (Array.isArray(value)) return value.map(toMaps);
            if (typeof value === "object" && value !== null) return new Map(Object.entries(value).map(([key, item]) => [key, toMaps(item)]));
            return value;
        };
        fc.assert(
            fc.property(fc.dictionary(text, value), (object) => {
                const withMaps = Object.fromEntries(Object.entries(object).map(([key, item]) => [key, toMaps(item)]));
                assert.deepEqual(direct(withMaps), reference(object));
            }),
            { numRuns: RUNS, seed: SEED },
        );
        assert.deepEqual(
            direct({
                m: new Map<string, unknown>([
                    ["b", [1]],
                    ["a", new Map([["x", null]])],
                ]),
            }),
            reference({ m: { b: [1], a: { x: null } } }),
        );
        assert.deepEqual(direct({ m: new Map<unknown, unknown>([[1, "one"]]) }), "Unexpected struct type.");
    });

    it("refuses what a Struct cannot hold with google-protobuf's error", () => {
        for (const bad of [undefined, () => 1, Symbol("s"), 10n]) {
            for (const object of [{ a: bad }, { list: [1, bad] }, { nested: { deeper: { a: bad } } }]) {
                const expected = reference(object);
                assert.equal(typeof expected, "string", "google-protobuf refuses it");
                assert.equal(direct(object), expected);
            }
        }
    });

    it("inserts the Struct as a message's field where google-protobuf writes it, between the fields before and after", () => {
        const { messages } = pulumiRuntime();
        const props = { totalCount: 2, verifications: [{ contactId: "c-a", target: "t" }] };
        const struct = () => Struct.fromJavaScript(props);
        const read = new messages.ReadResponse().setId("id-1").setInputs(Struct.fromJavaScript({ contactId: "c-a" }));
        const expected = Buffer.from(read.clone().setProperties(struct()).serializeBinary());
        assert.deepEqual(withStructField(read.serializeBinary(), 2, props), expected);
        const invoke = new messages.InvokeResponse().setFailuresList([new messages.CheckFailure().setProperty("p").setReason("r")]);
        assert.deepEqual(withStructField(invoke.serializeBinary(), 1, props), Buffer.from(invoke.clone().setReturn(struct()).serializeBinary()));
        assert.deepEqual(
            withStructField(new Uint8Array(), 1, {}),
            Buffer.from(new messages.InvokeResponse().setReturn(Struct.fromJavaScript({})).serializeBinary()),
        );
    });
});
