/**
 * `google.protobuf.Struct` read straight into a JavaScript object: what google-protobuf gives for
 * `Struct.deserializeBinary(bytes).toJavaScript()`, without its tree of message objects, for the bytes in the
 * form protobuf encoders write (the engine's Go marshaller, google-protobuf's own). {@link isCanonicalStruct} says
 * whether bytes are in that form; any other bytes are google-protobuf's to read, as before, quirks and errors
 * included (tests/plugin/struct-decoding.test.ts holds the two to the same values over generated and mutated bytes).
 *
 * The form: a Struct holds only map entries (field 1), each a key (field 1) then a Value (field 2), nothing else,
 * each tag a single byte; a key is valid UTF-8 and not `__proto__` (google-protobuf's map drops it); a Value holds
 * exactly one field: null as the enum 0, a double, a valid UTF-8 string, a boolean as one byte 0 or 1, a Struct or
 * a ListValue (field 1 repeated, nothing else); every length within its message; nesting at most
 * {@link MAX_STRUCT_DEPTH}. As google-protobuf's map and `toJavaScript` leave them, an object's keys are set in
 * sorted order, and a key given twice has its last value.
 */
import { isUtf8 } from "node:buffer";

/** The deepest nesting read here; deeper values (which no property of this plugin has) are google-protobuf's to read. */
export const MAX_STRUCT_DEPTH = 64;

/** Single-byte tags: field 1, 2, ... with their wire types. */
const ENTRY = 0x0a; // Struct.fields, map entry key, ListValue.values: field 1, length-delimited
const ENTRY_VALUE = 0x12; // map entry value: field 2, length-delimited
const NULL = 0x08;
const NUMBER = 0x11;
const STRING = 0x1a;
const BOOL = 0x20;
const STRUCT = 0x2a;
const LIST = 0x32;

/** `__proto__` in UTF-8. */
const PROTO_KEY = Buffer.from("__proto__", "utf8");

/** Thrown within the walk when the bytes are not in the form; never escapes this module. */
const NOT_CANONICAL = Symbol("not canonical");

/** A cursor over the bytes; every read is within the end of the message it is in (`limit`). */
class Cursor {
    constructor(
        readonly bytes: Buffer,
        public at: number,
    ) {}

    /** The next byte, which must be `expected`. */
    expect(expected: number, limit: number): void {
        if (this.at >= limit || this.bytes[this.at] !== expected) throw NOT_CANONICAL;
        this.at++;
    }

    /** A length (varint, at most 5 bytes); returns the end of the bytes it counts, which must be within `limit`. */
    length(limit: number): number {
        let value = 0;
        for (let shift = 0, scale = 1; shift < 5; shift++, scale *= 128) {
            if (this.at >= limit) throw NOT_CANONICAL;
            const byte = this.bytes[this.at++] as number;
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) {
                if (value > limit - this.at) throw NOT_CANONICAL;
                return this.at + value;
            }
        }
        throw NOT_CANONICAL;
    }

    /** A length-delimited field's bytes, valid UTF-8: [start, end). */
    utf8(limit: number): [number, number] {
        const end = this.length(limit);
        const start = this.at;
        if (!isUtf8(this.bytes.subarray(start, end))) throw NOT_CANONICAL;
        this.at = end;
        return [start, end];
    }
}

/** How a walk handles what it reads: checking only, or building the value. */
interface Build<V> {
    string(bytes: Buffer, start: number, end: number): V;
    number(bytes: Buffer, at: number): V;
    scalar(value: null | boolean): V;
    /** A Struct's builder: `set` takes the key as the UTF-8 between `start` and `end` of `bytes`. */
    struct(): { set(bytes: Buffer, start: number, end: number, value: V): void; done(): V };
    list(): { add(value: V): void; done(): V };
}

/** A Value's one field, from the cursor to `end`. */
function readValue<V>(cursor: Cursor, end: number, depth: number, build: Build<V>): V {
    if (cursor.at >= end) throw NOT_CANONICAL; // no field: google-protobuf's toJavaScript refuses it
    const tag = cursor.bytes[cursor.at++];
    let value: V;
    if (tag === NULL || tag === BOOL) {
        const byte = cursor.bytes[cursor.at++];
        if (cursor.at > end || !(byte === 0 || (byte === 1 && tag === BOOL))) throw NOT_CANONICAL;
        value = build.scalar(tag === NULL ? null : byte === 1);
    } else if (tag === NUMBER) {
        if (end - cursor.at < 8) throw NOT_CANONICAL;
        value = build.number(cursor.bytes, cursor.at);
        cursor.at += 8;
    } else if (tag === STRING) {
        const [start, stop] = cursor.utf8(end);
        value = build.string(cursor.bytes, start, stop);
    } else if (tag === STRUCT || tag === LIST) {
        if (depth >= MAX_STRUCT_DEPTH) throw NOT_CANONICAL;
        const stop = cursor.length(end);
        value = tag === STRUCT ? readFields(cursor, stop, depth + 1, build) : readItems(cursor, stop, depth + 1, build);
    } else throw NOT_CANONICAL;
    if (cursor.at !== end) throw NOT_CANONICAL; // a second field
    return value;
}

