/**
 * Terraform's values on the wire: cty values as MessagePack (`@msgpack/msgpack`, loaded on first use), where
 * an unknown value is the extension type 0 and a refined unknown (OpenTofu and Terraform 1.6+, with what is known
 * of it) the extension type 12. Both decode to {@link UNKNOWN}, which encodes back as the plain unknown.
 */
import type * as Msgpack from "@msgpack/msgpack";

/** A value not known until apply. */
export const UNKNOWN: unique symbol = Symbol("unknown");

/** A cty value as JavaScript: null, a primitive, a list, an object, or {@link UNKNOWN}. */
export type CtyValue = null | string | number | boolean | typeof UNKNOWN | CtyValue[] | { [name: string]: CtyValue };

/** cty's extension types. */
const UNKNOWN_EXTENSION = 0;
const REFINED_UNKNOWN_EXTENSION = 0x0c;

let codec: { msgpack: typeof Msgpack; extensions: Msgpack.ExtensionCodec } | undefined;

function loaded(): NonNullable<typeof codec> {
    if (codec) return codec;
    const msgpack = require("@msgpack/msgpack") as typeof Msgpack;
    const extensions = new msgpack.ExtensionCodec();
    extensions.register({
        type: UNKNOWN_EXTENSION,
        encode: (value) => (value === UNKNOWN ? new Uint8Array([0]) : null),
        decode: () => UNKNOWN,
    });
    extensions.register({ type: REFINED_UNKNOWN_EXTENSION, encode: () => null, decode: () => UNKNOWN });
    codec = { msgpack, extensions };
    return codec;
}

/** Decodes a cty value from MessagePack. */
export function decodeCty(bytes: Uint8Array): CtyValue {
    const { msgpack, extensions } = loaded();
    return msgpack.decode(bytes, { extensionCodec: extensions }) as CtyValue;
}

/** Encodes a cty value as MessagePack (every attribute of an object must be present: null when unset). */
export function encodeCty(value: CtyValue): Uint8Array {
    const { msgpack, extensions } = loaded();
    return msgpack.encode(value, { extensionCodec: extensions });
}

/** Whether `value` is, or holds, an unknown value. */
export function containsUnknown(value: CtyValue): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** Whether `value` is an object (not null, a list or unknown). */
export function isObject(value: CtyValue | undefined): value is { [name: string]: CtyValue } {
    return value !== null && value !== undefined && value !== UNKNOWN && typeof value === "object" && !Array.isArray(value);
}
