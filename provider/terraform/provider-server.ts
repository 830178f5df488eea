/**
 * The `tfplugin6.Provider` RPCs this provider answers, over one provider configuration (a CLI starts one process
 * per provider configuration): schema, validation, configuration, the data source's read, and StopProvider.
 * Requests and answers are the plain objects of `tfplugin6-messages.ts`; `provider-grpc-service.ts` puts them on
 * the wire.
 */
import type * as ClientModule from "../alibaba-client";
import { ProviderSettings, quotedText, serviceText } from "../alibaba-client/validation";
import { CallCancellation } from "../plugin-process/call-cancellation";
import type * as WasmBaselineModule from "../plugin-process/wasm-baseline";
import { CtyValue, decodeCty, decodeCtyJson } from "./cty-msgpack";
import type * as EncodingModule from "./cty-msgpack-encoding";
import type * as DataSourceModule from "./data-source";
import { validateDataSourceConfig } from "./data-source-config";
import { readProviderConfig } from "./provider-config";
import { answeredBlocks } from "./answered-schema";
import { BlockShape, configProblems } from "./config-shape";
import { KnownSecrets } from "./known-secrets";
import type * as SchemaModule from "./provider-schema";
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

// What only configuring and reading need loads when they run: a validation's start loads the option table and its
// rules, not the client's credentials chain, transport and outputs (`alibaba-client/validation.ts`).
const client = () => require("../alibaba-client") as typeof ClientModule;
const reading = () => require("./data-source") as typeof DataSourceModule;
const encoding = () => require("./cty-msgpack-encoding") as typeof EncodingModule;
const schemas = () => require("./provider-schema") as typeof SchemaModule;
const wasmBaseline = () => require("../plugin-process/wasm-baseline") as typeof WasmBaselineModule;

/** A handler: the request as decoded, the call's signal; the answer as a plain object. */
export type RpcHandler = (request: never, signal: AbortSignal) => Promise<object>;

/** A configuration's value: msgpack (what the CLIs send), else JSON; null when there is none. Throws on bad bytes. */
function valueOf(dynamic: DynamicValue | undefined): CtyValue {
    if (dynamic?.msgpack && dynamic.msgpack.length > 0) return decodeCty(dynamic.msgpack);
    if (dynamic?.json && dynamic.json.length > 0) return decodeCtyJson(dynamic.json);
    return null;
}

/**
 * A request's configuration, decoded and checked against its schema's block once, before anything reads it: the
 * value, or the diagnostics that refuse it (bytes that do not decode, a value that is not the schema's object).
 * An unknown configuration passes: each RPC says what it means.
 */
function checkedConfig(dynamic: DynamicValue | undefined, block: BlockShape, where: string): { value: CtyValue; diagnostics: Diagnostic[] } {
    let value: CtyValue;
    try {
        value = valueOf(dynamic);
    } catch (error) {
        const reason = serviceText(error instanceof Error ? error.message : String(error), 200);
        return { value: null, diagnostics: [{ severity: "ERROR", summary: "Invalid configuration", detail: `${where} could not be decoded: ${reason}.` }] };
    }
    return { value, diagnostics: configProblems(block, value, where) };
}

/** Nothing here needs GetProviderSchema first: a CLI that caches schemas may skip it in its later processes. */
const SERVER_CAPABILITIES = { getProviderSchemaOptional: true };

/** How messages name the two configurations. */
const PROVIDER_BLOCK = "The provider block";
const DATA_SOURCE_CONFIG = `The configuration of data source ${DATA_SOURCE_TYPE}`;

/** Most characters of a name from the CLI that a message shows. */
const SHOWN_NAME_LIMIT = 100;

/** The diagnostic for a data source type this provider does not have (the type quoted, escaped and bounded). */
function unknownType(typeName: string | undefined): Diagnostic {
    return {
        severity: "ERROR",
        summary: "Unknown data source",
        detail: `This provider has no data source ${quotedText(typeName ?? "", SHOWN_NAME_LIMIT)}; it has ${DATA_SOURCE_TYPE}.`,
    };
}

/** The provider's configuration, as ConfigureProvider left it. */
interface Configured {
    settings: ProviderSettings;
    unknownAttributes: string[];
    credentials: ClientModule.CredentialsCache;
}

