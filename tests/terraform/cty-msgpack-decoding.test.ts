/**
 * The provider's own cty msgpack decoder (`decodeCty` in `provider/terraform/cty-msgpack.ts`) against the reference,
 * `@msgpack/msgpack` 3 after the same bounds check (tests/support/cty-msgpack-reference.ts): the same value, keys in
 * the same order, or the same CtyDecodeError, over cty values as the test client encodes them (long strings,
 * integers of every width, floats), over the fuzz target's hostile inputs, and over each head at its edges. The one
 * difference, a byte order mark at the start of a long string, is kept as cty keeps it.
 */
import { strict as assert } from "node:assert";
import * as msgpack from "@msgpack/msgpack";
import fc from "fast-check";
import { CTY_MAX_DEPTH, CtyDecodeError, decodeCty, UNKNOWN } from "../../provider/terraform/cty-msgpack";
import { compareWithReference, referenceDecodeCty } from "../support/cty-msgpack-reference";
import { ctyEncode, REFINED_UNKNOWN_VALUE, UNKNOWN_VALUE } from "../support/terraform-provider";
import { ctyMsgpackBytes } from "../fuzz/cty-msgpack.fuzz";

/** Strings of every length class of msgpack's heads: fixstr, str8, str16 (and the reference's TextDecoder beyond 200 bytes). */
const strings = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", minLength: 180, maxLength: 400 }),
    fc.constantFrom("", "\ufeff", "\ufeffshort", "__proto__ as a value", "a".repeat(31), "a".repeat(32), "é".repeat(128), "x".repeat(65_536)),
);

/** Numbers msgpack writes with every integer and float head. */
const numbers = fc.oneof(
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double(),
    fc.constantFrom(
        0,
        -0,
        127,
        128,
        -32,
        -33,
        255,
        256,
        65_535,
        65_536,
        2 ** 32 - 1,
        2 ** 32,
        -(2 ** 31),
        -(2 ** 31) - 1,
        2 ** 53,
        -(2 ** 53),
        1.5,
        NaN,
        Infinity,
    ),
);

/** Keys, among them ones a plain object treats specially (index-like keys come first, whatever their order). */
const keys = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("constructor", "toString", "hasOwnProperty", "0", "1", "10", "-1", "01", "a.b"));

/** cty values as the test client writes them, unknowns included. */
const ctyValues: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom(null, true, false, UNKNOWN_VALUE, REFINED_UNKNOWN_VALUE),
        strings,
        numbers,
        fc.array(tie("value"), { maxLength: 5 }),
        fc.dictionary(keys, tie("value"), { maxKeys: 5 }),
    ),
})).value;

