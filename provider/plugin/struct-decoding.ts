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
import { containsSecret, containsUnknown, SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_VALUE } from "../wire-format";

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
    /** `exact`: also refuses a length written in more bytes than it needs (which an encoder would write shorter). */
    constructor(
        readonly bytes: Buffer,
        public at: number,
        readonly exact = false,
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
                if (value > limit - this.at || (this.exact && byte === 0 && shift > 0)) throw NOT_CANONICAL;
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

/** `4dabf18193072939515e22adb298388d` and the engine's other sentinels (wire-format.ts), as UTF-8. */
const SENTINELS = {
    specialKey: Buffer.from(SPECIAL_SIG_KEY, "utf8"),
    secret: Buffer.from(SECRET_SIG, "utf8"),
    unknown: Buffer.from(UNKNOWN_VALUE, "utf8"),
};

/** What a value holds, for a property left undecoded: flags of {@link MARKS}. */
const MARKS = {
    /** A secret envelope, at any depth (`containsSecret`). */
    secret: 1,
    /** The unknown sentinel, at any depth (`containsUnknown`). */
    unknown: 2,
    /** This value is the string of the secret signature (a Struct holding it under the special key is an envelope). */
    secretSignature: 4,
} as const;

function rangeIs(bytes: Buffer, start: number, end: number, expected: Buffer): boolean {
    return end - start === expected.length && expected.equals(bytes.subarray(start, end));
}

/**
 * Builds no value, only the {@link MARKS} the value `toJavaScript` gives would hold: whether `containsSecret` and
 * `containsUnknown` (wire-format.ts) hold for it. A key given twice counts with its last value only, as in the
 * object google-protobuf builds.
 */
const MARK: Build<number> = {
    string: (bytes, start, end) =>
        (rangeIs(bytes, start, end, SENTINELS.secret) ? MARKS.secretSignature : 0) | (rangeIs(bytes, start, end, SENTINELS.unknown) ? MARKS.unknown : 0),
    number: () => 0,
    scalar: () => 0,
    struct: () => {
        let envelope = false;
        // From the first entry that holds a mark on: the later entries' keys, which may replace it.
        let entries: { key: string; marks: number }[] | undefined;
        return {
            set: (bytes, start, end, value) => {
                if (rangeIs(bytes, start, end, SENTINELS.specialKey)) envelope = (value & MARKS.secretSignature) !== 0;
                const marks = value & (MARKS.secret | MARKS.unknown);
                if (marks !== 0 || entries !== undefined) (entries ??= []).push({ key: bytes.toString("utf8", start, end), marks });
            },
            done: () => {
                let marks = envelope ? MARKS.secret : 0;
                if (entries === undefined) return marks;
                const last = new Map<string, number>();
                for (const entry of entries) last.set(entry.key, entry.marks);
                for (const value of last.values()) marks |= value;
                return marks;
            },
        };
    },
    list: () => {
        let marks = 0;
        return { add: (value) => void (marks |= value & (MARKS.secret | MARKS.unknown)), done: () => marks };
    },
};

/**
 * Whether the UTF-8 key in `bytes` [start, end) sorts after the one at [previousStart, previousEnd) as JavaScript
 * sorts strings (by UTF-16 code units). UTF-8's byte order is the code points' order, which differs from UTF-16's
 * only between a character above U+FFFF (a surrogate pair, lead byte F0-F4) and one from U+E000 to U+FFFF (lead
 * byte EE or EF): the pair sorts first in UTF-16.
 */
function keyAfter(bytes: Buffer, previousStart: number, previousEnd: number, start: number, end: number): boolean {
    const length = Math.min(previousEnd - previousStart, end - start);
    for (let index = 0; index < length; index++) {
        const before = bytes[previousStart + index] as number;
        const after = bytes[start + index] as number;
        if (before === after) continue;
        const astral = (byte: number) => byte >= 0xf0;
        const high = (byte: number) => byte === 0xee || byte === 0xef;
        if ((astral(before) && high(after)) || (high(before) && astral(after))) return astral(before);
        return after > before;
    }
    return end - start > previousEnd - previousStart;
}

/** The NaN google-protobuf writes (and so the encoder): 0x7FFFFFFFFFFFFFFF, little-endian. */
const WRITTEN_NAN = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);

