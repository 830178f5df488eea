/**
 * Terraform's values on the wire: cty values as MessagePack, where an unknown value is the extension type 0 and a
 * refined unknown (OpenTofu and Terraform 1.6+, with what is known of it) the extension type 12. Both decode to
 * {@link UNKNOWN}, which encodes back as the plain unknown (`cty-msgpack-encoding.ts` writes values, in the bytes
 * `@msgpack/msgpack` writes).
 *
 * Decoding first walks the bytes' structure without building anything ({@link checkCtyMsgpack}): nesting at most
 * {@link CTY_MAX_DEPTH}, every array or map count within the bytes left, strings valid UTF-8, map keys strings,
 * extensions only cty's two, no binary data, nothing after the value. Whatever fails is a {@link CtyDecodeError}
 * saying what and at which byte; only then is the value built, here, over bytes known to be within those bounds
 * (a provider's validation start no longer loads `@msgpack/msgpack`'s 16 modules for it). What it builds is what
 * `@msgpack/msgpack` 3 decodes from the same bytes (`tests/terraform/cty-msgpack-decoding.test.ts` compares the two
 * over generated and hostile inputs), but for one quirk of that library not followed: it drops a byte order mark
 * that begins a string longer than 200 bytes (its TextDecoder's default), where cty, and this decoder, keep it.
 */
import { isUtf8 } from "node:buffer";

/** A value not known until apply. */
export const UNKNOWN: unique symbol = Symbol("unknown");

/** A cty value as JavaScript: null, a primitive, a list, an object, or {@link UNKNOWN}. */
export type CtyValue = null | string | number | boolean | typeof UNKNOWN | CtyValue[] | { [name: string]: CtyValue };

/**
 * The deepest nesting of lists, maps and objects decoded. This provider's schemas nest three levels (the data
 * source's object > `verifications` list > object; the provider's object > a block's object), and a CLI sends only
 * values of them; 32 leaves room and keeps the recursive walks over a value (`containsUnknown`) far from the stack's
 * limit.
 */
export const CTY_MAX_DEPTH = 32;

/** cty's extension types. */
const UNKNOWN_EXTENSION = 0;
const REFINED_UNKNOWN_EXTENSION = 0x0c;

/** A value that is not cty msgpack, or is beyond the bounds: what was wrong, and at which byte. */
export class CtyDecodeError extends Error {
    constructor(
        /** What was wrong. */
        readonly problem: string,
        /** The byte where it was found. */
        readonly offset: number,
    ) {
        super(`not a cty value in msgpack: ${problem} (at byte ${offset})`);
        this.name = "CtyDecodeError";
    }
}

/** The size of each fixed-size head: nil, bool, ints, floats (the head byte included). */
const FIXED_SIZES: Readonly<Record<number, number>> = {
    0xc0: 1,
    0xc2: 1,
    0xc3: 1,
    0xca: 5,
    0xcb: 9,
    0xcc: 2,
    0xcd: 3,
    0xce: 5,
    0xcf: 9,
    0xd0: 2,
    0xd1: 3,
    0xd2: 5,
    0xd3: 9,
};

/** fixext 1, 2, 4, 8, 16: their payload sizes. */
const FIXEXT_SIZES: Readonly<Record<number, number>> = { 0xd4: 1, 0xd5: 2, 0xd6: 4, 0xd7: 8, 0xd8: 16 };

/** A cursor over msgpack bytes that reads heads and skips payloads, every read within the bytes. */
class Scanner {
    offset = 0;
    constructor(readonly bytes: Uint8Array) {}

    /** Bytes not yet read. */
    left(): number {
        return this.bytes.length - this.offset;
    }

    /** An unsigned big-endian integer of `size` bytes (1, 2 or 4) at the cursor. */
    uint(size: number, at: number): number {
        if (this.left() < size) throw new CtyDecodeError("the value ends in the middle of a length", at);
        let value = 0;
        for (let index = 0; index < size; index++) value = value * 256 + (this.bytes[this.offset++] as number);
        return value;
    }

    /** Skips `size` bytes of payload. */
    skip(size: number, what: string, at: number): void {
        if (this.left() < size) throw new CtyDecodeError(`${what} of ${size} bytes runs past the end (${this.left()} bytes left)`, at);
        this.offset += size;
    }
}

/** What the head at the cursor is: a scalar (skipped), a container (its item count), or a string (checked). */
type Head = { kind: "scalar" | "string" } | { kind: "container"; items: number; map: boolean };

