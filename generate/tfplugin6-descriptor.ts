/**
 * Writes `provider/terraform/tfplugin6-descriptor.ts`: the messages of `tfplugin6-selection.ts`, each with the
 * selected fields' numbers, types and labels as the upstream proto declares them, the enums they use, and the RPCs
 * answered (each checked to be a unary RPC of `tfplugin6.Provider` from `X.Request` to `X.Response`). A selected
 * name upstream does not have, a type the codec does not read, or a message named but never reached is refused,
 * naming it. The provider's codec reads the written constant; no protobufjs at run time.
 */
import * as protobuf from "protobufjs";
import { SELECTED_FIELDS, SELECTED_RPCS } from "./tfplugin6-selection";
import { moduleAtVersion, ModuleProto } from "./upstream-tfplugin6";

/** The generated file, relative to the repository. */
export const TFPLUGIN6_DESCRIPTOR_FILE = "provider/terraform/tfplugin6-descriptor.ts";

/** The scalar types the codec reads and writes (`tfplugin6-codec.ts`). */
export const CODEC_SCALARS = ["bytes", "string", "bool", "int64"] as const;

/** A field as the generated descriptor writes it. */
export interface GeneratedField {
    id: number;
    type: (typeof CODEC_SCALARS)[number] | "message" | "enum";
    /** The message or enum, by its name in package `tfplugin6`. */
    ref?: string;
    repeated?: true;
    /** A `map<string, ...>`: `type` and `ref` are the values'. */
    map?: true;
    /** proto3 `optional` (explicit presence). */
    optional?: true;
    /** The oneof it is a member of. */
    oneof?: string;
}

/** The generated descriptor: messages (field name to field) and enums (value name to number). */
export interface GeneratedDescriptor {
    messages: Record<string, Record<string, GeneratedField>>;
    enums: Record<string, Record<string, number>>;
    rpcs: string[];
}

/** What to take from upstream: the RPCs answered, and the fields used of each message. */
export interface Tfplugin6Selection {
    rpcs: readonly string[];
    fields: Readonly<Record<string, readonly string[]>>;
}

/** The provider's selection (`tfplugin6-selection.ts`). */
export const PROVIDER_SELECTION: Tfplugin6Selection = { rpcs: SELECTED_RPCS, fields: SELECTED_FIELDS };

const PACKAGE = "tfplugin6";

/** `.tfplugin6.Schema.Block` -> `Schema.Block`; refused for a type of another package. */
function localName(fullName: string): string {
    const prefix = `.${PACKAGE}.`;
    if (!fullName.startsWith(prefix)) throw new Error(`${fullName} is outside package ${PACKAGE}`);
    return fullName.slice(prefix.length);
}

/** One selected field as the descriptor writes it, from upstream's; refused when the codec cannot read it. */
function fieldOf(message: string, field: protobuf.Field): GeneratedField {
    const where = `${PACKAGE}.${message}.${field.name}`;
    const out: GeneratedField = { id: field.id, type: "message" };
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Type) out.ref = localName(resolved.fullName);
    else if (resolved instanceof protobuf.Enum) Object.assign(out, { type: "enum", ref: localName(resolved.fullName) });
    else if ((CODEC_SCALARS as readonly string[]).includes(field.type)) out.type = field.type as GeneratedField["type"];
    else throw new Error(`${where} is of type ${field.type}, which the codec does not read (it reads ${CODEC_SCALARS.join(", ")}, enums and messages)`);
    if (field instanceof protobuf.MapField) {
        if (field.keyType !== "string") throw new Error(`${where} is a map with ${field.keyType} keys; the codec reads string keys only`);
        out.map = true;
    } else if (field.repeated) out.repeated = true;
    if (field.options?.proto3_optional === true) out.optional = true;
    else if (field.partOf) out.oneof = field.partOf.name;
    return out;
}

/** The descriptor of the selection, from upstream's root; throws naming whatever of the selection upstream lacks. */
export function selectedDescriptor(root: protobuf.Root, selection: Tfplugin6Selection = PROVIDER_SELECTION): GeneratedDescriptor {
    const service = root.lookupService(`${PACKAGE}.Provider`);
    for (const rpc of selection.rpcs) {
        const method = service.methods[rpc];
        if (!method) throw new Error(`${PACKAGE}.Provider has no RPC ${rpc}`);
        if (method.requestStream || method.responseStream) throw new Error(`${PACKAGE}.Provider/${rpc} streams; the server answers unary RPCs only`);
        for (const [given, expected] of [
            [method.resolvedRequestType?.fullName, `${rpc}.Request`],
            [method.resolvedResponseType?.fullName, `${rpc}.Response`],
        ] as const)
            if (given !== `.${PACKAGE}.${expected}`) throw new Error(`${PACKAGE}.Provider/${rpc} uses ${given}, not ${expected}`);
    }
    const messages: GeneratedDescriptor["messages"] = {};
    const enums: GeneratedDescriptor["enums"] = {};
    const reached = new Set<string>();
    const visit = (message: string): void => {
        if (reached.has(message)) return;
        reached.add(message);
        const selected = selection.fields[message];
        if (!selected) throw new Error(`${PACKAGE}.${message} is used but not selected: add its fields to the selection`);
        const type = root.lookupType(`${PACKAGE}.${message}`);
        const fields: Record<string, GeneratedField> = {};
        messages[message] = fields;
        for (const name of selected) {
            const field = type.fields[name];
            if (!field) throw new Error(`${PACKAGE}.${message} has no field ${name} (it has ${type.fieldsArray.map((f) => f.name).join(", ") || "none"})`);
            const generated = fieldOf(message, field);
            fields[name] = generated;
            if (generated.type === "enum" && generated.ref) enums[generated.ref] = { ...(field.resolvedType as protobuf.Enum).values };
            if (generated.type === "message" && generated.ref) visit(generated.ref);
        }
    };
    for (const rpc of selection.rpcs) for (const side of ["Request", "Response"]) visit(`${rpc}.${side}`);
    const unreached = Object.keys(selection.fields).filter((name) => !reached.has(name));
    if (unreached.length > 0) throw new Error(`selected but used by no selected RPC: ${unreached.join(", ")}`);
    return { messages, enums, rpcs: [...selection.rpcs] };
}

/** The generated file's source (unformatted: generate/main.ts formats it). */
export function tfplugin6DescriptorSource(root: protobuf.Root, upstream: ModuleProto): string {
    const { messages, enums, rpcs } = selectedDescriptor(root);
    const json = (value: unknown) => JSON.stringify(value);
    return `// Generated by \`npm run generate\` from ${upstream.file} of ${moduleAtVersion(upstream)} and
// generate/tfplugin6-selection.ts (generate/tfplugin6-descriptor.ts): edit the selection, not this file.

/**
 * The part of Terraform's plugin protocol 6 that this provider reads or writes: each message's selected fields
 * (camelCase, as protobufjs names them; only the numbers travel) with upstream's number, type and labels, and the
 * enums they use, by name in package \`tfplugin6\`. \`tfplugin6-codec.ts\` encodes and decodes from it;
 * \`tfplugin6-messages.ts\` derives the TypeScript types of the messages from it.
 */
export const TFPLUGIN6_DESCRIPTOR = {
    messages: ${json(messages)},
    enums: ${json(enums)},
} as const;

/** The RPCs this provider answers, each by the name of its request and response messages' parent. */
export const PROVIDER_RPCS = ${json(rpcs)} as const;

/** One of {@link PROVIDER_RPCS}. */
export type ProviderRpc = (typeof PROVIDER_RPCS)[number];
`;
}