/**
 * Checks that the bytes are those `struct-encoding.ts` writes again for the value they hold (and google-protobuf
 * with it): each Struct's keys in ascending order, each once; a NaN as the one NaN written; no length longer than
 * it needs (the cursor's `exact`).
 */
const EXACT: Build<undefined> = {
    ...CHECK,
    number: (bytes, at) => {
        if (Number.isNaN(bytes.readDoubleLE(at)) && !WRITTEN_NAN.equals(bytes.subarray(at, at + 8))) throw NOT_CANONICAL;
        return undefined;
    },
    struct: () => {
        let previous: [number, number] | undefined;
        return {
            set: (bytes, start, end) => {
                if (previous && !keyAfter(bytes, previous[0], previous[1], start, end)) throw NOT_CANONICAL;
                previous = [start, end];
            },
            done: () => undefined,
        };
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

/** A varint length at `at` of bytes {@link isCanonicalStruct} accepted: [its value, the offset after it]. */
function lengthAt(bytes: Buffer, at: number): [number, number] {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
        const byte = bytes[at++] as number;
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return [value, at];
    }
}

/** Copies the Value body at [start, end) of `from` into `to` at `toAt`, each Struct in it sorted. */
function copyValueSorted(from: Buffer, start: number, end: number, to: Buffer, toAt: number): void {
    const tag = from[start];
    if (tag !== STRUCT && tag !== LIST) {
        from.copy(to, toAt, start, end);
        return;
    }
    const [, bodyStart] = lengthAt(from, start + 1);
    from.copy(to, toAt, start, bodyStart);
    const shift = toAt - start;
    if (tag === STRUCT) return copyStructSorted(from, bodyStart, end, to, bodyStart + shift);
    for (let at = bodyStart; at < end;) {
        const [length, itemStart] = lengthAt(from, at + 1);
        from.copy(to, at + shift, at, itemStart);
        copyValueSorted(from, itemStart, itemStart + length, to, itemStart + shift);
        at = itemStart + length;
    }
}

/** An entry of a Struct: where it starts and ends, its key's bytes, and where its Value's body starts. */
interface EntrySpan {
    at: number;
    end: number;
    keyStart: number;
    keyEnd: number;
    valueStart: number;
}

/**
 * Copies the Struct body at [start, end) of `from` into `to` at `toStart`, its entries in the order of their keys
 * (as JavaScript sorts strings: {@link keyAfter}), and each Struct within them likewise. Lengths do not change:
 * each entry's bytes only move.
 */
function copyStructSorted(from: Buffer, start: number, end: number, to: Buffer, toStart: number): void {
    const entries: EntrySpan[] = [];
    let ascending = true;
    for (let at = start; at < end;) {
        const [entryLength, entryStart] = lengthAt(from, at + 1);
        const [keyLength, keyStart] = lengthAt(from, entryStart + 1);
        const keyEnd = keyStart + keyLength;
        const [, valueStart] = lengthAt(from, keyEnd + 1);
        const previous = entries[entries.length - 1];
        if (previous && !keyAfter(from, previous.keyStart, previous.keyEnd, keyStart, keyEnd)) ascending = false;
        entries.push({ at, end: entryStart + entryLength, keyStart, keyEnd, valueStart });
        at = entryStart + entryLength;
    }
    if (!ascending)
        entries.sort((a, b) => {
            if (a.keyEnd - a.keyStart === b.keyEnd - b.keyStart && from.compare(from, a.keyStart, a.keyEnd, b.keyStart, b.keyEnd) === 0) return 0;
            return keyAfter(from, a.keyStart, a.keyEnd, b.keyStart, b.keyEnd) ? -1 : 1;
        });
    let toAt = toStart;
    for (const entry of entries) {
        // The entry's tag, length, key and its Value's header as they are, then its Value's body.
        from.copy(to, toAt, entry.at, entry.valueStart);
        copyValueSorted(from, entry.valueStart, entry.end, to, toAt + entry.valueStart - entry.at);
        toAt += entry.end - entry.at;
    }
}

/**
 * The bytes of a Struct {@link isCanonicalStruct} accepts with every Struct's entries (at every depth) in the order
 * of their keys: the order google-protobuf writes, which the engine's Go marshaller does not keep (it writes a
 * map's entries in any order). Only entries move; their bytes, and so every length, stay. Undefined for bytes not
 * in that form. The result is what google-protobuf writes again only if {@link isExactStruct} says so (a key given
 * twice stays twice).
 */
export function sortedStruct(bytes: Uint8Array): Buffer | undefined {
    if (!isCanonicalStruct(bytes)) return undefined;
    const from = asBuffer(bytes);
    const to = Buffer.alloc(from.length);
    copyStructSorted(from, 0, from.length, to, 0);
    return to;
}

/**
 * Whether `bytes` are exactly those the plugin writes (`struct-encoding.ts`), as google-protobuf does, for the
 * value {@link decodeStruct} reads from them: then they can be sent back as they came, the same bytes as decoding
 * and encoding them again. Bytes in another order (the engine's Go writes a map's keys in any order), or otherwise
 * not in that form, are not.
 */
export function isExactStruct(bytes: Uint8Array): boolean {
    try {
        readFields(new Cursor(asBuffer(bytes), 0, true), bytes.length, 0, EXACT);
        return true;
    } catch (error) {
        if (error === NOT_CANONICAL) return false;
        throw error;
    }
}

/**
 * Of the object `toJavaScript` gives for a Struct, what is needed without building all of it: the properties
 * `names` (as it gives them), how many properties it has, and, of all of them, which hold a secret and which an
 * unknown value (wire-format.ts's `secretNames` and `unknownNames`, in the same order).
 */
export interface StructArguments {
    props: Record<string, unknown>;
    size: number;
    secret: string[];
    unknown: string[];
}

/**
 * {@link StructArguments} of the Struct in `bytes`, for bytes {@link isCanonicalStruct} accepts (undefined for
 * others): the properties `names` are built as {@link decodeStruct} builds them, the others only walked (every
 * bound of the module's walk holds) for their marks.
 */
export function decodeStructArguments(bytes: Uint8Array, names: ReadonlySet<string>): StructArguments | undefined {
    const buffer = asBuffer(bytes);
    const cursor = new Cursor(buffer, 0);
    const keys: string[] = [];
    const values: { value?: unknown; marks: number }[] = [];
    let ascending = true;
    try {
        while (cursor.at < buffer.length) {
            cursor.expect(ENTRY, buffer.length);
            const entryEnd = cursor.length(buffer.length);
            cursor.expect(ENTRY, entryEnd);
            const [start, end] = cursor.utf8(entryEnd);
            if (rangeIs(buffer, start, end, PROTO_KEY)) throw NOT_CANONICAL;
            const key = buffer.toString("utf8", start, end);
            cursor.expect(ENTRY_VALUE, entryEnd);
            const valueEnd = cursor.length(entryEnd);
            if (valueEnd !== entryEnd) throw NOT_CANONICAL;
            if (keys.length > 0 && !((keys[keys.length - 1] as string) < key)) ascending = false;
            keys.push(key);
            if (names.has(key)) {
                const value = readValue(cursor, valueEnd, 0, BUILD);
                values.push({ value, marks: (containsSecret(value) ? MARKS.secret : 0) | (containsUnknown(value) ? MARKS.unknown : 0) });
            } else values.push({ marks: readValue(cursor, valueEnd, 0, MARK) });
        }
    } catch (error) {
        if (error === NOT_CANONICAL) return undefined;
        throw error;
    }
    const all = sortedObject(keys, values, ascending) as Record<string, { value?: unknown; marks: number }>;
    const props: Record<string, unknown> = {};
    const secret: string[] = [];
    const unknown: string[] = [];
    const present = Object.keys(all);
    for (const key of present) {
        const { value, marks } = all[key] as { value?: unknown; marks: number };
        if (names.has(key)) props[key] = value;
        if ((marks & MARKS.secret) !== 0) secret.push(key);
        if ((marks & MARKS.unknown) !== 0) unknown.push(key);
    }
    return { props, size: present.length, secret, unknown };
}
