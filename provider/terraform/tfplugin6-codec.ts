/**
 * Encoding and decoding of the `tfplugin6` messages, read from the descriptor generated from the upstream proto
 * (`tfplugin6-descriptor.ts`) over the wire format of `protobuf-wire.ts`. Plain objects in and out, as protobufjs
 * gives them with `toObject(..., { enums: String, longs: Number })`: fields in camelCase, enums by name, int64 as
 * numbers, bytes as Buffers, absent fields left out. Written here rather than loaded from protobufjs, whose load and
 * generated code cost 15-25 ms at each of the three starts of a plan; `tests/terraform/tfplugin6-codec.test.ts`
 * holds the two to the same bytes and objects over the upstream proto.
 *
 * Decoding follows protobuf-go: fields not in the descriptor, and known fields that come with another wire type,
 * are skipped as unknown; strings must be UTF-8; a message field that comes twice is merged, a scalar's last value
 * wins, and so does the last member of a oneof read; nesting is bounded by
 * {@link MAX_DEPTH}. Every refusal is a {@link WireFormatError} naming the message or field and the byte.
 */
import { MAX_DEPTH, WIRE, WireFormatError, WireReader, WireWriter } from "./protobuf-wire";
import { TFPLUGIN6_DESCRIPTOR } from "./tfplugin6-descriptor";
import type { MessageName, Tfplugin6Message } from "./tfplugin6-messages";

/** The scalar types the descriptor's fields use. */
type Scalar = "bytes" | "string" | "bool" | "int64";

/** A field as the descriptor writes it. */
interface FieldDescriptor {
    id: number;
    type: Scalar | "message" | "enum";
    ref?: string;
    repeated?: boolean;
    map?: boolean;
    oneof?: string;
}

interface EnumType {
    kind: "enum";
    name: string;
    numbers: Readonly<Record<string, number>>;
    names: ReadonlyMap<number, string>;
}

interface MessageType {
    kind: "message";
    name: string;
    /** In field-number order, as protobuf encoders write them. */
    fields: Field[];
    byNumber: Map<number, Field>;
}

interface Field {
    name: string;
    /** `tfplugin6.Message.field`, for messages. */
    path: string;
    id: number;
    repeated: boolean;
    /** A `map<string, ...>` field: entries of key (1) and value (2). */
    map: boolean;
    /** The other members of its oneof, cleared when it is read. */
    oneofSiblings: string[];
    type: Scalar | EnumType | MessageType;
}

let types: Map<string, MessageType> | undefined;

/** Every message of the descriptor by name (`Schema.Block`), its fields' types resolved. */
function registry(): Map<string, MessageType> {
    if (types) return types;
    const messages = TFPLUGIN6_DESCRIPTOR.messages as Readonly<Record<string, Readonly<Record<string, FieldDescriptor>>>>;
    const enums = TFPLUGIN6_DESCRIPTOR.enums as Readonly<Record<string, Readonly<Record<string, number>>>>;
    const found = new Map<string, MessageType>(Object.keys(messages).map((name) => [name, { kind: "message", name, fields: [], byNumber: new Map() }]));
    const enumTypes = new Map<string, EnumType>(
        Object.entries(enums).map(([name, numbers]) => [
            name,
            { kind: "enum", name, numbers, names: new Map(Object.entries(numbers).map(([n, v]) => [v, n])) },
        ]),
    );
    for (const [name, type] of found) {
        const descriptors = Object.entries(messages[name] ?? {});
        for (const [fieldName, field] of descriptors) {
            const ref = field.ref ?? "";
            const resolvedType = field.type === "message" ? found.get(ref) : field.type === "enum" ? enumTypes.get(ref) : field.type;
            if (!resolvedType) throw new Error(`tfplugin6 descriptor: ${name}.${fieldName} refers to ${ref}, which it does not describe`);
            const resolved: Field = {
                name: fieldName,
                path: `tfplugin6.${name}.${fieldName}`,
                id: field.id,
                repeated: field.repeated === true,
                map: field.map === true,
                oneofSiblings: field.oneof ? descriptors.filter(([other, d]) => other !== fieldName && d.oneof === field.oneof).map(([other]) => other) : [],
                type: resolvedType,
            };
            type.fields.push(resolved);
            type.byNumber.set(field.id, resolved);
        }
        type.fields.sort((a, b) => a.id - b.id);
    }
    types = found;
    return types;
}

function messageType(name: string): MessageType {
    const type = registry().get(name);
    if (!type) throw new Error(`tfplugin6 has no message ${name} in the descriptor`);
    return type;
}

/** Writes one value of `field` (an element, for repeated fields). */
function writeValue(writer: WireWriter, field: Field, id: number, value: unknown): void {
    const type = field.type;
    const wrong = (expected: string) => new TypeError(`${field.name} must be ${expected}; got ${typeof value}`);
    if (type === "string") {
        if (typeof value !== "string") throw wrong("a string");
        writer.lengthDelimited(id, Buffer.from(value, "utf8"));
    } else if (type === "bytes") {
        if (!(value instanceof Uint8Array)) throw wrong("bytes");
        writer.lengthDelimited(id, value);
    } else if (type === "bool") {
        if (typeof value !== "boolean") throw wrong("a boolean");
        writer.tag(id, WIRE.varint).varint(value ? 1 : 0);
    } else if (type === "int64") {
        if (typeof value !== "number" || !Number.isInteger(value)) throw wrong("an integer");
        writer.tag(id, WIRE.varint).varint(value);
    } else if (type.kind === "enum") {
        const number = typeof value === "number" ? value : typeof value === "string" ? type.numbers[value] : undefined;
        if (number === undefined) throw wrong(`one of ${Object.keys(type.numbers).join(", ")}`);
        writer.tag(id, WIRE.varint).varint(number);
    } else {
        if (value === null || typeof value !== "object") throw wrong(`a ${type.name} object`);
        writer.embed(id, encode(type, value as Record<string, unknown>));
    }
}

