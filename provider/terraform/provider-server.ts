/**
 * The `tfplugin6.Provider` RPCs this provider answers, over one provider configuration (a CLI starts one process
 * per provider configuration): schema, validation, configuration, the data source's read, and StopProvider.
 * Requests and answers are the plain objects of `tfplugin6-messages.ts`; `provider-grpc-service.ts` puts them on
 * the wire.
 */
import { CredentialsCache, ProviderSettings } from "../alibaba-client";
import { CallCancellation } from "../plugin/call-cancellation";
import { CtyValue, decodeCty, decodeCtyJson, encodeCty } from "./cty-msgpack";
import { readDataSource, validateDataSourceConfig } from "./data-source";
import { readProviderConfig } from "./provider-config";
import { dataSourceSchema, providerSchema } from "./provider-schema";
import { DATA_SOURCE_TYPE, TERRAFORM_VOCABULARY } from "./terraform-names";
import type {
    ConfigureProviderRequest,
    Diagnostic,
    DynamicValue,
    GetProviderSchemaResponse,
    ReadDataSourceRequest,
    ReadDataSourceResponse,
    ValidateDataResourceConfigRequest,
    ValidateProviderConfigRequest,
} from "./tfplugin6-messages";

/** A handler: the request as decoded, the call's signal; the answer as a plain object. */
export type RpcHandler = (request: never, signal: AbortSignal) => Promise<object>;

/** A configuration's value: msgpack (what the CLIs send), else JSON. */
function valueOf(dynamic: DynamicValue | undefined): CtyValue {
    if (dynamic?.msgpack && dynamic.msgpack.length > 0) return decodeCty(dynamic.msgpack);
    if (dynamic?.json && dynamic.json.length > 0) return decodeCtyJson(dynamic.json);
    return null;
}

/** The diagnostic for a data source type this provider does not have. */
function unknownType(typeName: string | undefined): Diagnostic {
    return {
        severity: "ERROR",
        summary: "Unknown data source",
        detail: `This provider has no data source ${JSON.stringify(typeName ?? "")}; it has ${DATA_SOURCE_TYPE}.`,
    };
}

/** The provider's configuration, as ConfigureProvider left it. */
interface Configured {
    settings: ProviderSettings;
    unknownAttributes: string[];
    credentials: CredentialsCache;
}

/** The handlers, by RPC name; `cancellation` is aborted by StopProvider (and by the process when its parent is gone). */
export function providerHandlers(cancellation: CallCancellation): Record<string, RpcHandler> {
    let configured: Configured | undefined;
    const schema: GetProviderSchemaResponse = {
        provider: providerSchema(),
        resourceSchemas: {},
        dataSourceSchemas: { [DATA_SOURCE_TYPE]: dataSourceSchema() },
        diagnostics: [],
        // Nothing here needs GetProviderSchema first: a CLI that caches schemas may skip it in its later processes.
        serverCapabilities: { getProviderSchemaOptional: true },
    };
    const handlers = {
        GetMetadata: async () => ({ serverCapabilities: schema.serverCapabilities, diagnostics: [], dataSources: [{ typeName: DATA_SOURCE_TYPE }] }),
        GetProviderSchema: async () => schema,
        GetResourceIdentitySchemas: async () => ({ diagnostics: [] }),
        GetFunctions: async () => ({ diagnostics: [] }),
        ValidateProviderConfig: async (request: ValidateProviderConfigRequest) => ({ diagnostics: readProviderConfig(valueOf(request.config)).diagnostics }),
        ConfigureProvider: async (request: ConfigureProviderRequest) => {
            const { settings, unknownAttributes, diagnostics } = readProviderConfig(valueOf(request.config));
            configured = diagnostics.length > 0 ? undefined : { settings, unknownAttributes, credentials: new CredentialsCache() };
            return { diagnostics };
        },
        ValidateDataResourceConfig: async (request: ValidateDataResourceConfigRequest) => ({
            diagnostics: request.typeName === DATA_SOURCE_TYPE ? validateDataSourceConfig(valueOf(request.config)) : [unknownType(request.typeName)],
        }),
        ReadDataSource: async (request: ReadDataSourceRequest, signal: AbortSignal): Promise<ReadDataSourceResponse> => {
            if (request.typeName !== DATA_SOURCE_TYPE) return { diagnostics: [unknownType(request.typeName)] };
            const provider = configured;
            if (!provider)
                return {
                    diagnostics: [
                        { severity: "ERROR", summary: "Provider not configured", detail: "ReadDataSource came before a successful ConfigureProvider." },
                    ],
                };
            const result = await readDataSource(
                valueOf(request.config),
                {
                    settings: provider.settings,
                    unknownProviderAttributes: provider.unknownAttributes,
                    credentials: () => provider.credentials.get({ settings: provider.settings, vocabulary: TERRAFORM_VOCABULARY }),
                },
                request.clientCapabilities?.deferralAllowed === true,
                signal,
            );
            return {
                diagnostics: result.diagnostics,
                ...(result.state !== undefined ? { state: { msgpack: encodeCty(result.state) } } : {}),
                ...(result.deferred ? { deferred: { reason: result.deferred } } : {}),
            };
        },
        StopProvider: async () => {
            cancellation.cancelAll("the CLI called StopProvider");
            return {};
        },
    };
    return handlers as Record<string, RpcHandler>;
}
