/**
 * Encoding and decoding of the `tfplugin6` messages, read from the JSON descriptor (`tfplugin6-descriptor.ts`)
 * over the wire format of `protobuf-wire.ts`. Plain objects in and out, as protobufjs gives them with
 * `toObject(..., { enums: String, longs: Number })`: fields in camelCase, enums by name, int64 as numbers, bytes
 * as Buffers, absent fields left out. Written here rather than loaded from protobufjs, whose load and generated
 * code cost 15-25 ms at each of the three starts of a plan; `tests/terraform/tfplugin6-codec.test.ts` holds the
 * two to the same bytes and objects.
 */
import { WIRE, WireFormatError, WireReader, WireWriter } from "./protobuf-wire";
import { TFPLUGIN6_DESCRIPTOR } from "./tfplugin6-descriptor";

/** A field as the descriptor writes it. */
interface FieldDescriptor {
    type: string;
    id: number;
    rule?: string;
    keyType?: string;
}

/** A message or enum as the descriptor writes it. */
interface TypeDescriptor {
    fields?: Record<string, FieldDescriptor>;
    values?: Record<string, number>;
    nested?: Record<string, TypeDescriptor>;
}

/** The scalar types `tfplugin6`'s messages use here. */
type Scalar = "bytes" | "string" | "bool" | "int64";
const SCALARS: readonly string[] = ["bytes", "string", "bool", "int64"];

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
    id: number;
    repeated: boolean;
    /** A `map<string, ...>` field: entries of key (1) and value (2). */
    map: boolean;
    type: Scalar | EnumType | MessageType;
}

let types: Map<string, EnumType | MessageType> | undefined;

/** Every message and enum by full name (`tfplugin6.Schema.Block`), fields resolved by protobuf's scoping rules. */
function registry(): Map<string, EnumType | MessageType> {
    if (types) return types;
    const found = new Map<string, { descriptor: TypeDescriptor; type: EnumType | MessageType }>();
    const collect = (scope: string, nested: Record<string, TypeDescriptor>) => {
        for (const [name, descriptor] of Object.entries(nested)) {
            const full = scope ? `${scope}.${name}` : name;
            if (descriptor.values) {
                const numbers = descriptor.values;
                found.set(full, { descriptor, type: { kind: "enum", name: full, numbers, names: new Map(Object.entries(numbers).map(([n, v]) => [v, n])) } });
            } else if (descriptor.fields) {
                found.set(full, { descriptor, type: { kind: "message", name: full, fields: [], byNumber: new Map() } });
            }
            if (descriptor.nested) collect(full, descriptor.nested);
        }
    };
    collect("", TFPLUGIN6_DESCRIPTOR.nested as Record<string, TypeDescriptor>);
    // Protobuf's scoping: a type name is looked up in the message's scope, then each enclosing one.
    const lookUp = (scope: string, name: string): EnumType | MessageType => {
        for (let at = scope; ; at = at.slice(0, Math.max(0, at.lastIndexOf(".")))) {
            const hit = found.get(at ? `${at}.${name}` : name);
            if (hit) return hit.type;
            if (!at) throw new Error(`tfplugin6 descriptor: no type ${name} from ${scope}`);
        }
    };
    for (const [full, { descriptor, type }] of found) {
        if (type.kind !== "message") continue;
        for (const [name, field] of Object.entries(descriptor.fields ?? {})) {
            const resolved: Field = {
                name,
                id: field.id,
                repeated: field.rule === "repeated",
                map: field.keyType !== undefined,
                type: SCALARS.includes(field.type) ? (field.type as Scalar) : lookUp(full, field.type),
            };
            type.fields.push(resolved);
            type.byNumber.set(field.id, resolved);
        }
        type.fields.sort((a, b) => a.id - b.id);
    }
    types = new Map([...found].map(([name, { type }]) => [name, type]));
    return types;
}

function messageType(name: string): MessageType {
    const type = registry().get(`tfplugin6.${name}`);
    if (type?.kind !== "message") throw new Error(`tfplugin6 has no message ${name}`);
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
        writer.lengthDelimited(id, encode(type, value as Record<string, unknown>));
    }
}

