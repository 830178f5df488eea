/**
 * The part of Terraform's plugin protocol 6 (`tfplugin6`, as of 6.10) that this provider reads or writes, as a
 * protobuf JSON descriptor (protobufjs's format) written by hand from the protocol's documented `.proto` (field
 * numbers and types as published; only the messages and fields used here). Fields are named in camelCase, as
 * protobufjs names them; only the numbers travel. `tfplugin6-codec.ts` encodes and decodes from it; the tests
 * load it into protobufjs too, and hold the two codecs to the same bytes.
 */

const bytes = (id: number) => ({ type: "bytes", id });
const string = (id: number) => ({ type: "string", id });
const bool = (id: number) => ({ type: "bool", id });
const int64 = (id: number) => ({ type: "int64", id });
const message = (type: string, id: number) => ({ type, id });
const repeated = (type: string, id: number) => ({ rule: "repeated", type, id });
const map = (type: string, id: number) => ({ keyType: "string", type, id });
const diagnostics = (id: number) => repeated("Diagnostic", id);

/** Messages with no fields (requests of the metadata RPCs). */
const EMPTY = { fields: {} };

/** The descriptor: package `tfplugin6`. */
export const TFPLUGIN6_DESCRIPTOR = {
    nested: {
        tfplugin6: {
            nested: {
                DynamicValue: { fields: { msgpack: bytes(1), json: bytes(2) } },
                Diagnostic: {
                    fields: { severity: message("Severity", 1), summary: string(2), detail: string(3), attribute: message("AttributePath", 4) },
                    nested: { Severity: { values: { INVALID: 0, ERROR: 1, WARNING: 2 } } },
                },
                AttributePath: {
                    fields: { steps: repeated("Step", 1) },
                    nested: {
                        Step: {
                            oneofs: { selector: { oneof: ["attributeName", "elementKeyString", "elementKeyInt"] } },
                            fields: { attributeName: string(1), elementKeyString: string(2), elementKeyInt: int64(3) },
                        },
                    },
                },
                StringKind: { values: { PLAIN: 0, MARKDOWN: 1 } },
                Schema: {
                    fields: { version: int64(1), block: message("Block", 2) },
                    nested: {
                        Block: {
                            fields: {
                                version: int64(1),
                                attributes: repeated("Attribute", 2),
                                blockTypes: repeated("NestedBlock", 3),
                                description: string(4),
                                descriptionKind: message("StringKind", 5),
                                deprecated: bool(6),
                            },
                        },
                        Attribute: {
                            fields: {
                                name: string(1),
                                type: bytes(2),
                                description: string(3),
                                required: bool(4),
                                optional: bool(5),
                                computed: bool(6),
                                sensitive: bool(7),
                                descriptionKind: message("StringKind", 8),
                                deprecated: bool(9),
                            },
                        },
                        NestedBlock: {
                            fields: {
                                typeName: string(1),
                                block: message("Block", 2),
                                nesting: message("NestingMode", 3),
                                minItems: int64(4),
                                maxItems: int64(5),
                            },
                            nested: { NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 } } },
                        },
                    },
                },
                ServerCapabilities: { fields: { planDestroy: bool(1), getProviderSchemaOptional: bool(2), moveResourceState: bool(3) } },
                ClientCapabilities: { fields: { deferralAllowed: bool(1), writeOnlyAttributesAllowed: bool(2) } },
                Deferred: {
                    fields: { reason: message("Reason", 1) },
                    nested: { Reason: { values: { UNKNOWN: 0, RESOURCE_CONFIG_UNKNOWN: 1, PROVIDER_CONFIG_UNKNOWN: 2, ABSENT_PREREQ: 3 } } },
                },
                GetMetadata: {
                    nested: {
                        Request: EMPTY,
                        Response: {
                            fields: {
                                serverCapabilities: message("ServerCapabilities", 1),
                                diagnostics: diagnostics(2),
                                dataSources: repeated("DataSourceMetadata", 3),
                            },
                        },
                        DataSourceMetadata: { fields: { typeName: string(1) } },
                    },
                },
                GetProviderSchema: {
                    nested: {
                        Request: EMPTY,
                        Response: {
                            fields: {
                                provider: message("Schema", 1),
                                resourceSchemas: map("Schema", 2),
                                dataSourceSchemas: map("Schema", 3),
                                diagnostics: diagnostics(4),
                                serverCapabilities: message("ServerCapabilities", 6),
                            },
                        },
                    },
                },
                GetResourceIdentitySchemas: { nested: { Request: EMPTY, Response: { fields: { diagnostics: diagnostics(2) } } } },
                GetFunctions: { nested: { Request: EMPTY, Response: { fields: { diagnostics: diagnostics(2) } } } },
                ValidateProviderConfig: {
                    nested: { Request: { fields: { config: message("DynamicValue", 1) } }, Response: { fields: { diagnostics: diagnostics(2) } } },
                },
                ConfigureProvider: {
                    nested: {
                        Request: {
                            fields: { terraformVersion: string(1), config: message("DynamicValue", 2), clientCapabilities: message("ClientCapabilities", 3) },
                        },
                        Response: { fields: { diagnostics: diagnostics(1) } },
                    },
                },
                ValidateDataResourceConfig: {
                    nested: {
                        Request: { fields: { typeName: string(1), config: message("DynamicValue", 2) } },
                        Response: { fields: { diagnostics: diagnostics(1) } },
                    },
                },
                ReadDataSource: {
                    nested: {
                        Request: {
                            fields: {
                                typeName: string(1),
                                config: message("DynamicValue", 2),
                                providerMeta: message("DynamicValue", 3),
                                clientCapabilities: message("ClientCapabilities", 4),
                            },
                        },
                        Response: { fields: { state: message("DynamicValue", 1), diagnostics: diagnostics(2), deferred: message("Deferred", 3) } },
                    },
                },
                StopProvider: { nested: { Request: EMPTY, Response: { fields: { Error: string(1) } } } },
            },
        },
    },
};

/** The RPCs this provider answers, each by the name of its request and response messages' parent. */
export const PROVIDER_RPCS = [
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

/** One of {@link PROVIDER_RPCS}. */
export type ProviderRpc = (typeof PROVIDER_RPCS)[number];
