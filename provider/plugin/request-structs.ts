/**
 * The plugin's requests that carry properties (Check, Diff, Create, Read, Update, Invoke), their property Structs
 * read straight into JavaScript objects (`struct-decoding.ts`) rather than through google-protobuf's tree of
 * messages, which for a state holding 100,000 verifications grew the plugin by more than 500 MB. The rest of the
 * request is still google-protobuf's to read, so that every other field is read as before.
 *
 * The service definition's request deserializers are wrapped ({@link withDirectStructs}): each finds the request's
 * top-level property fields and reads those {@link decodeStruct} reads (every length within the request, nesting
 * bounded, the canonical form protobuf encoders write); the request's other bytes go to google-protobuf. Anything
 * else, a Struct in another form, a property field given twice (which protobuf merges), or bytes that do not parse
 * as fields, is google-protobuf's to read whole, as before, its errors included. The handlers read a property with
 * {@link requestProps}, which answers the decoded object, or the Struct google-protobuf read. Read's state and inputs,
 * which both hold the listing, are kept as bytes instead: of the state only the arguments are decoded
 * ({@link requestArguments}), and the inputs go back as they came ({@link takeRequestStruct}).
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Props } from "../wire-format";
import { secretNames, unknownNames } from "../wire-format";
import type * as StructDecoding from "./struct-decoding";

/** The property Structs' field numbers in each request (pulumi's provider.proto). */
export const REQUEST_STRUCT_FIELDS = {
    check: { olds: 2, news: 3 },
    diff: { olds: 3, news: 4, oldInputs: 6 },
    create: { properties: 2 },
    read: { properties: 3, inputs: 4 },
    update: { olds: 3, news: 4, oldInputs: 8 },
    invoke: { args: 2 },
} as const;

/**
 * The property fields kept as their bytes, checked ({@link StructDecoding.isCanonicalStruct}) but not decoded, until
 * the handler reads what it needs of them: Read's state, of which only the arguments are read
 * ({@link requestArguments}), and its inputs, which go back as they came ({@link takeRequestStruct}). Both hold
 * the whole listing.
 */
const KEPT_AS_BYTES: Partial<Record<keyof typeof REQUEST_STRUCT_FIELDS, readonly number[]>> = {
    read: [REQUEST_STRUCT_FIELDS.read.properties, REQUEST_STRUCT_FIELDS.read.inputs],
};

/** The objects read directly, and the fields kept as bytes, by request and field number. */
const decoded = new WeakMap<object, Map<number, Record<string, unknown> | Buffer>>();

/** A request's fields as found: each field's number, wire type, and where its value's bytes are. */
interface FoundField {
    field: number;
    start: number;
    valueStart: number;
    end: number;
    wireType: number;
}

/** The request's top-level fields, or undefined for bytes that do not parse as fields (google-protobuf's to refuse). */
function topLevelFields(bytes: Uint8Array): FoundField[] | undefined {
    const fields: FoundField[] = [];
    let at = 0;
    const varint = (): number | undefined => {
        let value = 0;
        for (let shift = 0, scale = 1; shift < 10; shift++, scale *= 128) {
            if (at >= bytes.length) return undefined;
            const byte = bytes[at++] as number;
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) return value;
        }
        return undefined;
    };
    while (at < bytes.length) {
        const start = at;
        const key = varint();
        if (key === undefined) return undefined;
        const wireType = key % 8;
        let valueStart = at;
        if (wireType === 0) {
            if (varint() === undefined) return undefined;
        } else if (wireType === 1 || wireType === 5) at += wireType === 1 ? 8 : 4;
        else if (wireType === 2) {
            const length = varint();
            if (length === undefined) return undefined;
            valueStart = at;
            at += length;
        } else return undefined; // groups, and wire types 6 and 7
        if (at > bytes.length) return undefined;
        fields.push({ field: Math.floor(key / 8), start, valueStart, end: at, wireType });
    }
    return fields;
}

/**
 * Reads `bytes` as `deserialize` does, but with the property fields numbered `structFields` read directly when
 * {@link StructDecoding.decodeStruct} reads them, or, for those of `keptFields`, kept as their bytes when
 * {@link StructDecoding.isCanonicalStruct} accepts them; undefined when none is (the caller deserializes the whole).
 */
