/**
 * What of `tfplugin6` this provider uses: the RPCs it answers and, for each message it reads or writes, the fields
 * it reads or writes, by the names protobufjs gives them (camelCase). `npm run generate` takes every number, type
 * and label from the upstream proto (`upstream-tfplugin6.ts`) and writes `provider/terraform/tfplugin6-descriptor.ts`;
 * nothing here but names. A message a selected field refers to must be selected too; enums come whole.
 */

/** The `tfplugin6.Provider` RPCs answered, each by the name of its request and response messages' parent. */
export const SELECTED_RPCS = [
    "GetMetadata",
    "GetProviderSchema",
    "GetResourceIdentitySchemas",
    "GetFunctions",
    "ValidateProviderConfig",
    "ConfigureProvider",
    "ValidateDataResourceConfig",
    "ReadDataSource",
    "StopProvider",
] as const;

/** The fields used of each message, by the message's name in package `tfplugin6` (every RPC's Request and Response). */
export const SELECTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
    DynamicValue: ["msgpack", "json"],
    Diagnostic: ["severity", "summary", "detail", "attribute"],
    AttributePath: ["steps"],
    "AttributePath.Step": ["attributeName", "elementKeyString", "elementKeyInt"],
    Schema: ["version", "block"],
    "Schema.Block": ["version", "attributes", "blockTypes", "description", "descriptionKind", "deprecated"],
    "Schema.Attribute": ["name", "type", "description", "required", "optional", "computed", "sensitive", "descriptionKind", "deprecated"],
    "Schema.NestedBlock": ["typeName", "block", "nesting", "minItems", "maxItems"],
    ServerCapabilities: ["planDestroy", "getProviderSchemaOptional", "moveResourceState"],
    ClientCapabilities: ["deferralAllowed", "writeOnlyAttributesAllowed"],
    Deferred: ["reason"],
    "GetMetadata.Request": [],
    "GetMetadata.Response": ["serverCapabilities", "diagnostics", "dataSources"],
    "GetMetadata.DataSourceMetadata": ["typeName"],
    "GetProviderSchema.Request": [],
    "GetProviderSchema.Response": ["provider", "resourceSchemas", "dataSourceSchemas", "diagnostics", "serverCapabilities"],
    "GetResourceIdentitySchemas.Request": [],
    "GetResourceIdentitySchemas.Response": ["diagnostics"],
    "GetFunctions.Request": [],
    "GetFunctions.Response": ["diagnostics"],
    "ValidateProviderConfig.Request": ["config"],
    "ValidateProviderConfig.Response": ["diagnostics"],
    "ConfigureProvider.Request": ["terraformVersion", "config", "clientCapabilities"],
    "ConfigureProvider.Response": ["diagnostics"],
    "ValidateDataResourceConfig.Request": ["typeName", "config"],
    "ValidateDataResourceConfig.Response": ["diagnostics"],
    "ReadDataSource.Request": ["typeName", "config", "providerMeta", "clientCapabilities"],
    "ReadDataSource.Response": ["state", "diagnostics", "deferred"],
    "StopProvider.Request": [],
    "StopProvider.Response": ["Error"],
};
