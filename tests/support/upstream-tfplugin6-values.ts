/**
 * The upstream `tfplugin6.proto` (terraform-plugin-go's, fetched with `go mod download`) loaded by protobufjs, as
 * the reference the provider's codec is held to: its encoder and decoder, fast-check values of its messages (every
 * upstream field, or only those of the provider's descriptor), and an upstream object cut down to the descriptor's
 * fields, which is what the provider's decoder should give for it.
 */
import fc from "fast-check";
import * as protobuf from "protobufjs";
import { loadProto, UPSTREAM_TFPLUGIN6 } from "../../generate/upstream-tfplugin6";
import { TFPLUGIN6_DESCRIPTOR } from "../../provider/terraform/tfplugin6-descriptor";

/** The descriptor's messages, by name in package `tfplugin6`. */
const OUR_MESSAGES = TFPLUGIN6_DESCRIPTOR.messages as Readonly<Record<string, Readonly<Record<string, { type: string; ref?: string }>>>>;

/** Upstream's root, loaded once. */
export function upstreamRoot(): protobuf.Root {
    return loadProto(UPSTREAM_TFPLUGIN6);
}

/** An upstream message by its name in package `tfplugin6` (`ReadDataSource.Request`). */
export function upstreamType(name: string): protobuf.Type {
    return upstreamRoot().lookupType(`tfplugin6.${name}`);
}

/** protobufjs's encoding of a plain object as the named upstream message. */
export function referenceEncode(name: string, value: object): Buffer {
    const type = upstreamType(name);
    return Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());
}

/** protobufjs's decoding, as a plain object (enums by name, int64 as numbers, absent fields left out). */
export function referenceDecode(name: string, bytes: Uint8Array, options: protobuf.IConversionOptions = {}): Record<string, unknown> {
    const type = upstreamType(name);
    return type.toObject(type.decode(bytes), { enums: String, longs: Number, ...options });
}

/** `.tfplugin6.Schema.Block` -> `Schema.Block`. */
const localName = (type: protobuf.Type) => type.fullName.replace(/^\.tfplugin6\./, "");

/** Whether values are drawn for every upstream field, or only for the fields the provider's descriptor has. */
export type FieldChoice = "all upstream fields" | "our fields";

/** Values of an upstream message, nested messages down to `depth`; at most one member of each oneof. */
export function messageValues(type: protobuf.Type, depth: number, choice: FieldChoice): fc.Arbitrary<Record<string, unknown>> {
    const ours = choice === "our fields" ? (OUR_MESSAGES[localName(type)] ?? {}) : undefined;
    const chosen = type.fieldsArray.filter((field) => !ours || field.name in ours);
    const oneofMembers = new Set(type.oneofsArray.flatMap((o) => o.oneof));
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of chosen) {
        field.resolve();
        if (oneofMembers.has(field.name)) continue;
        const single = fieldValues(field, depth, choice);
        if (!single) continue;
        if (field.map) fields[field.name] = fc.dictionary(fc.string({ maxLength: 6 }), single, { maxKeys: 2 });
        else if (field.repeated) fields[field.name] = fc.array(single, { maxLength: 3 });
        else fields[field.name] = single;
    }
    const plain = fc.record(fields, { requiredKeys: [] });
    const members = type.oneofsArray.map((oneof) =>
        fc.oneof(
            fc.constant({}),
            ...oneof.fieldsArray
                .filter((field) => chosen.includes(field))
                .flatMap((field) => {
                    field.resolve();
                    const values = fieldValues(field, depth, choice);
                    return values ? [fc.record({ [field.name]: values })] : [];
                }),
        ),
    );
    return fc.tuple(plain, ...members).map((parts) => Object.assign({}, ...parts) as Record<string, unknown>);
}

/** Values of one field (an element, for repeated fields and maps); none for a message below the depth. */
function fieldValues(field: protobuf.Field, depth: number, choice: FieldChoice): fc.Arbitrary<unknown> | undefined {
    switch (field.type) {
        case "string":
            return fc.string({ maxLength: 8, unit: "binary" });
        case "bytes":
            return fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes));
        case "bool":
            return fc.boolean();
        case "int64":
        case "sint64":
        case "sfixed64":
            return fc.oneof(fc.integer(), fc.integer({ min: -3, max: 3 }), fc.maxSafeInteger(), fc.constantFrom(2 ** 31, -(2 ** 31), 2 ** 40, -(2 ** 40)));
        case "uint64":
        case "fixed64":
            return fc.oneof(fc.nat(), fc.maxSafeNat());
        case "int32":
        case "sint32":
        case "sfixed32":
            return fc.integer();
        case "uint32":
        case "fixed32":
            return fc.nat({ max: 2 ** 32 - 1 });
        case "double":
        case "float":
            return fc.integer({ min: -1000, max: 1000 });
    }
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) return fc.constantFrom(...Object.keys(resolved.values));
    if (resolved instanceof protobuf.Type) return depth > 0 ? messageValues(resolved, depth - 1, choice) : undefined;
    throw new Error(`no values for ${field.type}`);
}

/** An upstream object cut down to the fields of the provider's descriptor, nested messages too. */
export function ourFieldsOf(name: string, value: Record<string, unknown>): Record<string, unknown> {
    const fields = OUR_MESSAGES[name];
    if (!fields) throw new Error(`the descriptor has no message ${name}`);
    const out: Record<string, unknown> = {};
    for (const [field, descriptor] of Object.entries(fields)) {
        const fieldValue = value[field];
        if (fieldValue === undefined) continue;
        if (descriptor.type !== "message" || !descriptor.ref) out[field] = fieldValue;
        else {
            const ref = descriptor.ref;
            const cut = (element: unknown) => ourFieldsOf(ref, element as Record<string, unknown>);
            if (Array.isArray(fieldValue)) out[field] = fieldValue.map(cut);
            else if ((descriptor as { map?: boolean }).map) out[field] = Object.fromEntries(Object.entries(fieldValue as object).map(([k, v]) => [k, cut(v)]));
            else out[field] = cut(fieldValue);
        }
    }
    return out;
}