function readWithDirectStructs<R extends object>(
    bytes: Uint8Array,
    structFields: readonly number[],
    keptFields: readonly number[],
    deserialize: (rest: Buffer) => R,
): R | undefined {
    const fields = topLevelFields(bytes);
    if (!fields) return undefined;
    const wanted = fields.filter((f) => structFields.includes(f.field));
    if (wanted.length === 0 || new Set(wanted.map((f) => f.field)).size !== wanted.length || wanted.some((f) => f.wireType !== 2)) return undefined;
    const { decodeStruct, isCanonicalStruct } = require("./struct-decoding") as typeof StructDecoding;
    const structs = new Map<number, Record<string, unknown> | Buffer>();
    const kept: Uint8Array[] = [];
    let last = 0;
    for (const field of wanted) {
        const slice = Buffer.from(bytes.buffer, bytes.byteOffset + field.valueStart, field.end - field.valueStart);
        const value = keptFields.includes(field.field) ? (isCanonicalStruct(slice) ? slice : undefined) : decodeStruct(slice);
        if (value === undefined) continue;
        structs.set(field.field, value);
        kept.push(bytes.subarray(last, field.start));
        last = field.end;
    }
    if (structs.size === 0) return undefined;
    kept.push(bytes.subarray(last));
    const request = deserialize(Buffer.concat(kept));
    decoded.set(request, structs);
    return request;
}

/** A gRPC method's definition, as far as it is wrapped here. */
interface MethodDefinition {
    requestDeserialize: (bytes: Buffer) => unknown;
}

/** `definition` (a generated service's) with the requests of {@link REQUEST_STRUCT_FIELDS} read by {@link readWithDirectStructs}. */
export function withDirectStructs<D extends object>(definition: D): D {
    const wrapped: Record<string, unknown> = { ...(definition as Record<string, unknown>) };
    for (const [method, numbers] of Object.entries(REQUEST_STRUCT_FIELDS)) {
        const original = (definition as Record<string, MethodDefinition | undefined>)[method];
        if (!original) continue;
        const structFields = Object.values(numbers) as number[];
        const keptFields = KEPT_AS_BYTES[method as keyof typeof REQUEST_STRUCT_FIELDS] ?? [];
        const deserialize = (bytes: Buffer) => original.requestDeserialize(bytes) as object;
        wrapped[method] = {
            ...original,
            requestDeserialize: (bytes: Buffer) => readWithDirectStructs(bytes, structFields, keptFields, deserialize) ?? deserialize(bytes),
        };
    }
    return wrapped as D;
}

/**
 * The properties in field `field` of `request`: the object read directly, else what google-protobuf read
 * (`struct`, the field's getter's answer) as JavaScript; undefined when the request has no such field.
 */
export function requestProps(request: object, field: number, struct: Struct | undefined): Props | undefined {
    const value = decoded.get(request)?.get(field);
    if (Buffer.isBuffer(value)) return (require("./struct-decoding") as typeof StructDecoding).decodeStruct(value);
    return value ?? (struct?.toJavaScript() as Props | undefined);
}

/**
 * Of the properties in field `field` of `request`, those `names`, and what {@link StructDecoding.StructArguments}
 * tells of the others: decoded from the field's bytes when it was kept as bytes (the others are not built; the
 * request lets go of the bytes, so this reads them once), else from the properties {@link requestProps} answers.
 * Undefined when the request has no such field.
 */
export function requestArguments(
    request: object,
    field: number,
    names: readonly string[],
    struct: Struct | undefined,
): StructDecoding.StructArguments | undefined {
    const fields = decoded.get(request);
    const value = fields?.get(field);
    const wanted = new Set(names);
    if (Buffer.isBuffer(value)) {
        fields?.delete(field); // read once: the request's bytes need not outlive it
        return (require("./struct-decoding") as typeof StructDecoding).decodeStructArguments(value, wanted);
    }
    const props = requestProps(request, field, struct);
    if (props === undefined) return undefined;
    const picked: Props = {};
    for (const key of Object.keys(props)) if (wanted.has(key)) picked[key] = props[key];
    return { props: picked, size: Object.keys(props).length, secret: secretNames(props), unknown: unknownNames(props) };
}

/**
 * The Struct of field `field` of `request` as its bytes, when they were kept ({@link KEPT_AS_BYTES}): a copy, and
 * the request lets go of them (so the request's bytes can be freed while the call goes on). Undefined otherwise
 * (the field absent, or read by google-protobuf).
 */
export function takeRequestStruct(request: object, field: number): Buffer | undefined {
    const fields = decoded.get(request);
    const value = fields?.get(field);
    if (!Buffer.isBuffer(value)) return undefined;
    fields?.delete(field);
    return Buffer.from(value);
}

/**
 * A Struct that goes back as it came (Read's inputs), from its bytes ({@link takeRequestStruct}): the bytes as they
 * are when they are those google-protobuf writes again for what they hold ({@link StructDecoding.isExactStruct});
 * else those bytes with each Struct's entries sorted, when that makes them so (the engine's Go writes a map's
 * entries in any order: {@link StructDecoding.sortedStruct}); else that object, to be written again. The same bytes
 * each way.
 */
export function returnedStruct(bytes: Buffer): Uint8Array | Props {
    const { decodeStruct, isExactStruct, sortedStruct } = require("./struct-decoding") as typeof StructDecoding;
    if (isExactStruct(bytes)) return bytes;
    const sorted = sortedStruct(bytes);
    return sorted && isExactStruct(sorted) ? sorted : (decodeStruct(bytes) ?? {});
}