/** Reads one head at the cursor and skips its payload; containers' items are the caller's. */
function readHead(scanner: Scanner, isKey: boolean): Head {
    const at = scanner.offset;
    const head = scanner.uint(1, at);
    const string = (length: number): Head => {
        const start = scanner.offset;
        scanner.skip(length, "a string", at);
        if (!isUtf8(scanner.bytes.subarray(start, scanner.offset))) throw new CtyDecodeError("a string is not valid UTF-8", at);
        return { kind: "string" };
    };
    if (head >= 0xa0 && head <= 0xbf) return string(head - 0xa0);
    if (head === 0xd9 || head === 0xda || head === 0xdb) return string(scanner.uint(head === 0xd9 ? 1 : head === 0xda ? 2 : 4, at));
    if (isKey) throw new CtyDecodeError(`a map key is not a string (head byte 0x${head.toString(16)})`, at);
    if (head <= 0x7f || head >= 0xe0) return { kind: "scalar" };
    const fixed = FIXED_SIZES[head];
    if (fixed !== undefined) {
        scanner.skip(fixed - 1, "a number", at);
        return { kind: "scalar" };
    }
    const container = (count: number, map: boolean): Head => {
        // Each item takes at least one byte (a map's entry two): a count beyond the bytes left is refused before any work.
        const items = map ? count * 2 : count;
        if (items > scanner.left())
            throw new CtyDecodeError(`a ${map ? "map" : "list"} of ${count} items runs past the end (${scanner.left()} bytes left)`, at);
        return { kind: "container", items, map };
    };
    if (head >= 0x90 && head <= 0x9f) return container(head - 0x90, false);
    if (head >= 0x80 && head <= 0x8f) return container(head - 0x80, true);
    if (head === 0xdc || head === 0xdd) return container(scanner.uint(head === 0xdc ? 2 : 4, at), false);
    if (head === 0xde || head === 0xdf) return container(scanner.uint(head === 0xde ? 2 : 4, at), true);
    const fixext = FIXEXT_SIZES[head];
    const extLength = fixext ?? (head === 0xc7 ? scanner.uint(1, at) : head === 0xc8 ? scanner.uint(2, at) : head === 0xc9 ? scanner.uint(4, at) : undefined);
    if (extLength !== undefined) {
        const type = (scanner.uint(1, at) << 24) >> 24;
        if (type !== UNKNOWN_EXTENSION && type !== REFINED_UNKNOWN_EXTENSION)
            throw new CtyDecodeError(`extension type ${type} is not a cty value (cty uses 0, unknown, and 12, refined unknown)`, at);
        scanner.skip(extLength, "an extension", at);
        return { kind: "scalar" };
    }
    if (head >= 0xc4 && head <= 0xc6) throw new CtyDecodeError("binary data is not a cty value", at);
    throw new CtyDecodeError(`0x${head.toString(16)} is not a msgpack head byte`, at);
}

/**
 * Checks that `bytes` hold exactly one msgpack value that cty could have written, within the bounds: without
 * recursion (a stack of items left per open container) and without building anything. Throws a
 * {@link CtyDecodeError} otherwise.
 */
export function checkCtyMsgpack(bytes: Uint8Array): void {
    const scanner = new Scanner(bytes);
    /** Items left in each open container, innermost last; a map counts its keys and values (keys at even counts). */
    const open: { left: number; map: boolean }[] = [];
    do {
        const top = open[open.length - 1];
        const isKey = top !== undefined && top.map && top.left % 2 === 0;
        const at = scanner.offset;
        const head = readHead(scanner, isKey);
        if (head.kind === "container" && head.items > 0) {
            if (open.length >= CTY_MAX_DEPTH) throw new CtyDecodeError(`values nest deeper than ${CTY_MAX_DEPTH}`, at);
            open.push({ left: head.items, map: head.map });
            continue;
        }
        // One item done: it closes every container it was the last item of.
        for (let inner = open[open.length - 1]; inner !== undefined; inner = open[open.length - 1]) {
            inner.left--;
            if (inner.left > 0) break;
            open.pop();
        }
    } while (open.length > 0);
    if (scanner.left() > 0) throw new CtyDecodeError(`${scanner.left()} bytes follow the value`, scanner.offset);
}

/**
 * Builds the value of bytes that passed {@link checkCtyMsgpack}: one value, every length and count within the
 * bytes, nesting within {@link CTY_MAX_DEPTH} (so the recursion is at most that deep), strings valid UTF-8, map
 * keys strings, extensions only cty's two. Numbers as `@msgpack/msgpack` reads them: 64-bit integers as the nearest
 * double (`high * 2^32 + low`), floats of 32 bits widened.
 */
class ValueBuilder {
    #offset = 0;
    readonly #bytes: Buffer;
    readonly #view: DataView;

    constructor(bytes: Uint8Array) {
        this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
        this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    }

