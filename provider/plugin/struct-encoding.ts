/**
 * `google.protobuf.Struct` written straight from a JavaScript object: the bytes google-protobuf gives for
 * `Struct.fromJavaScript(value).serializeBinary()`, without its tree of message objects (a `Struct`, a `Value`
 * and a map entry per field) and its encoder, which holds every byte as an element of a JavaScript array. For a
 * listing of 100,000 verifications that tree and encoder grew the plugin by about 500 MB; this writes one buffer
 * of the message's exact size (two passes: sizes, then bytes).
 *
 * Byte for byte what google-protobuf 3.21 writes (tests/plugin/struct-encoding.test.ts compares the two over
 * generated values): a Struct's keys are those `for...in` lists (inherited enumerable ones too), `__proto__` left
 * out (its map drops it), sorted by UTF-16 code units; a Value is written with the one field its type sets (null as
 * the enum 0, a number as a double, every NaN as google-protobuf's 0x7FFFFFFFFFFFFFFF, a boolean, a string, a
 * Struct, a ListValue), and empty lists and structs as empty messages. A Map (which google-protobuf would write as an
 * empty Struct) is written as the object of its entries would be: the plugin's resource outputs hold their maps so
 * (`ListingResourceHost.mapOutputs`); a key that is not a string throws google-protobuf's error. Strings are UTF-8 as google-protobuf writes
 * them: a surrogate pair as one 4-byte character, any other surrogate as 3 bytes of its own, except a high surrogate
 * followed by a character that is not a low surrogate, which is left out. A value of another type (undefined, a
 * function, a symbol, a bigint) throws google-protobuf's `Unexpected struct type.`
 */

/** Wire types used: 64-bit, length-delimited, varint. */
const FIXED64 = 1;
const BYTES = 2;
const VARINT = 0;

/** Field numbers of `google.protobuf.Value` (and the one of `Struct.fields` and `ListValue.values`). */
const VALUE = { null: 1, number: 2, string: 3, bool: 4, struct: 5, list: 6 } as const;
const ENTRY_KEY = 1;
const ENTRY_VALUE = 2;
const REPEATED = 1;

/** A tag's single byte (every field number here is below 16). */
const tag = (field: number, wireType: number) => field * 8 + wireType;

/** Any surrogate: such strings are written by {@link protobufUtf8Length}'s rules rather than Node's. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** The error google-protobuf throws for a value a Struct cannot hold. */
function unexpected(): Error {
    return new Error("Unexpected struct type.");
}

function varintSize(value: number): number {
    let size = 1;
    for (let v = value; v >= 0x80; v = Math.floor(v / 128)) size++;
    return size;
}

/** The bytes of a length-delimited field holding `length` bytes, tag and length included. */
function delimitedSize(length: number): number {
    return 1 + varintSize(length) + length;
}

/** The UTF-8 length of a string holding surrogates, as google-protobuf's `BinaryEncoder.writeString` writes it. */
function protobufUtf8Length(text: string): number {
    let length = 0;
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code < 0x80) length += 1;
        else if (code < 0x800) length += 2;
        else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
            const next = text.charCodeAt(index + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                length += 4;
                index++;
            }
        } else length += 3;
    }
    return length;
}

/** Writes a string holding surrogates as google-protobuf does (see {@link protobufUtf8Length}); returns the offset after it. */
function writeProtobufUtf8(text: string, out: Buffer, offset: number): number {
    let at = offset;
    for (let index = 0; index < text.length; index++) {
        let code = text.charCodeAt(index);
        if (code < 0x80) out[at++] = code;
        else if (code < 0x800) {
            out[at++] = (code >> 6) | 0xc0;
            out[at++] = (code & 0x3f) | 0x80;
        } else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
            const next = text.charCodeAt(index + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                code = (code - 0xd800) * 0x400 + next - 0xdc00 + 0x10000;
                out[at++] = (code >> 18) | 0xf0;
                out[at++] = ((code >> 12) & 0x3f) | 0x80;
                out[at++] = ((code >> 6) & 0x3f) | 0x80;
                out[at++] = (code & 0x3f) | 0x80;
                index++;
            }
        } else {
            out[at++] = (code >> 12) | 0xe0;
            out[at++] = ((code >> 6) & 0x3f) | 0x80;
            out[at++] = (code & 0x3f) | 0x80;
        }
    }
    return at;
}

function utf8Length(text: string): number {
    return SURROGATE.test(text) ? protobufUtf8Length(text) : Buffer.byteLength(text, "utf8");
}

/** A Struct's keys, in the order google-protobuf writes them, into `keys` (emptied first). A Map's are its keys. */
function structKeys(object: object, keys: string[]): string[] {
    keys.length = 0;
    if (object instanceof Map) {
        for (const key of object.keys() as Iterable<unknown>) {
            if (typeof key !== "string") throw unexpected();
            if (key !== "__proto__") keys.push(key);
        }
    } else for (const key in object) if (key !== "__proto__") keys.push(key);
    return keys.length > 1 ? keys.sort() : keys;
}

