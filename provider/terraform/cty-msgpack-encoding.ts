/**
 * A cty value written as MessagePack straight into one buffer of its exact size (two passes: sizes, then bytes),
 * byte for byte what `@msgpack/msgpack` 3 writes for it with cty's extension codec (`cty-msgpack.ts`): that encoder
 * grows its buffer by doubling and returns a copy, so a large state cost four or five times its size at once. The
 * rules copied from its behaviour (tests/terraform/cty-msgpack-encoding.test.ts compares the two over generated
 * values): a safe integer in the smallest integer format (-0 as 0), any other number as a float64; a string's
 * UTF-8 with a lone surrogate written as its own 3 bytes in a string of up to 50 UTF-16 units and as U+FFFD in a
 * longer one (where it uses TextEncoder); an object's own enumerable keys in their order; undefined as nil;
 * {@link UNKNOWN} as the fixext 1 of type 0; nesting deeper than 100 refused with its error, and so is a value of
 * another type (a function, a symbol, a bigint).
 */
import { UNKNOWN, type CtyValue } from "./cty-msgpack";

/** `@msgpack/msgpack`'s default `maxDepth`. */
const MAX_DEPTH = 100;
/** Strings longer than this (UTF-16 units) `@msgpack/msgpack` writes with TextEncoder, shorter ones by its own loop. */
const TEXT_ENCODER_THRESHOLD = 50;

function tooDeep(depth: number): Error {
    return new Error(`Too deep objects in depth ${depth}`);
}

function unrecognized(value: unknown): Error {
    return new Error(`Unrecognized object: ${Object.prototype.toString.apply(value)}`);
}

/** UTF-8 bytes of a string, each lone surrogate counted as 3 (both ways of writing agree on the count). */
function utf8Length(text: string): number {
    if (text.length > TEXT_ENCODER_THRESHOLD) return Buffer.byteLength(text, "utf8");
    let length = 0;
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code < 0x80) length += 1;
        else if (code < 0x800) length += 2;
        else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
            length += 4;
            index++;
        } else length += 3;
    }
    return length;
}

/** A header's size for a string, array or map of `count` bytes or items. */
function headerSize(count: number, fixLimit: number): number {
    if (count < fixLimit) return 1;
    if (count < 0x100 && fixLimit === 32) return 2; // str 8; arrays and maps have no 8-bit form
    return count < 0x10000 ? 3 : 5;
}

function numberSize(value: number): number {
    if (!Number.isSafeInteger(value)) return 9;
    if (value >= 0) return value < 0x80 ? 1 : value < 0x100 ? 2 : value < 0x10000 ? 3 : value < 0x100000000 ? 5 : 9;
    return value >= -0x20 ? 1 : value >= -0x80 ? 2 : value >= -0x8000 ? 3 : value >= -0x80000000 ? 5 : 9;
}

/** The first pass: the value's encoded size. */
function sizeOf(value: unknown, depth: number): number {
    if (depth > MAX_DEPTH) throw tooDeep(depth);
    if (value === null || value === undefined) return 1;
    switch (typeof value) {
        case "boolean":
            return 1;
        case "number":
            return numberSize(value);
        case "string": {
            const length = utf8Length(value);
            return headerSize(length, 32) + length;
        }
        default:
            break;
    }
    if (value === UNKNOWN) return 3;
    if (Array.isArray(value)) {
        let size = headerSize(value.length, 16);
        for (const item of value) size += sizeOf(item, depth + 1);
        return size;
    }
    if (typeof value === "object" && !ArrayBuffer.isView(value)) {
        const keys = Object.keys(value);
        let size = headerSize(keys.length, 16);
        for (const key of keys) {
            const length = utf8Length(key);
            size += headerSize(length, 32) + length + sizeOf((value as Record<string, unknown>)[key], depth + 1);
        }
        return size;
    }
    throw unrecognized(value);
}

/** The second pass: writes into a buffer of the size the first gave. */
class Writer {
    offset = 0;
    constructor(private readonly out: Buffer) {}

    private header(count: number, fix: number, fixLimit: number, heads: readonly [number, number, number]): void {
        const out = this.out;
        if (count < fixLimit) out[this.offset++] = fix + count;
        else if (count < 0x100 && heads[0] !== 0) {
            out[this.offset++] = heads[0];
            out[this.offset++] = count;
        } else if (count < 0x10000) {
            out[this.offset++] = heads[1];
            this.offset = out.writeUInt16BE(count, this.offset);
        } else {
            out[this.offset++] = heads[2];
            this.offset = out.writeUInt32BE(count, this.offset);
        }
    }

