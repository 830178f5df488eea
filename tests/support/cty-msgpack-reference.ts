/**
 * The reference for the Terraform provider's cty msgpack decoder (`provider/terraform/cty-msgpack.ts`):
 * `@msgpack/msgpack` 3 decoding the same bytes, after the same bounds check (`checkCtyMsgpack`), with cty's two
 * extensions read as unknown and its length limits set to the input's size: what the provider decoded with before
 * it built values itself. And the comparison of the two outcomes, value for value or error for error.
 */
import { strict as assert } from "node:assert";
import * as msgpack from "@msgpack/msgpack";
import { checkCtyMsgpack, CtyDecodeError, CtyValue, decodeCty, UNKNOWN } from "../../provider/terraform/cty-msgpack";

const extensions = new msgpack.ExtensionCodec();
extensions.register({ type: 0, encode: () => null, decode: () => UNKNOWN });
extensions.register({ type: 12, encode: () => null, decode: () => UNKNOWN });

/** The bytes decoded by `@msgpack/msgpack` within the bounds check; a CtyDecodeError as the provider's decoder raised it. */
export function referenceDecodeCty(bytes: Uint8Array): CtyValue {
    checkCtyMsgpack(bytes);
    const limit = bytes.length;
    try {
        return msgpack.decode(bytes, {
            extensionCodec: extensions,
            maxStrLength: limit,
            maxBinLength: limit,
            maxArrayLength: limit,
            maxMapLength: limit,
            maxExtLength: limit,
        }) as CtyValue;
    } catch (error) {
        throw new CtyDecodeError(error instanceof Error ? error.message : String(error), 0);
    }
}

/** A decoding's outcome: its value, or its error's message. */
export type Outcome = { value: CtyValue } | { error: unknown };

function outcomeOf(decode: () => CtyValue): Outcome {
    try {
        return { value: decode() };
    } catch (error) {
        return { error };
    }
}

/** The bytes of a UTF-8 byte order mark, and the length beyond which `@msgpack/msgpack` drops one (its TextDecoder). */
const BOM = "\ufeff";
const TEXT_DECODER_THRESHOLD = 200;

/**
 * `value` as the reference reads it: a string longer than 200 bytes that begins with a byte order mark loses it
 * (the one quirk of `@msgpack/msgpack` the provider's decoder does not follow: cty keeps the bytes it was sent).
 */
function asReferenceReads(value: CtyValue): CtyValue {
    if (typeof value === "string") return value.startsWith(BOM) && Buffer.byteLength(value) > TEXT_DECODER_THRESHOLD ? value.slice(BOM.length) : value;
    if (Array.isArray(value)) return value.map(asReferenceReads);
    if (value !== null && typeof value === "object") {
        const object: { [name: string]: CtyValue } = {};
        for (const [key, item] of Object.entries(value)) object[asReferenceReads(key) as string] = asReferenceReads(item);
        return object;
    }
    return value;
}

/**
 * Decodes `bytes` with the provider's decoder and with the reference, and throws an AssertionError unless both
 * refuse them with the same CtyDecodeError message, or both decode them to the same value (same keys in the same
 * order, `-0` and `NaN` told apart as Object.is does). Returns the provider's outcome.
 */
export function compareWithReference(bytes: Uint8Array): Outcome {
    const ours = outcomeOf(() => decodeCty(bytes));
    const reference = outcomeOf(() => referenceDecodeCty(bytes));
    const hex = Buffer.from(bytes.subarray(0, 64)).toString("hex");
    if ("error" in reference) {
        assert.ok("error" in ours, `the reference refused ${hex}... (${String(reference.error)}); the decoder did not`);
        assert.ok(ours.error instanceof CtyDecodeError, `the decoder threw something else: ${String(ours.error)}`);
        assert.equal(ours.error.message, (reference.error as Error).message, `the same refusal for ${hex}...`);
    } else {
        assert.ok("value" in ours, `the reference decoded ${hex}...; the decoder refused it: ${String((ours as { error: unknown }).error)}`);
        const read = asReferenceReads(ours.value);
        assert.deepStrictEqual(read, reference.value, `the same value for ${hex}...`);
        assert.deepStrictEqual(
            JSON.stringify(read, (_key, item: unknown) => (item === UNKNOWN ? "<unknown>" : item)),
            JSON.stringify(reference.value, (_key, item: unknown) => (item === UNKNOWN ? "<unknown>" : item)),
            `the same keys in the same order for ${hex}...`,
        );
    }
    return ours;
}
