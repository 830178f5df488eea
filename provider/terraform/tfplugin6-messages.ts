/**
 * The `tfplugin6` messages this provider reads and writes, as plain objects: their TypeScript types computed from
 * the generated descriptor (`tfplugin6-descriptor.ts`), so that no field exists here that the codec does not read
 * and write. The named types below narrow those (a field required, an enum's values restricted), and may only
 * narrow: {@link Narrow} refuses a field the message does not have, or a type its field does not accept.
 */
import type { TFPLUGIN6_DESCRIPTOR } from "./tfplugin6-descriptor";

type Messages = (typeof TFPLUGIN6_DESCRIPTOR)["messages"];
type Enums = (typeof TFPLUGIN6_DESCRIPTOR)["enums"];

/** A message's name in package `tfplugin6`, as the descriptor has it (`ReadDataSource.Request`). */
export type MessageName = keyof Messages;

/** The JavaScript types of the scalar types the descriptor uses (int64 as a number, as protobufjs's `longs: Number`). */
interface ScalarTypes {
    bytes: Uint8Array;
    string: string;
    bool: boolean;
    int64: number;
}

/** An enum's value names. */
type EnumName<E extends keyof Enums> = keyof Enums[E] & string;

/** One value of a field: a message, an enum (by name; a number the enum has no name for stays a number), a scalar. */
type SingleValue<F> = F extends { type: "message"; ref: infer M extends MessageName }
    ? Tfplugin6Message<M>
    : F extends { type: "enum"; ref: infer E extends keyof Enums }
      ? EnumName<E> | number
      : F extends { type: infer S extends keyof ScalarTypes }
        ? ScalarTypes[S]
        : never;

/** A field's value: a map by string key, an array, or one value. */
type FieldValue<F> = F extends { map: true } ? Record<string, SingleValue<F>> : F extends { repeated: true } ? SingleValue<F>[] : SingleValue<F>;

/** A message as the codec reads and writes it: every field of the descriptor, each optional (absent when unset). */
export type Tfplugin6Message<M extends MessageName> = { -readonly [K in keyof Messages[M]]?: FieldValue<Messages[M][K]> };

/** `T` with the fields of `R` in its fields' place: `R` may only name fields of `T`, each of a type `T`'s accepts. */
type Narrow<T, R extends { [K in keyof R]: K extends keyof T ? NonNullable<T[K]> : never }> = Omit<T, keyof R> & R;

/** Exactly one member of a oneof. */
type OneOf<T> = { [K in keyof T]-?: { [P in K]-?: NonNullable<T[P]> } }[keyof T];

/** How a description is written. */
type StringKind = EnumName<"StringKind">;

/** A value, as cty's msgpack (or JSON) bytes. */
export type DynamicValue = Tfplugin6Message<"DynamicValue">;

/** One step of an attribute path: an attribute, or an element of a list or map. */
export type AttributePathStep = OneOf<Tfplugin6Message<"AttributePath.Step">>;

/** A diagnostic, shown by the CLI against the configuration (at `attribute`, when given). */
export type Diagnostic = Narrow<
    Tfplugin6Message<"Diagnostic">,
    { severity: Exclude<EnumName<"Diagnostic.Severity">, "INVALID">; summary: string; attribute?: { steps: AttributePathStep[] } }
>;

/** A schema attribute; `type` is cty's type JSON, as bytes. */
export type SchemaAttribute = Narrow<
    Tfplugin6Message<"Schema.Attribute">,
    { name: string; type: Uint8Array; description: string; descriptionKind?: StringKind }
>;

/** A schema block: attributes and nested blocks. */
export type SchemaBlock = Narrow<
    Tfplugin6Message<"Schema.Block">,
    { attributes: SchemaAttribute[]; blockTypes: SchemaNestedBlock[]; descriptionKind?: StringKind }
>;

/** A nested block (`assume_role { ... }`). */
export type SchemaNestedBlock = Narrow<
    Tfplugin6Message<"Schema.NestedBlock">,
    { typeName: string; block: SchemaBlock; nesting: Exclude<EnumName<"Schema.NestedBlock.NestingMode">, "INVALID"> }
>;

/** A schema: the provider's, or a data source's. */
export type Schema = Narrow<Tfplugin6Message<"Schema">, { version: number; block: SchemaBlock }>;

/** What the client can do beyond the protocol's minimum. */
export type ClientCapabilities = Tfplugin6Message<"ClientCapabilities">;

/** ValidateProviderConfig's request: the provider block. */
export type ValidateProviderConfigRequest = Tfplugin6Message<"ValidateProviderConfig.Request">;
/** ConfigureProvider's request: the provider block, and what the CLI can do. */
export type ConfigureProviderRequest = Tfplugin6Message<"ConfigureProvider.Request">;
/** ValidateDataResourceConfig's request: a data source's type and configuration. */
export type ValidateDataResourceConfigRequest = Tfplugin6Message<"ValidateDataResourceConfig.Request">;
/** ReadDataSource's request: a data source's type and configuration, and what the CLI can do. */
export type ReadDataSourceRequest = Tfplugin6Message<"ReadDataSource.Request">;

/** The answer of a read: the state, or a deferral, and diagnostics. */
export type ReadDataSourceResponse = Narrow<
    Tfplugin6Message<"ReadDataSource.Response">,
    { diagnostics: Diagnostic[]; deferred?: { reason: "RESOURCE_CONFIG_UNKNOWN" | "PROVIDER_CONFIG_UNKNOWN" } }
>;

/** The answer of GetProviderSchema. */
export type GetProviderSchemaResponse = Narrow<
    Tfplugin6Message<"GetProviderSchema.Response">,
    { provider: Schema; resourceSchemas: Record<string, Schema>; dataSourceSchemas: Record<string, Schema>; diagnostics: Diagnostic[] }
>;