/** A Struct's value at `key`: a property, or a Map's entry. */
function entryValue(object: object, key: string): unknown {
    return object instanceof Map ? (object as Map<string, unknown>).get(key) : (object as Record<string, unknown>)[key];
}

type Kind = "null" | "number" | "string" | "bool" | "struct" | "list";

/** The Value field `value` sets, as google-protobuf's `Value.fromJavaScript` chooses it. */
function kindOf(value: unknown): Kind {
    if (value === null) return "null";
    switch (typeof value) {
        case "string":
            return "string";
        case "number":
            return "number";
        case "boolean":
            return "bool";
        case "object":
            return Array.isArray(value) ? "list" : "struct";
        default:
            throw unexpected();
    }
}

/**
 * The content sizes of a value's Structs and ListValues, in the order they are written (each container before those
 * it holds), from the first pass; the second pass reads them back in the same order. And the Structs' key lists,
 * one per nesting depth, reused from Struct to Struct: a listing's 100,000 small objects make no list each.
 */
class Sizes {
    private values = new Int32Array(64);
    private count = 0;
    private read = 0;
    private readonly keyLists: string[][] = [];
    private depth = 0;

    /** `object`'s keys in order, in the list of the depth entered; {@link leave} when its entries are done. */
    enter(object: object): string[] {
        const list = (this.keyLists[this.depth++] ??= []);
        return structKeys(object, list);
    }

    leave(): void {
        this.depth--;
    }

    /** Reserves the next size; returns its index. */
    reserve(): number {
        if (this.count === this.values.length) {
            const grown = new Int32Array(this.values.length * 2);
            grown.set(this.values);
            this.values = grown;
        }
        return this.count++;
    }

    set(index: number, size: number): number {
        this.values[index] = size;
        return size;
    }

    /** The size of the next container to be written. */
    peek(): number {
        return this.values[this.read] as number;
    }

    /** The size of the next container to be written, which is written now. */
    next(): number {
        return this.values[this.read++] as number;
    }
}

/** The first pass: a Value's size (its fields, without its own tag and length), recording its containers' sizes. */
function valueSize(value: unknown, sizes: Sizes): number {
    switch (kindOf(value)) {
        case "null":
        case "bool":
            return 2;
        case "number":
            return 9;
        case "string":
            return delimitedSize(utf8Length(value as string));
        case "struct":
            return delimitedSize(structSize(value as object, sizes));
        case "list":
            return delimitedSize(listSize(value as unknown[], sizes));
    }
}

function structSize(object: object, sizes: Sizes): number {
    const index = sizes.reserve();
    let size = 0;
    for (const key of sizes.enter(object)) {
        const entry = delimitedSize(utf8Length(key)) + delimitedSize(valueSize(entryValue(object, key), sizes));
        size += delimitedSize(entry);
    }
    sizes.leave();
    return sizes.set(index, size);
}

function listSize(list: readonly unknown[], sizes: Sizes): number {
    const index = sizes.reserve();
    let size = 0;
    for (let item = 0; item < list.length; item++) size += delimitedSize(valueSize(list[item], sizes));
    return sizes.set(index, size);
}

/** The second pass: writes into a buffer sized by the first, reading the containers' sizes back in order. */
class Writer {
    constructor(
        private readonly out: Buffer,
        public offset: number,
        private readonly sizes: Sizes,
    ) {}

    private byte(value: number): void {
        this.out[this.offset++] = value;
    }

    varint(value: number): void {
        let v = value;
        while (v >= 0x80) {
            this.byte((v % 128) | 0x80);
            v = Math.floor(v / 128);
        }
        this.byte(v);
    }

    private string(field: number, text: string): void {
        this.byte(tag(field, BYTES));
        if (SURROGATE.test(text)) {
            this.varint(protobufUtf8Length(text));
            this.offset = writeProtobufUtf8(text, this.out, this.offset);
        } else {
            this.varint(Buffer.byteLength(text, "utf8"));
            this.offset += this.out.write(text, this.offset, "utf8");
        }
    }

    /** A Value's size before it is written: a container's from the first pass. */
    private valueSizeAhead(value: unknown): number {
        const kind = kindOf(value);
        if (kind === "struct" || kind === "list") return delimitedSize(this.sizes.peek());
        return valueSize(value, this.sizes);
    }

    /** A Value's fields. */
    private value(value: unknown): void {
        switch (kindOf(value)) {
            case "null":
                this.byte(tag(VALUE.null, VARINT));
                this.byte(0);
                return;
            case "bool":
                this.byte(tag(VALUE.bool, VARINT));
                this.byte(value ? 1 : 0);
                return;
            case "number":
                this.byte(tag(VALUE.number, FIXED64));
                if (Number.isNaN(value)) {
                    this.out.fill(0xff, this.offset, this.offset + 7);
                    this.out[this.offset + 7] = 0x7f;
                    this.offset += 8;
                } else this.offset = this.out.writeDoubleLE(value as number, this.offset);
                return;
            case "string":
                this.string(VALUE.string, value as string);
                return;
            case "struct":
                this.byte(tag(VALUE.struct, BYTES));
                this.varint(this.sizes.next());
                this.fields(value as object);
                return;
            case "list":
                this.byte(tag(VALUE.list, BYTES));
                this.varint(this.sizes.next());
                this.items(value as unknown[]);
                return;
        }
    }

