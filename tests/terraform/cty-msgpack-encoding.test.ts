/**
 * The provider's direct cty MessagePack encoder (`cty-msgpack-encoding.ts`) against the reference, `@msgpack/msgpack`
 * with cty's unknown as extension type 0 (registered here, as cty writes it): the same bytes for any cty value, and
 * the same refusal for what it refuses. Generated values cover every integer format's bounds and the float64s
 * (-0, NaN, infinities, unsafe integers), strings of any UTF-16 code units on both sides of its 50-unit switch to
 * TextEncoder (lone surrogates are written differently on each side), keys in any order with `__proto__`, lists and
 * maps past the 16-item and 65,536-item header limits, and the unknown value; then the data source's real state
 * for a large listing.
 *
 * `npm test` runs a fixed seed and budget; `FUZZ_RUNS=100000 npx mocha --no-config -r ts-node/register --timeout 0
 * tests/terraform/cty-msgpack-encoding.test.ts` runs longer (`FUZZ_SEED` picks another seed).
 */
import { strict as assert } from "node:assert";
import * as msgpack from "@msgpack/msgpack";
import fc from "fast-check";
import { CtyValue, decodeCty, UNKNOWN } from "../../provider/terraform/cty-msgpack";
import { encodeCtyValue } from "../../provider/terraform/cty-msgpack-encoding";
import { verifications } from "../support/emulator-fixture";

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 26);

const extensionCodec = new msgpack.ExtensionCodec();
extensionCodec.register({ type: 0, encode: (value) => (value === UNKNOWN ? new Uint8Array([0]) : null), decode: () => UNKNOWN });

function reference(value: unknown): Buffer | string {
    try {
        return Buffer.from(msgpack.encode(value, { extensionCodec }));
    } catch (error) {
        return (error as Error).message;
    }
}

function direct(value: unknown): Buffer | string {
    try {
        return encodeCtyValue(value as CtyValue);
    } catch (error) {
        return (error as Error).message;
    }
}

const units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });
const text = fc.oneof(
    fc.string(),
    units,
    fc.string({ unit: "binary", minLength: 40, maxLength: 60 }),
    fc.string({ unit: fc.constantFrom("a", "é", "\ud800", "\udc00", "\ud83d\ude00", "漢"), minLength: 45, maxLength: 300 }),
    fc.constantFrom("", "__proto__", "constructor", "\ud800", "x".repeat(31), "x".repeat(32), "x".repeat(255), "x".repeat(256), "x".repeat(65_536)),
);
const bounds = [
    0,
    0x7f,
    0x80,
    0xff,
    0x100,
    0xffff,
    0x10000,
    0xffffffff,
    0x100000000,
    2 ** 53 - 1,
    -1,
    -0x20,
    -0x21,
    -0x80,
    -0x81,
    -0x8000,
    -0x8001,
    -0x80000000,
    -0x80000001,
    -(2 ** 53 - 1),
];
const number = fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger(), fc.constantFrom(...bounds, -0, Number.NaN, Infinity, -Infinity, 2 ** 53, 0.5));

const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant(null),
        fc.constant(UNKNOWN),
        fc.boolean(),
        number,
        text,
        fc.array(tie("value"), { maxLength: 20 }),
        fc.dictionary(text, tie("value"), { maxKeys: 20 }),
    ),
}));

describe("cty MessagePack encoding, direct (cty-msgpack-encoding.ts), against @msgpack/msgpack", () => {
    it("writes the bytes @msgpack/msgpack writes for any cty value", () => {
        fc.assert(
            fc.property(value, (v) => assert.deepEqual(direct(v), reference(v))),
            { numRuns: RUNS, seed: SEED },
        );
    });

    it("writes the same for lists and maps past each header's limit, and refuses what @msgpack/msgpack refuses alike", () => {
        const cases: unknown[] = [
            Array.from({ length: 16 }, (_, i) => i),
            Array.from({ length: 65_536 }, (_, i) => i % 3),
            Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, i])),
            Object.fromEntries(Array.from({ length: 65_536 }, (_, i) => [`k${i}`, null])),
            JSON.parse('{"__proto__": {"a": 1}, "b": [true, false]}'),
            { undefinedValue: undefined },
        ];
        for (const c of cases) assert.deepEqual(direct(c), reference(c));
        let deep: unknown = 1;
        for (let depth = 0; depth < 100; depth++) deep = [deep];
        assert.deepEqual(direct(deep), reference(deep));
        assert.equal(typeof reference([deep]), "string", "@msgpack/msgpack refuses nesting past 100");
        for (const bad of [[deep], { f: () => 1 }, [Symbol("s")], { b: 10n }]) assert.equal(direct(bad), reference(bad));
    });

    it("writes the data source's state for 100,000 verifications as @msgpack/msgpack does, and it decodes back", () => {
        const list = verifications(100_000);
        const state: CtyValue = {
            id: "resourcedirectory.aliyuncs.com/ListMessageContactVerifications/*",
            contact_id: null,
            total_count: list.length,
            verifications: list.map((v) => ({ contact_id: v.contactId, target: v.target })),
            page_size: UNKNOWN,
        };
        const bytes = direct(state);
        assert.ok(Buffer.isBuffer(bytes));
        assert.ok(bytes.equals(reference(state) as Buffer));
        assert.deepEqual(decodeCty(bytes), state);
    });
});
