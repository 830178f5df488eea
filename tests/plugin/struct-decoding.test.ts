/**
 * The plugin's direct `google.protobuf.Struct` decoder (`struct-decoding.ts`) against the reference, google-protobuf:
 * for the bytes of any JSON-like object (google-protobuf's own encoding, which is the form protobuf encoders write),
 * `decodeStruct` gives what `Struct.deserializeBinary(bytes).toJavaScript()` gives (strings with a lone surrogate,
 * which google-protobuf writes as bytes that are not UTF-8, excepted: those it leaves to google-protobuf): the same values, keys in the same
 * order, the same prototype. For those bytes mutated at random (a byte set, removed or inserted), it either reads
 * them to the same value or leaves them to google-protobuf (undefined), never a different value, never a throw;
 * `isCanonicalStruct` agrees with it. And it is bounded: nesting past its limit, lengths past the end, a field given
 * twice in a Value, `__proto__` keys and invalid UTF-8 are left to google-protobuf.
 *
 * `npm test` runs a fixed seed and budget; `FUZZ_RUNS=100000 npx mocha --no-config -r ts-node/register --timeout 0
 * tests/plugin/struct-decoding.test.ts` runs longer (`FUZZ_SEED` picks another seed).
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { pulumiRuntime } from "../../provider/plugin/pulumi-runtime";
import { decodeStruct, isCanonicalStruct, MAX_STRUCT_DEPTH } from "../../provider/plugin/struct-decoding";

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 26);
const { Struct } = pulumiRuntime().struct;

type JavaScriptValue = Parameters<typeof Struct.fromJavaScript>[0];

const text = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
    fc.constantFrom("__proto__", "constructor", "1", "10", "2", "", "\ufeffx", "a\ud800b", "\ud83d\ude00"),
);
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, Number.NaN, Infinity, -Infinity));
const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small" }, fc.constant(null), fc.boolean(), number, text, fc.array(tie("value")), fc.dictionary(text, tie("value"))),
}));

/** Deep equality that also holds key order and prototypes, and tells -0 and NaN apart as Object.is does. */
function same(a: unknown, b: unknown): boolean {
    if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return Object.is(a, b);
    if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.join("\0") !== keysB.join("\0")) return false;
    return keysA.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Whether every string of `value`, keys included, is well-formed UTF-16 (no lone surrogate). */
function wellFormed(value: unknown): boolean {
    if (typeof value === "string") return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
    if (Array.isArray(value)) return value.every(wellFormed);
    if (typeof value === "object" && value !== null) return Object.entries(value).every(([key, item]) => wellFormed(key) && wellFormed(item));
    return true;
}

function reference(bytes: Uint8Array): { value: unknown } | "refused" {
    try {
        return { value: Struct.deserializeBinary(new Uint8Array(bytes)).toJavaScript() };
    } catch {
        return "refused";
    }
}

const encode = (object: object) => Buffer.from(Struct.fromJavaScript(object as JavaScriptValue).serializeBinary());

describe("Struct decoding, direct (struct-decoding.ts), against google-protobuf", () => {
    it("reads google-protobuf's bytes of any JSON-like object to what google-protobuf reads", () => {
        fc.assert(
            fc.property(fc.dictionary(text, value), (object) => {
                const bytes = encode(object);
                const got = decodeStruct(bytes);
                assert.equal(isCanonicalStruct(bytes), got !== undefined);
                // google-protobuf writes a lone surrogate as 3 bytes that are not UTF-8, which no other encoder (the
                // engine's Go) sends: such bytes are left to google-protobuf; every other object is read.
                if (got === undefined) return assert.ok(!wellFormed(object), "well-formed strings are read");
                const expected = reference(bytes);
                assert.ok(expected !== "refused" && same(got, expected.value), JSON.stringify({ got, expected }));
            }),
            { numRuns: RUNS, seed: SEED },
        );
    });

    it("for mutated bytes, reads the same value as google-protobuf or leaves them to it, and never throws", () => {
        const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "delete", "insert"));
        fc.assert(
            fc.property(fc.dictionary(text, value, { minKeys: 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (object, mutations) => {
                const bytes = Array.from(encode(object));
                for (const [at, byte, how] of mutations) {
                    const index = at % Math.max(1, bytes.length);
                    if (how === "set") bytes[index] = byte;
                    else if (how === "delete") bytes.splice(index, 1);
                    else bytes.splice(index, 0, byte);
                }
                const input = Buffer.from(bytes);
                const got = decodeStruct(input);
                assert.equal(isCanonicalStruct(input), got !== undefined);
                if (got === undefined) return;
                const expected = reference(input);
                assert.ok(expected !== "refused" && same(got, expected.value), input.toString("hex"));
            }),
            { numRuns: RUNS, seed: SEED },
        );
    });

    it("is bounded: nesting past its limit, lengths past the end, two fields in a Value, __proto__ and invalid UTF-8 are google-protobuf's", () => {
        let deep: unknown = 1;
        for (let depth = 0; depth < MAX_STRUCT_DEPTH; depth++) deep = [deep];
        assert.ok(decodeStruct(encode({ deep })) !== undefined, `nesting of ${MAX_STRUCT_DEPTH} is read`);
        assert.equal(decodeStruct(encode({ deep: [deep] })), undefined, "one level more is not");
        const bytes = encode({ a: "text" });
        assert.equal(decodeStruct(bytes.subarray(0, bytes.length - 1)), undefined, "a length past the end");
        const huge = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert.equal(decodeStruct(huge), undefined, "a 4 GB length in 6 bytes");
        // A Value holding a number and then a string (google-protobuf keeps the last).
        const twoFields = Buffer.from([0x0a, 0x11, 0x0a, 0x01, 0x61, 0x12, 0x0c, 0x11, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x1a, 0x01, 0x62]);
        assert.equal(decodeStruct(twoFields), undefined);
        assert.notEqual(reference(twoFields), "refused");
        const proto = Buffer.from([0x0a, 0x0f, 0x0a, 0x09, ...Buffer.from("__proto__"), 0x12, 0x02, 0x08, 0x00]);
        assert.equal(decodeStruct(proto), undefined);
        const badUtf8 = Buffer.from([0x0a, 0x09, 0x0a, 0x01, 0xff, 0x12, 0x04, 0x1a, 0x02, 0xc3, 0x28]);
        assert.equal(decodeStruct(badUtf8), undefined);
    });
});