    /** A Struct's fields: one map entry (key, Value) per key. */
    fields(object: object): void {
        for (const key of this.sizes.enter(object)) {
            const value = entryValue(object, key);
            const valueLength = this.valueSizeAhead(value);
            this.byte(tag(REPEATED, BYTES));
            this.varint(delimitedSize(utf8Length(key)) + delimitedSize(valueLength));
            this.string(ENTRY_KEY, key);
            this.byte(tag(ENTRY_VALUE, BYTES));
            this.varint(valueLength);
            this.value(value);
        }
        this.sizes.leave();
    }

    /** A ListValue's fields: one Value per item. */
    private items(list: readonly unknown[]): void {
        for (let index = 0; index < list.length; index++) {
            const value = list[index];
            this.byte(tag(REPEATED, BYTES));
            this.varint(this.valueSizeAhead(value));
            this.value(value);
        }
    }
}

/** A Struct's bytes planned: their size, and a function that writes them at an offset of a buffer (returns the offset after them). */
export interface PlannedStruct {
    size: number;
    write(out: Buffer, offset: number): number;
}

/** Plans `object` as a Struct (the first pass). Throws google-protobuf's error for a value a Struct cannot hold. */
export function planStruct(object: object): PlannedStruct {
    const sizes = new Sizes();
    const size = structSize(object, sizes);
    return {
        size,
        write(out, offset) {
            const writer = new Writer(out, offset, sizes);
            sizes.next(); // the top Struct's own size: it has no length field of its own
            writer.fields(object);
            if (writer.offset !== offset + size) throw new Error(`Struct encoding wrote ${writer.offset - offset} bytes, planned ${size}`);
            return writer.offset;
        },
    };
}

/** `Struct.fromJavaScript(object).serializeBinary()`'s bytes. */
export function encodeStruct(object: object): Buffer {
    const planned = planStruct(object);
    const out = Buffer.allocUnsafe(planned.size);
    planned.write(out, 0);
    return out;
}

/** Where a field numbered `field` goes among a message's top-level fields, written in field-number order: before the first with a higher number. */
function insertionOffset(message: Uint8Array, field: number): number {
    let at = 0;
    const varint = (): number => {
        let value = 0;
        for (let scale = 1; ; scale *= 128) {
            if (at >= message.length) throw new Error("a varint runs past the end of the message");
            const byte = message[at++] as number;
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) return value;
        }
    };
    while (at < message.length) {
        const start = at;
        const key = varint();
        if (Math.floor(key / 8) > field) return start;
        const wireType = key & 7;
        if (wireType === VARINT) varint();
        else if (wireType === FIXED64) at += 8;
        else if (wireType === BYTES) {
            const length = varint();
            at += length;
        } else if (wireType === 5) at += 4;
        else throw new Error(`wire type ${wireType} in a message written by google-protobuf`);
    }
    return message.length;
}

/** A Struct field of a message: its number, and the Struct as an object, or as its bytes already written. */
export interface StructField {
    field: number;
    /** The object, or the Struct's bytes as google-protobuf writes them (sent as they are). */
    struct: object | Uint8Array;
}

/** A Struct already written, planned as it is. */
function writtenStruct(bytes: Uint8Array): PlannedStruct {
    return {
        size: bytes.length,
        write(out, offset) {
            out.set(bytes, offset);
            return offset + bytes.length;
        },
    };
}

/**
 * The bytes of a message whose other fields are `message` (as serialized by google-protobuf, without these fields),
 * with each of `fields` as the Struct in its field: what google-protobuf writes for the message with those Structs
 * set. One buffer, of the exact size.
 */
export function withStructFields(message: Uint8Array, fields: readonly StructField[]): Buffer {
    const planned = [...fields]
        .sort((a, b) => a.field - b.field)
        .map(({ field, struct }) => {
            const plan = struct instanceof Uint8Array ? writtenStruct(struct) : planStruct(struct);
            const key = field * 8 + BYTES;
            return { at: insertionOffset(message, field), key, plan, size: varintSize(key) + varintSize(plan.size) + plan.size };
        });
    const out = Buffer.allocUnsafe(message.length + planned.reduce((sum, p) => sum + p.size, 0));
    const writer = new Writer(out, 0, new Sizes());
    let copied = 0;
    for (const { at, key, plan } of planned) {
        out.set(message.subarray(copied, at), writer.offset);
        writer.offset += at - copied;
        copied = at;
        writer.varint(key);
        writer.varint(plan.size);
        writer.offset = plan.write(out, writer.offset);
    }
    out.set(message.subarray(copied), writer.offset);
    return out;
}

/**
 * The bytes of a message whose other fields are `message` (as serialized by google-protobuf, without this field),
 * with `object` as the Struct in field `field`: what google-protobuf writes for the message with that Struct set.
 */
export function withStructField(message: Uint8Array, field: number, object: object): Buffer {
    return withStructFields(message, [{ field, struct: object }]);
}