/** The handlers, by RPC name; `cancellation` is aborted by StopProvider (and by the process when its parent is gone). */
export function providerHandlers(cancellation: CallCancellation, env: Readonly<Record<string, string | undefined>> = process.env): Record<string, RpcHandler> {
    let configured: Configured | undefined;
    // Every diagnostic answered goes through it (below): no credential value this process knows is ever shown.
    const secrets = new KnownSecrets(env);
    // The schemas as built: the answer `npm run generate` stores (the process answers with the stored bytes).
    let schema: GetProviderSchemaResponse | undefined;
    const builtSchema = (): GetProviderSchemaResponse =>
        (schema ??= {
            provider: schemas().providerSchema(),
            resourceSchemas: {},
            dataSourceSchemas: { [DATA_SOURCE_TYPE]: schemas().dataSourceSchema() },
            diagnostics: [],
            serverCapabilities: SERVER_CAPABILITIES,
        });
    // Configurations are checked against the schemas as answered (decoded from the stored answer): the one list of
    // what is declared.
    const handlers = {
        GetMetadata: async () => ({ serverCapabilities: SERVER_CAPABILITIES, diagnostics: [], dataSources: [{ typeName: DATA_SOURCE_TYPE }] }),
        GetProviderSchema: async () => builtSchema(),
        GetResourceIdentitySchemas: async () => ({ diagnostics: [] }),
        GetFunctions: async () => ({ diagnostics: [] }),
        ValidateProviderConfig: async (request: ValidateProviderConfigRequest) => {
            const config = checkedConfig(request.config, answeredBlocks().provider, PROVIDER_BLOCK);
            if (config.diagnostics.length > 0) return { diagnostics: config.diagnostics };
            const { settings, diagnostics } = readProviderConfig(config.value);
            secrets.addSettings(settings);
            return { diagnostics };
        },
        ConfigureProvider: async (request: ConfigureProviderRequest) => {
            const config = checkedConfig(request.config, answeredBlocks().provider, PROVIDER_BLOCK);
            if (config.diagnostics.length > 0) {
                configured = undefined;
                return { diagnostics: config.diagnostics };
            }
            const { settings, unknownAttributes, diagnostics } = readProviderConfig(config.value);
            secrets.addSettings(settings);
            configured = diagnostics.length > 0 ? undefined : { settings, unknownAttributes, credentials: new (client().CredentialsCache)() };
            return { diagnostics };
        },
        ValidateDataResourceConfig: async (request: ValidateDataResourceConfigRequest) => {
            if (request.typeName !== DATA_SOURCE_TYPE) return { diagnostics: [unknownType(request.typeName)] };
            const config = checkedConfig(request.config, answeredBlocks().dataSource, DATA_SOURCE_CONFIG);
            return { diagnostics: config.diagnostics.length > 0 ? config.diagnostics : validateDataSourceConfig(config.value) };
        },
        ReadDataSource: async (request: ReadDataSourceRequest, signal: AbortSignal): Promise<ReadDataSourceResponse> => {
            if (request.typeName !== DATA_SOURCE_TYPE) return { diagnostics: [unknownType(request.typeName)] };
            const provider = configured;
            if (!provider)
                return {
                    diagnostics: [
                        { severity: "ERROR", summary: "Provider not configured", detail: "ReadDataSource came before a successful ConfigureProvider." },
                    ],
                };
            const config = checkedConfig(request.config, answeredBlocks().dataSource, DATA_SOURCE_CONFIG);
            if (config.diagnostics.length > 0) return { diagnostics: config.diagnostics };
            // This process lives for one plan: the HTTP parser's optimizing compile would outlast the read.
            wasmBaseline().useWasmBaselineOnly();
            const result = await reading().readDataSource(
                config.value,
                {
                    settings: provider.settings,
                    unknownProviderAttributes: provider.unknownAttributes,
                    credentials: () =>
                        provider.credentials.get({
                            settings: provider.settings,
                            vocabulary: TERRAFORM_VOCABULARY,
                            onCredentials: (credentials) => secrets.addCredentials(credentials),
                        }),
                },
                request.clientCapabilities?.deferralAllowed === true,
                signal,
            );
            return {
                diagnostics: result.diagnostics,
                ...(result.state !== undefined ? { state: { msgpack: encoding().encodeCtyValue(result.state) } } : {}),
                ...(result.deferred ? { deferred: { reason: result.deferred } } : {}),
            };
        },
        StopProvider: async () => {
            cancellation.cancelAll("the CLI called StopProvider");
            return {};
        },
    };
    const redacting: Record<string, RpcHandler> = {};
    for (const [rpc, handler] of Object.entries(handlers as Record<string, (request: never, signal: AbortSignal) => Promise<object>>)) {
        redacting[rpc] = async (request, signal) => {
            const answer = await handler(request, signal);
            return "diagnostics" in answer && Array.isArray(answer.diagnostics)
                ? { ...answer, diagnostics: secrets.redact(answer.diagnostics as Diagnostic[]) }
                : answer;
        };
    }
    return redacting;
}