/** A Struct's fields, from the cursor to `end`. */
function readFields<V>(cursor: Cursor, end: number, depth: number, build: Build<V>): V {
    const struct = build.struct();
    while (cursor.at < end) {
        cursor.expect(ENTRY, end);
        const entryEnd = cursor.length(end);
        cursor.expect(ENTRY, entryEnd);
        const key = cursor.utf8(entryEnd);
        if (key[1] - key[0] === PROTO_KEY.length && PROTO_KEY.equals(cursor.bytes.subarray(key[0], key[1]))) throw NOT_CANONICAL;
        cursor.expect(ENTRY_VALUE, entryEnd);
        const valueEnd = cursor.length(entryEnd);
        if (valueEnd !== entryEnd) throw NOT_CANONICAL;
        struct.set(cursor.bytes, key[0], key[1], readValue(cursor, valueEnd, depth, build));
    }
    return struct.done();
}

/** A ListValue's values, from the cursor to `end`. */
function readItems<V>(cursor: Cursor, end: number, depth: number, build: Build<V>): V {
    const list = build.list();
    while (cursor.at < end) {
        cursor.expect(ENTRY, end);
        const valueEnd = cursor.length(end);
        list.add(readValue(cursor, valueEnd, depth, build));
    }
    return list.done();
}

/**
 * The object google-protobuf's `toJavaScript` makes of a map's entries: each key once with its last value, set in
 * the order of the keys sorted (its map's `forEach` sorts them). `ascending`: the keys came sorted, each once.
 */
function sortedObject(keys: string[], values: unknown[], ascending: boolean): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    if (ascending) {
        for (let index = 0; index < keys.length; index++) object[keys[index] as string] = values[index];
        return object;
    }
    const last = new Map<string, unknown>();
    for (let index = 0; index < keys.length; index++) last.set(keys[index] as string, values[index]);
    for (const key of [...last.keys()].sort()) object[key] = last.get(key);
    return object;
}

/** Checks only. */
const CHECK: Build<undefined> = {
    string: () => undefined,
    number: () => undefined,
    scalar: () => undefined,
    struct: () => ({ set: () => undefined, done: () => undefined }),
    list: () => ({ add: () => undefined, done: () => undefined }),
};

/** Builds the value `toJavaScript` gives. */
const BUILD: Build<unknown> = {
    string: (bytes, start, end) => bytes.toString("utf8", start, end),
    number: (bytes, at) => bytes.readDoubleLE(at),
    scalar: (value) => value,
    struct: () => {
        const keys: string[] = [];
        const values: unknown[] = [];
        let ascending = true;
        return {
            set: (bytes, start, end, value) => {
                const key = bytes.toString("utf8", start, end);
                if (keys.length > 0 && !((keys[keys.length - 1] as string) < key)) ascending = false;
                keys.push(key);
                values.push(value);
            },
            done: () => sortedObject(keys, values, ascending),
        };
    },
    list: () => {
        const items: unknown[] = [];
        return { add: (value) => void items.push(value), done: () => items };
    },
};

function asBuffer(bytes: Uint8Array): Buffer {
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether `bytes` are a Struct in the form this module reads (see the module's comment); builds nothing. */
export function isCanonicalStruct(bytes: Uint8Array): boolean {
    try {
        readFields(new Cursor(asBuffer(bytes), 0), bytes.length, 0, CHECK);
        return true;
    } catch (error) {
        if (error === NOT_CANONICAL) return false;
        throw error;
    }
}

/**
 * `Struct.deserializeBinary(bytes).toJavaScript()` for bytes {@link isCanonicalStruct} accepts; undefined for others
 * (read them with google-protobuf).
 */
export function decodeStruct(bytes: Uint8Array): Record<string, unknown> | undefined {
    const buffer = asBuffer(bytes);
    try {
        return readFields(new Cursor(buffer, 0), buffer.length, 0, BUILD) as Record<string, unknown>;
    } catch (error) {
        if (error === NOT_CANONICAL) return undefined;
        throw error;
    }
}