/** Heads written by hand: each integer and float width, ext 8/16/32 forms of the unknowns, duplicate keys. */
const HAND_WRITTEN: Record<string, number[]> = {
    "uint64 max": [0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    "uint64 2^53 + 1": [0xcf, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01],
    "int64 min": [0xd3, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
    "int64 -1": [0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    "int8 -128": [0xd0, 0x80],
    "int16 -1": [0xd1, 0xff, 0xff],
    "int32 min": [0xd2, 0x80, 0x00, 0x00, 0x00],
    "uint8 255": [0xcc, 0xff],
    "uint16 max": [0xcd, 0xff, 0xff],
    "uint32 max": [0xce, 0xff, 0xff, 0xff, 0xff],
    "float32 NaN": [0xca, 0x7f, 0xc0, 0x00, 0x00],
    "float32 -0": [0xca, 0x80, 0x00, 0x00, 0x00],
    "float32 0.1": [0xca, 0x3d, 0xcc, 0xcc, 0xcd],
    "float64 -Infinity": [0xcb, 0xff, 0xf0, 0, 0, 0, 0, 0, 0],
    "str8 of 3": [0xd9, 0x03, 0x61, 0x62, 0x63],
    "str16 of 1": [0xda, 0x00, 0x01, 0x61],
    "str32 of 1": [0xdb, 0x00, 0x00, 0x00, 0x01, 0x61],
    "array16 of 2": [0xdc, 0x00, 0x02, 0xc0, 0xc3],
    "array32 of 1": [0xdd, 0x00, 0x00, 0x00, 0x01, 0xc2],
    "map16 of 1": [0xde, 0x00, 0x01, 0xa1, 0x61, 0x01],
    "map32 of 1": [0xdf, 0x00, 0x00, 0x00, 0x01, 0xa1, 0x61, 0x01],
    "ext8 unknown": [0xc7, 0x02, 0x00, 0x01, 0x02],
    "ext16 refined unknown": [0xc8, 0x00, 0x03, 0x0c, 0x81, 0x01, 0xc2],
    "ext32 unknown, empty": [0xc9, 0x00, 0x00, 0x00, 0x00, 0x00],
    "fixext16 refined unknown": [0xd8, 0x0c, ...Array<number>(16).fill(0)],
    "an unknown in a list": [0x92, 0xd4, 0x00, 0x00, 0xc0],
    "a duplicate key (the last value wins, the first place stays)": [0x83, 0xa1, 0x62, 0x01, 0xa1, 0x61, 0x02, 0xa1, 0x62, 0x03],
    "a __proto__ key": [0x81, 0xa9, ...Buffer.from("__proto__"), 0xc0],
    "a __proto__ key, deeper": [0x91, 0x81, 0xa1, 0x61, 0x81, 0xa9, ...Buffer.from("__proto__"), 0x01],
    "a map key that is a number": [0x81, 0x01, 0x02],
    "binary data": [0xc4, 0x01, 0x00],
    "extension type 1": [0xd4, 0x01, 0x00],
    "a count past the end": [0xdd, 0xff, 0xff, 0xff, 0xff],
    "bytes after the value": [0xc0, 0xc0],
    nothing: [],
};

describe("cty msgpack decoding (decodeCty) against @msgpack/msgpack", () => {
    it("cty values as the test client encodes them decode as the reference decodes them, keys in the same order", () => {
        fc.assert(
            fc.property(ctyValues, (value) => {
                let bytes: Uint8Array;
                try {
                    bytes = ctyEncode(value);
                } catch {
                    return; // a value msgpack will not write
                }
                const outcome = compareWithReference(bytes);
                assert.ok("value" in outcome, "a value the client wrote decodes");
            }),
            { numRuns: 2_000, seed: 26 },
        );
    });

    it("the fuzz target's inputs (random, mutated, heads at their edges) decode or are refused as the reference does", () => {
        let decoded = 0;
        let refused = 0;
        fc.assert(
            fc.property(ctyMsgpackBytes, (bytes) => {
                if ("value" in compareWithReference(bytes)) decoded++;
                else refused++;
            }),
            { numRuns: 5_000, seed: 26 },
        );
        assert.ok(decoded > 100 && refused > 100, `both outcomes seen: ${decoded} decoded, ${refused} refused`);
    });

    for (const [name, bytes] of Object.entries(HAND_WRITTEN))
        it(`${name}: as the reference`, () => {
            compareWithReference(Uint8Array.from(bytes));
        });

    it("values nested to the bound decode; one level deeper is refused, as by the reference", () => {
        for (const depth of [CTY_MAX_DEPTH, CTY_MAX_DEPTH + 1]) {
            const bytes = Buffer.concat([Buffer.alloc(depth, 0x91), Buffer.from([0xc0])]);
            const outcome = compareWithReference(bytes);
            assert.equal("value" in outcome, depth <= CTY_MAX_DEPTH, `depth ${depth}`);
        }
    });

    it("reads a value inside a larger buffer (a protobuf field's bytes) from its own offset", () => {
        const whole = Buffer.concat([Buffer.from([0xff, 0xff, 0xff]), Buffer.from(ctyEncode({ b: [1, -2, 3.5, "é"], a: UNKNOWN_VALUE })), Buffer.from([0xee])]);
        const field = whole.subarray(3, whole.length - 1);
        assert.deepStrictEqual(decodeCty(field), { b: [1, -2, 3.5, "é"], a: UNKNOWN });
        compareWithReference(field);
    });

    it("keeps a byte order mark that begins a long string, as cty does (the reference drops it: its one difference)", () => {
        const text = `\ufeff${"a".repeat(300)}`;
        const bytes = msgpack.encode(text);
        assert.equal(decodeCty(bytes), text);
        assert.equal(referenceDecodeCty(bytes), text.slice(1));
        compareWithReference(bytes);
    });

    it("refuses a __proto__ key with the reference's message, never setting the prototype", () => {
        const bytes = Uint8Array.from(HAND_WRITTEN["a __proto__ key"] as number[]);
        assert.throws(
            () => decodeCty(bytes),
            (error: unknown) => error instanceof CtyDecodeError && /The key __proto__ is not allowed \(at byte 0\)/.test(error.message),
        );
    });
});
