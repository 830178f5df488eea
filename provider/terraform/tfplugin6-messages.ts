/** The `tfplugin6` messages this provider reads and writes, as plain objects (see `tfplugin6-descriptor.ts`). */

/** A value, as cty's msgpack (or JSON) bytes. */
export interface DynamicValue {
    msgpack?: Uint8Array;
    json?: Uint8Array;
}

/** One step of an attribute path: an attribute, or an element of a list or map. */
export type AttributePathStep = { attributeName: string } | { elementKeyInt: number } | { elementKeyString: string };

/** A diagnostic, shown by the CLI against the configuration (at `attribute`, when given). */
export interface Diagnostic {
    severity: "ERROR" | "WARNING";
    summary: string;
    detail?: string;
    attribute?: { steps: AttributePathStep[] };
}

/** A schema attribute; `type` is cty's type JSON, as bytes. */
export interface SchemaAttribute {
    name: string;
    type: Uint8Array;
    description: string;
    descriptionKind?: "PLAIN" | "MARKDOWN";
    required?: boolean;
    optional?: boolean;
    computed?: boolean;
    sensitive?: boolean;
}

/** A schema block: attributes and nested blocks. */
export interface SchemaBlock {
    version?: number;
    attributes: SchemaAttribute[];
    blockTypes: SchemaNestedBlock[];
    description?: string;
    descriptionKind?: "PLAIN" | "MARKDOWN";
}

/** A nested block (`assume_role { ... }`). */
export interface SchemaNestedBlock {
    typeName: string;
    block: SchemaBlock;
    nesting: "SINGLE" | "LIST" | "SET" | "MAP" | "GROUP";
    minItems?: number;
    maxItems?: number;
}

/** A schema: the provider's, or a data source's. */
export interface Schema {
    version: number;
    block: SchemaBlock;
}

/** What the client can do beyond the protocol's minimum. */
export interface ClientCapabilities {
    deferralAllowed?: boolean;
}

/** ValidateProviderConfig's request: the provider block. */
export interface ValidateProviderConfigRequest {
    config?: DynamicValue;
}
/** ConfigureProvider's request: the provider block, and what the CLI can do. */
export interface ConfigureProviderRequest {
    terraformVersion?: string;
    config?: DynamicValue;
    clientCapabilities?: ClientCapabilities;
}
/** ValidateDataResourceConfig's request: a data source's type and configuration. */
export interface ValidateDataResourceConfigRequest {
    typeName?: string;
    config?: DynamicValue;
}
/** ReadDataSource's request: a data source's type and configuration, and what the CLI can do. */
export interface ReadDataSourceRequest {
    typeName?: string;
    config?: DynamicValue;
    clientCapabilities?: ClientCapabilities;
}

/** The answer of a read: the state, or a deferral, and diagnostics. */
export interface ReadDataSourceResponse {
    state?: DynamicValue;
    diagnostics: Diagnostic[];
    deferred?: { reason: "RESOURCE_CONFIG_UNKNOWN" | "PROVIDER_CONFIG_UNKNOWN" };
}

/** The answer of GetProviderSchema. */
export interface GetProviderSchemaResponse {
    provider: Schema;
    resourceSchemas: Record<string, Schema>;
    dataSourceSchemas: Record<string, Schema>;
    diagnostics: Diagnostic[];
    serverCapabilities: { getProviderSchemaOptional?: boolean; planDestroy?: boolean };
}
