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
import { decodeStruct, decodeStructArguments, isCanonicalStruct, isExactStruct, MAX_STRUCT_DEPTH, sortedStruct } from "../../provider/plugin/struct-decoding";
import { asSecret, SECRET_SIG, secretNames, SPECIAL_SIG_KEY, UNKNOWN_VALUE, unknownNames } from "../../provider/wire-format";

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

/**
 * A Struct's bytes written entry by entry, as any protobuf encoder may write them: keys in any order, a key given
 * twice (google-protobuf's map keeps the last), at every depth. A value is a JSON-like leaf, a list, or entries.
 */
type Raw = null | boolean | number | string | { list: Raw[] } | { entries: [string, Raw][] };

function varint(value: number): number[] {
    const out: number[] = [];
    let v = value;
    for (; v >= 0x80; v = Math.floor(v / 128)) out.push((v % 128) | 0x80);
    out.push(v);
    return out;
}

function delimited(tag: number, bytes: Uint8Array | number[]): number[] {
    return [tag, ...varint(bytes.length), ...bytes];
}

function rawValue(value: Raw): number[] {
    if (value === null) return [0x08, 0];
    if (typeof value === "boolean") return [0x20, value ? 1 : 0];
    if (typeof value === "number") {
        const double = Buffer.alloc(8);
        double.writeDoubleLE(value);
        return [0x11, ...double];
    }
    if (typeof value === "string") return delimited(0x1a, Buffer.from(value, "utf8"));
    if ("list" in value)
        return delimited(
            0x32,
            value.list.flatMap((item) => delimited(0x0a, rawValue(item))),
        );
    return delimited(0x2a, rawEntries(value.entries));
}

function rawEntries(entries: [string, Raw][]): number[] {
    return entries.flatMap(([key, value]) => delimited(0x0a, [...delimited(0x0a, Buffer.from(key, "utf8")), ...delimited(0x12, rawValue(value))]));
}