function encode(type: MessageType, value: Record<string, unknown>): Buffer {
    const writer = new WireWriter();
    for (const field of type.fields) {
        const fieldValue = value[field.name];
        if (fieldValue === undefined || fieldValue === null) continue;
        if (field.map) {
            for (const [key, entry] of Object.entries(fieldValue as Record<string, unknown>)) {
                const entryWriter = new WireWriter().lengthDelimited(1, Buffer.from(key, "utf8"));
                writeValue(entryWriter, field, 2, entry);
                writer.lengthDelimited(field.id, entryWriter.finish());
            }
        } else if (field.repeated) {
            if (!Array.isArray(fieldValue)) throw new TypeError(`${field.name} must be an array; got ${typeof fieldValue}`);
            for (const element of fieldValue) writeValue(writer, field, field.id, element);
        } else {
            writeValue(writer, field, field.id, fieldValue);
        }
    }
    return writer.finish();
}

/** The wire type a value of `type` travels as. */
function valueWireType(type: Field["type"]): number {
    return type === "string" || type === "bytes" || (typeof type === "object" && type.kind === "message") ? WIRE.bytes : WIRE.varint;
}

/** The wire type `field` travels as: a map entry is a message. */
function wireTypeOf(field: Field): number {
    return field.map ? WIRE.bytes : valueWireType(field.type);
}

/** Reads one value of `field` (its wire type checked by the caller). */
function readValue(reader: WireReader, field: Field): unknown {
    const type = field.type;
    if (type === "string") return reader.lengthDelimited().toString("utf8");
    if (type === "bytes") return reader.lengthDelimited();
    if (type === "bool") return reader.varint() !== 0;
    if (type === "int64") return reader.varint();
    if (type.kind === "enum") {
        const number = reader.varint();
        return type.names.get(number) ?? number;
    }
    const bytes = reader.lengthDelimited();
    return decode(type, bytes);
}

/** A map entry's key (field 1) and value (field 2). */
function readMapEntry(bytes: Buffer, field: Field): [string, unknown] {
    const reader = new WireReader(bytes);
    let key = "";
    let value: unknown = typeof field.type === "object" && field.type.kind === "message" ? {} : undefined;
    while (!reader.done()) {
        const { field: number, wireType } = reader.tag();
        if (number === 1 && wireType === WIRE.bytes) key = reader.lengthDelimited().toString("utf8");
        else if (number === 2 && wireType === valueWireType(field.type)) value = readValue(reader, field);
        else reader.skip(wireType);
    }
    return [key, value];
}

function decode(type: MessageType, bytes: Uint8Array): Record<string, unknown> {
    const reader = new WireReader(bytes);
    const result: Record<string, unknown> = {};
    while (!reader.done()) {
        const { field: number, wireType } = reader.tag();
        const field = type.byNumber.get(number);
        if (!field) {
            reader.skip(wireType);
            continue;
        }
        if (wireType !== wireTypeOf(field)) throw new WireFormatError(`${type.name}.${field.name} came as wire type ${wireType}`);
        if (field.map) {
            const [key, value] = readMapEntry(reader.lengthDelimited(), field);
            ((result[field.name] ??= {}) as Record<string, unknown>)[key] = value;
        } else if (field.repeated) {
            ((result[field.name] ??= []) as unknown[]).push(readValue(reader, field));
        } else {
            result[field.name] = readValue(reader, field);
        }
    }
    return result;
}

/** Encodes a plain object as the named message (`ReadDataSource.Response`): enums by name, int64 as numbers, bytes as Uint8Arrays. */
export function encodeMessage(name: string, value: object): Buffer {
    return encode(messageType(name), value as Record<string, unknown>);
}

/** Decodes the named message into a plain object (enums by name, int64 as numbers, bytes as Buffers). */
export function decodeMessage<T>(name: string, bytes: Uint8Array): T {
    return decode(messageType(name), bytes) as T;
}