    private string(text: string): void {
        const length = utf8Length(text);
        this.header(length, 0xa0, 32, [0xd9, 0xda, 0xdb]);
        if (text.length > TEXT_ENCODER_THRESHOLD) {
            this.offset += this.out.write(text, this.offset, length, "utf8");
            return;
        }
        const out = this.out;
        for (let index = 0; index < text.length; index++) {
            let code = text.charCodeAt(index);
            if (code < 0x80) {
                out[this.offset++] = code;
                continue;
            }
            if (code < 0x800) out[this.offset++] = ((code >> 6) & 0x1f) | 0xc0;
            else {
                if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
                    code = ((code & 0x3ff) << 10) + (text.charCodeAt(++index) & 0x3ff) + 0x10000;
                    out[this.offset++] = ((code >> 18) & 0x07) | 0xf0;
                    out[this.offset++] = ((code >> 12) & 0x3f) | 0x80;
                } else out[this.offset++] = ((code >> 12) & 0x0f) | 0xe0;
                out[this.offset++] = ((code >> 6) & 0x3f) | 0x80;
            }
            out[this.offset++] = (code & 0x3f) | 0x80;
        }
    }

    private number(value: number): void {
        const out = this.out;
        if (!Number.isSafeInteger(value)) {
            out[this.offset++] = 0xcb;
            this.offset = out.writeDoubleBE(value, this.offset);
        } else if (value >= 0) {
            if (value < 0x80) out[this.offset++] = value;
            else if (value < 0x100) {
                out[this.offset++] = 0xcc;
                out[this.offset++] = value;
            } else if (value < 0x10000) {
                out[this.offset++] = 0xcd;
                this.offset = out.writeUInt16BE(value, this.offset);
            } else if (value < 0x100000000) {
                out[this.offset++] = 0xce;
                this.offset = out.writeUInt32BE(value, this.offset);
            } else {
                out[this.offset++] = 0xcf;
                this.offset = out.writeBigUInt64BE(BigInt(value), this.offset);
            }
        } else if (value >= -0x20) out[this.offset++] = 0xe0 | (value + 0x20);
        else if (value >= -0x80) {
            out[this.offset++] = 0xd0;
            this.offset = out.writeInt8(value, this.offset);
        } else if (value >= -0x8000) {
            out[this.offset++] = 0xd1;
            this.offset = out.writeInt16BE(value, this.offset);
        } else if (value >= -0x80000000) {
            out[this.offset++] = 0xd2;
            this.offset = out.writeInt32BE(value, this.offset);
        } else {
            out[this.offset++] = 0xd3;
            this.offset = out.writeBigInt64BE(BigInt(value), this.offset);
        }
    }

    /** Writes a value the first pass sized (so every type here is one it accepted). */
    value(value: unknown): void {
        const out = this.out;
        if (value === null || value === undefined) out[this.offset++] = 0xc0;
        else if (typeof value === "boolean") out[this.offset++] = value ? 0xc3 : 0xc2;
        else if (typeof value === "number") this.number(value);
        else if (typeof value === "string") this.string(value);
        else if (value === UNKNOWN) {
            out[this.offset++] = 0xd4;
            out[this.offset++] = 0;
            out[this.offset++] = 0;
        } else if (Array.isArray(value)) {
            this.header(value.length, 0x90, 16, [0, 0xdc, 0xdd]);
            for (const item of value) this.value(item);
        } else {
            const keys = Object.keys(value as object);
            this.header(keys.length, 0x80, 16, [0, 0xde, 0xdf]);
            for (const key of keys) {
                this.string(key);
                this.value((value as Record<string, unknown>)[key]);
            }
        }
    }
}

/** `value` as cty's MessagePack, in a buffer of exactly its size. */
export function encodeCtyValue(value: CtyValue): Buffer {
    const size = sizeOf(value, 1);
    const out = Buffer.allocUnsafe(size);
    const writer = new Writer(out);
    writer.value(value);
    if (writer.offset !== size) throw new Error(`cty encoding wrote ${writer.offset} bytes, planned ${size}`);
    return out;
}