/** Well-formed text (the engine's strings), the engine's sentinels among it. */
const wellFormedText = fc.oneof(
    fc.string(),
    fc.constantFrom("", "1", "10", "constructor", "\ud83d\ude00", "\uffff", "é", SPECIAL_SIG_KEY, SECRET_SIG, UNKNOWN_VALUE, "contactId", "pageSize"),
);
/** Entries with keys from a small set, so that a key is often given twice, and values that may be secret or unknown. */
const rawKey = fc.oneof(
    fc.constantFrom("contactId", "pageSize", "secretTargets", "verifications", "a", "10", SPECIAL_SIG_KEY, "\ud83d\ude00", "\uffff"),
    wellFormedText,
);
const { raw } = fc.letrec((tie) => ({
    raw: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true }),
        wellFormedText,
        fc.array(tie("raw")).map((list) => ({ list }) as Raw),
        fc.array(fc.tuple(rawKey, tie("raw"))).map((entries) => ({ entries }) as Raw),
        tie("raw").map(
            (value) =>
                ({
                    entries: [
                        [SPECIAL_SIG_KEY, SECRET_SIG],
                        ["value", value],
                    ],
                }) as Raw,
        ),
    ),
}));

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

    it("reads the named properties of any Struct's bytes, and which of all hold a secret or an unknown value, as google-protobuf's object tells", () => {
        const names = new Set(["contactId", "pageSize", "secretTargets", "10"]);
        fc.assert(
            fc.property(fc.array(fc.tuple(rawKey, raw)), (entries) => {
                const bytes = Buffer.from(rawEntries(entries));
                const expected = reference(bytes);
                assert.ok(expected !== "refused");
                const object = expected.value as Record<string, unknown>;
                const got = decodeStructArguments(bytes, names);
                assert.ok(got !== undefined, "well-formed bytes are read");
                const picked = Object.fromEntries(Object.entries(object).filter(([key]) => names.has(key)));
                assert.ok(same(got.props, picked), JSON.stringify({ got: got.props, picked }));
                assert.equal(got.size, Object.keys(object).length);
                assert.deepEqual(got.secret, secretNames(object));
                assert.deepEqual(got.unknown, unknownNames(object));
            }),
            { numRuns: RUNS, seed: SEED },
        );
    });

    it("for mutated bytes, reads the arguments as google-protobuf's object tells or leaves the bytes to it, and never throws", () => {
        const names = new Set(["contactId", "pageSize", "10"]);
        const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "delete", "insert"));
        fc.assert(
            fc.property(fc.array(fc.tuple(rawKey, raw), { minLength: 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (entries, mutations) => {
                const input = mutate(Buffer.from(rawEntries(entries)), mutations);
                const got = decodeStructArguments(input, names);
                assert.equal(got !== undefined, isCanonicalStruct(input));
                if (got === undefined) return;
                const expected = reference(input);
                assert.ok(expected !== "refused");
                const object = expected.value as Record<string, unknown>;
                assert.ok(same(got.props, Object.fromEntries(Object.entries(object).filter(([key]) => names.has(key)))), input.toString("hex"));
                assert.deepEqual([got.size, got.secret, got.unknown], [Object.keys(object).length, secretNames(object), unknownNames(object)]);
            }),
            { numRuns: RUNS, seed: SEED },
        );
    });

    it("reads the arguments of a state as they are, its listing only walked: secrets and unknowns at any depth found, bounds kept", () => {
        const names = new Set(["contactId", "pageSize"]);
        const state = {
            contactId: asSecret("c-a"),
            pageSize: 10,
            verifications: [{ contactId: "c-a", target: "t" }, asSecret({ target: "u" })],
            targets: [[[{ deeper: UNKNOWN_VALUE }]]],
            notSecret: { [SPECIAL_SIG_KEY]: "other", value: 1 },
            signatureAlone: SECRET_SIG,
        };
        assert.deepEqual(decodeStructArguments(encode(state), names), {
            props: { contactId: asSecret("c-a"), pageSize: 10 },
            size: 6,
            secret: ["contactId", "verifications"],
            unknown: ["targets"],
        });
        // A secret given first and then replaced by a plain value is not a secret (the last value counts), at any depth.
        const replaced = Buffer.from(
            rawEntries([
                [
                    "listing",
                    {
                        entries: [
                            ["a", asSecretRaw("x")],
                            ["a", "plain"],
                        ],
                    },
                ],
            ]),
        );
        assert.deepEqual(decodeStructArguments(replaced, names)?.secret, []);
        const envelopeReplaced = Buffer.from(
            rawEntries([
                [
                    "listing",
                    {
                        entries: [
                            [SPECIAL_SIG_KEY, SECRET_SIG],
                            ["value", 1],
                            [SPECIAL_SIG_KEY, "no"],
                        ],
                    },
                ],
            ]),
        );
        assert.deepEqual(decodeStructArguments(envelopeReplaced, names)?.secret, []);
        let deep: unknown = UNKNOWN_VALUE;
        for (let depth = 0; depth < MAX_STRUCT_DEPTH; depth++) deep = [deep];
        assert.deepEqual(decodeStructArguments(encode({ deep }), names)?.unknown, ["deep"], `nesting of ${MAX_STRUCT_DEPTH} is walked`);
        assert.equal(decodeStructArguments(encode({ deep: [deep] }), names), undefined, "one level more is google-protobuf's");
        const bytes = encode({ listing: ["text"] });
        assert.equal(decodeStructArguments(bytes.subarray(0, bytes.length - 1), names), undefined, "a length past the end");
        assert.equal(decodeStructArguments(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), names), undefined, "a 4 GB length in 6 bytes");
    });

    it("sorts the engine's order back: any object's bytes with the entries of every Struct shuffled (as Go's map order leaves them) sort to google-protobuf's bytes", () => {
        /** A JSON value as raw entries, each Struct's entries in an order drawn from `random`. */
        const shuffled = (item: unknown, random: () => number): Raw => {
            if (item === null || typeof item !== "object") return item as Raw;
            if (Array.isArray(item)) return { list: item.map((element) => shuffled(element, random)) };
            const entries = Object.entries(item).map(([key, element]): [string, Raw] => [key, shuffled(element, random)]);
            for (let index = entries.length - 1; index > 0; index--) {
                const other = Math.floor(random() * (index + 1));
                [entries[index], entries[other]] = [entries[other] as [string, Raw], entries[index] as [string, Raw]];
            }
            return { entries };
        };
        const hasProtoKey = (item: unknown): boolean =>
            typeof item === "object" && item !== null && Object.entries(item).some(([key, element]) => key === "__proto__" || hasProtoKey(element));
        fc.assert(
            fc.property(fc.dictionary(wellFormedText, fc.jsonValue()), fc.integer(), (object, seed) => {
                fc.pre(wellFormed(object) && !hasProtoKey(object));
                let state = seed >>> 0;
                const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
                const engine = Buffer.from(rawEntries((shuffled(object, random) as { entries: [string, Raw][] }).entries));
                const sorted = sortedStruct(engine);
                assert.ok(sorted, "in the form read");
                assert.deepEqual(sorted, encode(object), engine.toString("hex"));
                assert.ok(isExactStruct(sorted));
            }),
            { numRuns: RUNS, seed: SEED },
        );
    });

    it("sorts any bytes in the form into bytes of the same length and value, which are google-protobuf's again when exact; others it leaves", () => {
        const again = (bytes: Uint8Array) =>
            Buffer.from(Struct.fromJavaScript(Struct.deserializeBinary(new Uint8Array(bytes)).toJavaScript()).serializeBinary());
        const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "delete", "insert"));
        fc.assert(
            fc.property(fc.array(fc.tuple(rawKey, raw)), fc.array(mutation, { maxLength: 2 }), (entries, mutations) => {
                const written = Buffer.from(rawEntries(entries));
                for (const bytes of [written, mutate(written, mutations)]) {
                    const sorted = sortedStruct(bytes);
                    if (sorted === undefined) {
                        assert.ok(!isCanonicalStruct(bytes));
                        continue;
                    }
                    assert.equal(sorted.length, bytes.length);
                    assert.ok(same(decodeStruct(sorted), decodeStruct(bytes)), "the same value (a key given twice keeps its last value)");
                    if (isExactStruct(sorted)) assert.deepEqual(sorted, again(bytes));
                }
            }),
            { numRuns: RUNS, seed: SEED },
        );
        assert.deepEqual(
            sortedStruct(
                Buffer.from(
                    rawEntries([
                        [
                            "b",
                            {
                                entries: [
                                    ["y", 1],
                                    [
                                        "x",
                                        {
                                            list: [
                                                {
                                                    entries: [
                                                        ["q", null],
                                                        ["p", true],
                                                    ],
                                                },
                                            ],
                                        },
                                    ],
                                ],
                            },
                        ],
                        ["\uffff", 3],
                        ["\ud83d\ude00", 4],
                    ]),
                ),
            ),
            encode({ b: { x: [{ p: true, q: null }], y: 1 }, "\ud83d\ude00": 4, "\uffff": 3 }),
            "nested Structs in Structs and lists, and UTF-16 order",
        );
    });

    it("says which bytes are those google-protobuf writes again for what they hold: only those, for written, shuffled and mutated bytes", () => {
        const again = (bytes: Uint8Array) =>
            Buffer.from(Struct.fromJavaScript(Struct.deserializeBinary(new Uint8Array(bytes)).toJavaScript()).serializeBinary());
        const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "delete", "insert"));
        fc.assert(
            fc.property(fc.dictionary(text, value), fc.array(fc.tuple(rawKey, raw)), fc.array(mutation, { maxLength: 2 }), (object, entries, mutations) => {
                const written = encode(object);
                if (wellFormed(object) && !hasOtherNaN(written)) assert.ok(isExactStruct(written), "google-protobuf's bytes are exact");
                for (const candidate of [written, Buffer.from(rawEntries(entries)), mutate(written, mutations)]) {
                    if (!isExactStruct(candidate)) continue;
                    assert.ok(isCanonicalStruct(candidate));
                    assert.deepEqual(candidate, again(candidate), candidate.toString("hex"));
                }
            }),
            { numRuns: RUNS, seed: SEED },
        );
        const sorted = encode({ a: 1, b: 2, "\uffff": 3, "\ud83d\ude00": 4 });
        assert.ok(isExactStruct(sorted), "keys in UTF-16 order: U+1F600 (a surrogate pair) before U+FFFF");
        assert.deepEqual(sorted, again(sorted));
        const byCodePoint = Buffer.from(
            rawEntries([
                ["\uffff", 3],
                ["\ud83d\ude00", 4],
            ]),
        );
        assert.ok(!isExactStruct(byCodePoint), "in code point order they are not");
        assert.ok(
            !isExactStruct(
                Buffer.from(
                    rawEntries([
                        ["b", 1],
                        ["a", 2],
                    ]),
                ),
            ),
            "keys out of order",
        );
        assert.ok(
            !isExactStruct(
                Buffer.from(
                    rawEntries([
                        ["a", 1],
                        ["a", 2],
                    ]),
                ),
            ),
            "a key given twice",
        );
        assert.ok(!isExactStruct(Buffer.from([0x0a, 0x07, 0x0a, 0x01, 0x61, 0x12, 0x02, 0x08])), "an entry cut short");
        const longLength = Buffer.from([0x0a, 0x87, 0x00, 0x0a, 0x01, 0x61, 0x12, 0x02, 0x08, 0x00]);
        assert.ok(isCanonicalStruct(longLength) && !isExactStruct(longLength), "a length in more bytes than it needs");
        const otherNaN = Buffer.from([0x0a, 0x0e, 0x0a, 0x01, 0x61, 0x12, 0x09, 0x11, 1, 0, 0, 0, 0, 0, 0xf8, 0x7f]);
        assert.ok(isCanonicalStruct(otherNaN) && !isExactStruct(otherNaN), "a NaN other than the one written");
        assert.ok(isExactStruct(encode({ nan: Number.NaN, zero: -0 })));
        assert.ok(isExactStruct(new Uint8Array()), "the empty Struct");
    });
});

/** A secret envelope, as entries. */
function asSecretRaw(value: Raw): Raw {
    return {
        entries: [
            [SPECIAL_SIG_KEY, SECRET_SIG],
            ["value", value],
        ],
    };
}

/** Whether google-protobuf wrote a NaN other than 0x7FFFFFFFFFFFFFFF (it writes every NaN so; checked, not assumed). */
function hasOtherNaN(bytes: Buffer): boolean {
    for (let at = bytes.indexOf(0x11); at >= 0 && at + 9 <= bytes.length; at = bytes.indexOf(0x11, at + 1)) {
        const slice = bytes.subarray(at + 1, at + 9);
        if (Number.isNaN(slice.readDoubleLE(0)) && !slice.equals(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))) return true;
    }
    return false;
}

function mutate(bytes: Buffer, mutations: [number, number, string][]): Buffer {
    const out = Array.from(bytes);
    for (const [at, byte, how] of mutations) {
        const index = at % Math.max(1, out.length);
        if (how === "set") out[index] = byte;
        else if (how === "delete") out.splice(index, 1);
        else out.splice(index, 0, byte);
    }
    return Buffer.from(out);
}
