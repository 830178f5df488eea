/**
 * cty values in msgpack (`cty-msgpack.ts`): what a CLI sends decodes as the test client's own msgpack codec reads
 * it, and what cty could never have written, or what goes past the bounds, is a CtyDecodeError saying what and where
 * (before anything is built: a count of 4 billion costs nothing). The bound on depth covers this provider's schemas.
 */
import { strict as assert } from "node:assert";
import { ExtData } from "@msgpack/msgpack";
import fc from "fast-check";
import { CTY_MAX_DEPTH, CtyDecodeError, CtyValue, decodeCty, decodeCtyJson, UNKNOWN } from "../../provider/terraform/cty-msgpack";
import { dataSourceSchema, providerSchema } from "../../provider/terraform/provider-schema";
import type { SchemaBlock } from "../../provider/terraform/tfplugin6-messages";
import { ctyDecode, ctyEncode, REFINED_UNKNOWN_VALUE, UNKNOWN_VALUE } from "../support/terraform-provider";

/** cty values as the test client writes them, unknowns included. */
const ctyValues: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom(null, true, false, UNKNOWN_VALUE, REFINED_UNKNOWN_VALUE),
        fc.string({ unit: "binary", maxLength: 12 }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(
            fc.string({ maxLength: 6 }).filter((key) => key !== "__proto__"),
            tie("value"),
            { maxKeys: 4 },
        ),
    ),
})).value;

/** The test client's reading with its unknowns as the provider's. */
function asProviderReads(value: unknown): unknown {
    if (value === UNKNOWN_VALUE || value instanceof ExtData) return UNKNOWN;
    if (Array.isArray(value)) return value.map(asProviderReads);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asProviderReads(v)]));
    return value;
}

/** `depth` lists, one in the other, around a null. */
const nestedLists = (depth: number) => Buffer.concat([Buffer.alloc(depth, 0x91), Buffer.from([0xc0])]);

/** Asserts a CtyDecodeError whose message matches, at the byte given. */
function refused(bytes: Buffer, says: RegExp, offset?: number): void {
    assert.throws(
        () => decodeCty(bytes),
        (error: unknown) => error instanceof CtyDecodeError && says.test(error.message) && (offset === undefined || error.offset === offset),
    );
}

describe("cty values in msgpack (cty-msgpack.ts)", () => {
    it("decodes what the test client's msgpack encodes, as it reads it (unknown and refined unknown as UNKNOWN)", () => {
        fc.assert(
            fc.property(ctyValues, (value) => {
                const bytes = ctyEncode(value);
                assert.deepEqual(decodeCty(bytes), asProviderReads(ctyDecode(bytes)));
            }),
            { numRuns: 300 },
        );
    });

    it(`reads values nested ${CTY_MAX_DEPTH} deep, and refuses one level more, at the byte where it starts`, () => {
        let expected: CtyValue = null;
        for (let level = 0; level < CTY_MAX_DEPTH; level++) expected = [expected];
        assert.deepEqual(decodeCty(nestedLists(CTY_MAX_DEPTH)), expected);
        refused(nestedLists(CTY_MAX_DEPTH + 1), new RegExp(`values nest deeper than ${CTY_MAX_DEPTH}`), CTY_MAX_DEPTH);
        refused(nestedLists(1_000_000), /values nest deeper/);
    });

    const refusals: [string, string, RegExp, number][] = [
        ["a list declaring 2^32-1 items in 6 bytes", "ddffffffffc0", /a list of 4294967295 items runs past the end \(1 bytes left\)/, 0],
        ["a map declaring 2^32-1 entries", "dfffffffffa161c0", /a map of 4294967295 items runs past the end/, 0],
        ["a string longer than the bytes", "db0000ffff61", /a string of 65535 bytes runs past the end/, 0],
        ["a string that is not UTF-8", "a2c328", /a string is not valid UTF-8/, 0],
        ["a map key that is not a string", "8101c0", /a map key is not a string/, 1],
        ["an extension cty does not use (type 5)", "d40500", /extension type 5 is not a cty value/, 0],
        ["msgpack's timestamp extension (type -1)", "d6ff00000000", /extension type -1 is not a cty value/, 0],
        ["binary data", "c40161", /binary data is not a cty value/, 0],
        ["the never-used head byte 0xc1", "c1", /0xc1 is not a msgpack head byte/, 0],
        ["bytes after the value", "c0c0", /1 bytes follow the value/, 1],
        ["a list with fewer items than it declares", "92c0", /a list of 2 items runs past the end \(1 bytes left\)/, 0],
        ["a value cut short", "92c0cd00", /a number of 2 bytes runs past the end \(1 bytes left\)/, 2],
        ["a number cut short", "cb0000", /a number of 8 bytes runs past the end/, 0],
        ["a map key __proto__", "81a95f5f70726f746f5f5fc0", /__proto__/, 0],
    ];
    for (const [what, hex, says, offset] of refusals) {
        it(`refuses ${what}, saying so`, () => refused(Buffer.from(hex, "hex"), says, offset));
    }

    it("bounds a JSON value the same way: UTF-8, JSON, depth", () => {
        assert.deepEqual(decodeCtyJson(Buffer.from('{"a":[1,"x",null,{"b":true}]}')), { a: [1, "x", null, { b: true }] });
        assert.throws(() => decodeCtyJson(Buffer.from("[".repeat(CTY_MAX_DEPTH + 1) + "]".repeat(CTY_MAX_DEPTH + 1))), CtyDecodeError);
        assert.throws(() => decodeCtyJson(Buffer.from([0x22, 0xc3, 0x28, 0x22])), /the JSON is not valid UTF-8/);
        assert.throws(() => decodeCtyJson(Buffer.from("{")), /not JSON/);
    });

    it(`bounds depth above the deepest value of this provider's schemas`, () => {
        /** Levels of lists, maps and objects in a cty type's JSON. */
        const typeDepth = (type: unknown): number =>
            Array.isArray(type)
                ? 1 + Math.max(0, ...(typeof type[1] === "object" && !Array.isArray(type[1]) ? Object.values(type[1] as object) : [type[1]]).map(typeDepth))
                : 0;
        const blockDepth = (block: SchemaBlock): number =>
            1 +
            Math.max(
                0,
                ...block.attributes.map((attribute) => typeDepth(JSON.parse(Buffer.from(attribute.type).toString("utf8")))),
                ...block.blockTypes.map((nested) => (nested.nesting === "SINGLE" || nested.nesting === "GROUP" ? 0 : 1) + blockDepth(nested.block)),
            );
        const deepest = Math.max(blockDepth(providerSchema().block), blockDepth(dataSourceSchema().block));
        assert.ok(deepest >= 2 && deepest <= CTY_MAX_DEPTH, `the schemas nest ${deepest} deep`);
    });
});
