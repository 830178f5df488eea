/**
 * Fuzz target of the cty msgpack decoder (`cty-msgpack.ts`), run in a worker by `fuzz-harness.ts`: random bytes,
 * cty values as the test client encodes them (unknowns, refined unknowns, nested lists and objects) with byte-level
 * mutations, and msgpack heads at their edges (counts and lengths of 2^32-1, every extension type, deep nesting).
 * Each must decode, to a value made only of cty's kinds within the depth bound, or be a CtyDecodeError; and either
 * way as the reference does (`@msgpack/msgpack` after the same bounds check: tests/support/cty-msgpack-reference.ts).
 */
import { ExtData } from "@msgpack/msgpack";
import fc from "fast-check";
import { CTY_MAX_DEPTH, CtyDecodeError, containsUnknown, UNKNOWN } from "../../provider/terraform/cty-msgpack";
import { compareWithReference } from "../support/cty-msgpack-reference";
import { ctyEncode, UNKNOWN_VALUE } from "../support/terraform-provider";
import { FuzzInput, FuzzOptions, FuzzReport, fuzzDecoder, mutated } from "./fuzz-harness";

/** cty-shaped values, up to a few levels. */
const ctyValues: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom(null, true, false, UNKNOWN_VALUE, new ExtData(12, new Uint8Array([0x81, 0x01, 0xc2]))),
        fc.string({ unit: "binary", maxLength: 12 }),
        fc.integer(),
        fc.double(),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 }),
    ),
})).value;

const valid = ctyValues.map((value) => {
    try {
        return ctyEncode(value);
    } catch {
        return new Uint8Array([0xc0]); // a key msgpack will not write (__proto__)
    }
});

/** Heads at their edges: big counts and lengths, every extension type, runs of nested lists and maps. */
const edgeHeads = fc.array(
    fc.oneof(
        fc.constantFrom(
            [0xdd, 0xff, 0xff, 0xff, 0xff],
            [0xdf, 0xff, 0xff, 0xff, 0xff],
            [0xdb, 0xff, 0xff, 0xff, 0xff],
            [0xc9, 0xff, 0xff, 0xff, 0xff, 0x00],
            [0xc1],
        ),
        fc.tuple(fc.constantFrom(0xd4, 0xd5, 0xd6, 0xd7, 0xd8), fc.integer({ min: -128, max: 127 })).map(([head, type]) => [head, type & 0xff, 0, 0]),
        fc.tuple(fc.nat(2000), fc.constantFrom(0x91, 0x81, 0xdc)).map(([depth, head]) => Array<number>(depth).fill(head)),
        fc.array(fc.nat(255), { maxLength: 6 }),
    ),
    { maxLength: 6 },
);

const edges = edgeHeads.map((parts) => Uint8Array.from(parts.flat()));

/** The target's inputs as bytes: random, valid, mutated, heads at their edges and those mutated. */
export const ctyMsgpackBytes: fc.Arbitrary<Uint8Array> = fc.oneof(fc.uint8Array({ maxLength: 256 }), valid, mutated(valid), edges, mutated(edges));

const inputs: fc.Arbitrary<FuzzInput> = ctyMsgpackBytes.map((bytes) => ({ label: "cty msgpack", bytes }));

/** Throws unless `value` is made of cty's kinds (null, string, number, bool, UNKNOWN, arrays, plain objects) within the bound. */
function assertCtyShape(value: unknown): void {
    const pending: [unknown, number][] = [[value, 0]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const [item, depth] = next;
        if (item === null || item === UNKNOWN || ["string", "number", "boolean"].includes(typeof item)) continue;
        const plain = Array.isArray(item) || (typeof item === "object" && Object.getPrototypeOf(item) === Object.prototype);
        if (!plain) throw new Error(`decoded to something that is not a cty value: ${Object.prototype.toString.call(item)}`);
        if (depth >= CTY_MAX_DEPTH) throw new Error(`decoded a value nested deeper than ${CTY_MAX_DEPTH}`);
        for (const child of Object.values(item as object)) pending.push([child, depth + 1]);
    }
}

/**
 * The target: `decodeCty` decodes to a cty-shaped value (which `containsUnknown` walks) or throws a CtyDecodeError,
 * the same value or the same error as the reference.
 */
export function fuzzCtyMsgpack(options: FuzzOptions, shared: SharedArrayBuffer): FuzzReport {
    return fuzzDecoder(
        "cty values (msgpack)",
        options,
        shared,
        inputs,
        (input) => {
            const outcome = compareWithReference(input.bytes);
            if ("error" in outcome) throw outcome.error;
            assertCtyShape(outcome.value);
            containsUnknown(outcome.value);
        },
        (error) => error instanceof CtyDecodeError,
    );
}