    /** An unsigned big-endian integer of `size` bytes (1, 2 or 4) at the cursor. */
    #uint(size: 1 | 2 | 4): number {
        const at = this.#offset;
        this.#offset += size;
        return size === 1 ? this.#view.getUint8(at) : size === 2 ? this.#view.getUint16(at) : this.#view.getUint32(at);
    }

    #string(length: number): string {
        const start = this.#offset;
        this.#offset += length;
        return this.#bytes.toString("utf8", start, this.#offset);
    }

    #list(count: number): CtyValue[] {
        const items: CtyValue[] = [];
        for (let index = 0; index < count; index++) items.push(this.value());
        return items;
    }

    #map(count: number): { [name: string]: CtyValue } {
        const object: { [name: string]: CtyValue } = {};
        for (let index = 0; index < count; index++) {
            const at = this.#offset;
            const key = this.value();
            // Keys are strings (checked); `__proto__` is refused as `@msgpack/msgpack` refuses it, message and all.
            if (typeof key !== "string") throw new CtyDecodeError("a map key is not a string", at);
            if (key === "__proto__") throw new CtyDecodeError("The key __proto__ is not allowed", 0);
            object[key] = this.value();
        }
        return object;
    }

    /** The value at the cursor, which is left after it. */
    value(): CtyValue {
        const at = this.#offset;
        const head = this.#uint(1);
        if (head <= 0x7f) return head;
        if (head >= 0xe0) return head - 0x100;
        if (head >= 0xa0 && head <= 0xbf) return this.#string(head - 0xa0);
        if (head >= 0x90 && head <= 0x9f) return this.#list(head - 0x90);
        if (head >= 0x80 && head <= 0x8f) return this.#map(head - 0x80);
        const view = this.#view;
        const skip = (size: number) => (this.#offset += size) - size;
        switch (head) {
            case 0xc0:
                return null;
            case 0xc2:
                return false;
            case 0xc3:
                return true;
            case 0xca:
                return view.getFloat32(skip(4));
            case 0xcb:
                return view.getFloat64(skip(8));
            case 0xcc:
                return this.#uint(1);
            case 0xcd:
                return this.#uint(2);
            case 0xce:
                return this.#uint(4);
            case 0xcf:
                return this.#uint(4) * 0x1_0000_0000 + this.#uint(4);
            case 0xd0:
                return view.getInt8(skip(1));
            case 0xd1:
                return view.getInt16(skip(2));
            case 0xd2:
                return view.getInt32(skip(4));
            case 0xd3: {
                const high = view.getInt32(skip(4));
                return high * 0x1_0000_0000 + this.#uint(4);
            }
            case 0xd9:
                return this.#string(this.#uint(1));
            case 0xda:
                return this.#string(this.#uint(2));
            case 0xdb:
                return this.#string(this.#uint(4));
            case 0xdc:
                return this.#list(this.#uint(2));
            case 0xdd:
                return this.#list(this.#uint(4));
            case 0xde:
                return this.#map(this.#uint(2));
            case 0xdf:
                return this.#map(this.#uint(4));
        }
        // Extensions: the check let only cty's unknown and refined unknown through; what is known of one is skipped.
        const fixext = FIXEXT_SIZES[head];
        const length = fixext ?? (head === 0xc7 ? this.#uint(1) : head === 0xc8 ? this.#uint(2) : head === 0xc9 ? this.#uint(4) : undefined);
        if (length === undefined) throw new CtyDecodeError(`0x${head.toString(16)} is not a cty value`, at);
        skip(1 + length);
        return UNKNOWN;
    }
}

/** Decodes a cty value from MessagePack, within the bounds of {@link checkCtyMsgpack}; a {@link CtyDecodeError} otherwise. */
export function decodeCty(bytes: Uint8Array): CtyValue {
    checkCtyMsgpack(bytes);
    return new ValueBuilder(bytes).value();
}

/**
 * Decodes a cty value from its JSON form (a DynamicValue's `json`, which the CLIs do not send for configurations):
 * UTF-8, JSON, nesting within {@link CTY_MAX_DEPTH}; a {@link CtyDecodeError} otherwise.
 */
export function decodeCtyJson(bytes: Uint8Array): CtyValue {
    if (!isUtf8(bytes)) throw new CtyDecodeError("the JSON is not valid UTF-8", 0);
    let value: unknown;
    try {
        value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8"));
    } catch (error) {
        throw new CtyDecodeError(`not JSON: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
    // Without recursion: each container with its depth.
    const pending: [unknown, number][] = [[value, 0]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const [item, depth] = next;
        if (item === null || typeof item !== "object") continue;
        if (depth >= CTY_MAX_DEPTH) throw new CtyDecodeError(`values nest deeper than ${CTY_MAX_DEPTH}`, 0);
        for (const child of Object.values(item)) pending.push([child, depth + 1]);
    }
    return value as CtyValue;
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