/** A message's fields, written in parts: a message within it is copied once, by the outermost message's `finish`. */
function encode(type: MessageType, value: Record<string, unknown>): WireWriter {
    const writer = new WireWriter();
    for (const field of type.fields) {
        const fieldValue = value[field.name];
        if (fieldValue === undefined || fieldValue === null) continue;
        if (field.map) {
            for (const [key, entry] of Object.entries(fieldValue as Record<string, unknown>)) {
                const entryWriter = new WireWriter().lengthDelimited(1, Buffer.from(key, "utf8"));
                writeValue(entryWriter, field, 2, entry);
                writer.embed(field.id, entryWriter);
            }
        } else if (field.repeated) {
            if (!Array.isArray(fieldValue)) throw new TypeError(`${field.name} must be an array; got ${typeof fieldValue}`);
            for (const element of fieldValue) writeValue(writer, field, field.id, element);
        } else {
            writeValue(writer, field, field.id, fieldValue);
        }
    }
    return writer;
}

/** The wire type a value of `type` travels as. */
function valueWireType(type: Field["type"]): number {
    return type === "string" || type === "bytes" || (typeof type === "object" && type.kind === "message") ? WIRE.bytes : WIRE.varint;
}

/** The wire type `field` travels as: a map entry is a message. */
function wireTypeOf(field: Field): number {
    return field.map ? WIRE.bytes : valueWireType(field.type);
}

/**
 * Reads one value of `field` (its wire type checked by the caller); a message at nesting `depth`, merged into
 * `previous` when the field came before (protobuf's rule for a singular message field that comes twice).
 */
function readValue(reader: WireReader, field: Field, depth: number, previous?: unknown): unknown {
    const type = field.type;
    if (type === "string") return reader.string();
    if (type === "bytes") return reader.lengthDelimited();
    if (type === "bool") return reader.bool();
    if (type === "int64") return reader.int64();
    if (type.kind === "enum") {
        const number = reader.int32();
        return type.names.get(number) ?? number;
    }
    const into = previous !== null && typeof previous === "object" && !(previous instanceof Uint8Array) ? (previous as Record<string, unknown>) : {};
    return decode(type, reader.embedded(), depth + 1, into);
}

/** A map entry's key (field 1) and value (field 2); other fields, and these with another wire type, skipped. */
function readMapEntry(reader: WireReader, field: Field, depth: number): [string, unknown] {
    let key = "";
    let value: unknown = typeof field.type === "object" && field.type.kind === "message" ? {} : undefined;
    while (!reader.done()) {
        const { field: number, wireType } = reader.tag();
        if (number === 1 && wireType === WIRE.bytes) key = reader.string();
        else if (number === 2 && wireType === valueWireType(field.type)) value = readValue(reader, field, depth, value);
        else reader.skip(number, wireType, depth);
    }
    return [key, value];
}

/** Sets an own property, even one named `__proto__` (a map key from the wire). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Decodes `type` from the reader's bytes into `result` (a new object, or the same message read before, which this
 * one merges into), the message at nesting `depth` (the top-level message is 1).
 */
function decode(type: MessageType, reader: WireReader, depth: number, result: Record<string, unknown> = {}): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw new WireFormatError(`messages nest deeper than ${MAX_DEPTH}`, reader.position, `tfplugin6.${type.name}`);
    while (!reader.done()) {
        const { field: number, wireType } = reader.tag();
        const field = type.byNumber.get(number);
        if (!field || wireType !== wireTypeOf(field)) {
            // Unknown, or known with another wire type: skipped, as protobuf-go does (an end-group here closes nothing).
            reader.skip(number, wireType, depth);
            continue;
        }
        try {
            if (field.map) {
                const [key, value] = readMapEntry(reader.embedded(), field, depth + 1);
                define((result[field.name] ??= {}) as Record<string, unknown>, key, value);
            } else if (field.repeated) {
                ((result[field.name] ??= []) as unknown[]).push(readValue(reader, field, depth));
            } else {
                for (const sibling of field.oneofSiblings) delete result[sibling];
                result[field.name] = readValue(reader, field, depth, result[field.name]);
            }
        } catch (error) {
            throw error instanceof WireFormatError ? error.inField(field.path) : error;
        }
    }
    return result;
}

/** Encodes a plain object as the named message (`ReadDataSource.Response`): enums by name, int64 as numbers, bytes as Uint8Arrays. */
export function encodeMessage(name: MessageName, value: object): Buffer {
    return encode(messageType(name), value as Record<string, unknown>).finish();
}

/**
 * Decodes the named message into a plain object (enums by name, int64 as numbers, bytes as Buffers); malformed
 * bytes are refused with a {@link WireFormatError} naming the message, the field when known, and the byte.
 */
export function decodeMessage<M extends MessageName>(name: M, bytes: Uint8Array): Tfplugin6Message<M> {
    const type = messageType(name);
    try {
        return decode(type, new WireReader(bytes), 1) as Tfplugin6Message<M>;
    } catch (error) {
        throw error instanceof WireFormatError ? error.inField(`tfplugin6.${name}`) : error;
    }
}
