/**
 * The plugin's `ResourceProvider` gRPC service: the engine's calls translated to the shared resource operations
 * (`../listing-resource.ts`), the function (`get-function.ts`) and the configuration (`plugin-config.ts`).
 * Written over `@pulumi/pulumi`'s generated stubs rather than `@pulumi/pulumi/provider`'s `main`, which answers
 * CheckConfig with UNIMPLEMENTED and never passes Configure's values to the provider: this plugin must check
 * its configuration, naming the key, and use it.
 */
import type * as grpc from "@grpc/grpc-js";
import type * as pb from "@pulumi/pulumi/proto/provider_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { credentialChainText, CredentialsCache, InvalidArgumentError, MessageContactsError, ProviderSettings } from "../alibaba-client";
import { listingResource, PropertyFailure, Props, RECORDED_INPUT_NAMES } from "../listing-resource";
import { FUNCTION_TOKEN, PACKAGE_NAME, RESOURCE_TOKEN } from "../pulumi-names";
import { keepSecret, revealProps, secretNames, unknownNames } from "../wire-format";
import { getMessageContactVerifications } from "./get-function";
import { PROPERTIES_FIELD, withProps, withStructs } from "./answer-properties";
import { REQUEST_STRUCT_FIELDS as FIELDS, requestArguments, requestProps, returnedStruct, takeRequestStruct } from "./request-structs";
import type { StructArguments } from "./struct-decoding";
import type { StructField } from "./struct-encoding";
import { CallCancellation, CallCancelledError, CancellableCall } from "../plugin-process/call-cancellation";
import { FUNCTION_VOCABULARY, pluginConfigKey, PLUGIN_VOCABULARY, readPluginConfig, SECRET_PLUGIN_KEYS } from "./plugin-config";
import { pulumiRuntime } from "./pulumi-runtime";
import { packageSchema } from "./schema";

type Callback<T> = (error: grpc.ServiceError | null, value?: T) => void;
type Call<T> = CancellableCall & { request: T };

/**
 * An error for the engine: CANCELLED for a call whose listing was aborted (the listing throws its signal's reason),
 * INVALID_ARGUMENT for an argument or setting refused, else the package's message as it is (it names the code, the
 * RequestId and what to do).
 */
function toServiceError(error: unknown): Partial<grpc.ServiceError> {
    const { grpc } = pulumiRuntime();
    if (error instanceof CallCancelledError) return { code: grpc.status.CANCELLED, details: `${PACKAGE_NAME}: ${error.message}`, message: error.message };
    if (error instanceof InvalidArgumentError) return { code: grpc.status.INVALID_ARGUMENT, details: error.message, message: error.message };
    if (error instanceof MessageContactsError) return { code: grpc.status.UNKNOWN, details: error.message, message: error.message };
    const text = error instanceof Error ? error.message : String(error);
    return { code: grpc.status.INTERNAL, details: `${PACKAGE_NAME}: internal error: ${text}`, message: text };
}

/**
 * Runs an async handler with a signal that `cancellation` aborts (see `call-cancellation.ts`) and answers its
 * result, or its error as a gRPC status (never a stack trace).
 */
function handleCall<Req, Res>(
    cancellation: CallCancellation,
    body: (request: Req, signal: AbortSignal) => Promise<Res>,
): (call: Call<Req>, callback: Callback<Res>) => void {
    return (call, callback) => {
        const inProgress = cancellation.begin(call);
        body(call.request, inProgress.signal)
            .then(
                (value) => callback(null, value),
                (error: unknown) => callback(toServiceError(error) as grpc.ServiceError),
            )
            .finally(inProgress.end);
    };
}

function propsOf(struct: Struct | undefined): Props {
    return (struct?.toJavaScript() ?? {}) as Props;
}

/** The properties in a request's field, as `request-structs.ts` or google-protobuf read them; {} when absent. */
function fieldProps(request: object, field: number, struct: Struct | undefined): Props {
    return requestProps(request, field, struct) ?? {};
}

/** A request field's arguments when it has none. */
const NO_ARGUMENTS: StructArguments = { props: {}, size: 0, secret: [], unknown: [] };

function failureMessages(failures: readonly PropertyFailure[]): pb.CheckFailure[] {
    const { messages } = pulumiRuntime();
    return failures.map((f) => new messages.CheckFailure().setProperty(f.property).setReason(f.reason));
}

/** The resource's type token from its URN (`urn:pulumi:stack::project::parent$type::name`). */
function typeOf(urn: string): string {
    return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

function assertResource(urn: string): void {
    const type = typeOf(urn);
    if (type !== RESOURCE_TOKEN) throw new InvalidArgumentError("type", `${PACKAGE_NAME} has no resource type ${type}; it has ${RESOURCE_TOKEN}.`);
}

/** What the wire form says of the inputs beyond their values: the unknown ones, and those given as secrets. */
function marksOf(props: Props): { unknown: string[]; secret: string[] } {
    return { unknown: unknownNames(props), secret: secretNames(props) };
}

/** `alicloud-message-contacts:config:region` (Configure's variables) -> `region`. */
function variablesToValues(variables: Iterable<[string, string]>): Props {
    const prefix = `${PACKAGE_NAME}:config:`;
    const values: Props = {};
    for (const [key, value] of variables) values[key.startsWith(prefix) ? key.slice(prefix.length) : key] = value;
    return values;
}

/** The provider's configuration, as Configure left it. */
interface ConfigState {
    settings: ProviderSettings;
    /** Keys whose values are not known yet: nothing is listed until they are. */
    unknownKeys: string[];
    /** The error Configure failed with: the answer to every later call. */
    error?: unknown;
    /** Credentials of the resource's listings, and of the function's (whose messages also name its arguments). */
    resourceCredentials: CredentialsCache;
    functionCredentials: CredentialsCache;
}

function freshConfig(settings: ProviderSettings = {}, unknownKeys: string[] = []): ConfigState {
    return { settings, unknownKeys, resourceCredentials: new CredentialsCache(), functionCredentials: new CredentialsCache() };
}

/**
 * The service's handlers, over one provider's configuration (one plugin process serves one provider). The calls
 * in progress are tracked in `cancellation`, which the process aborts too when its parent is gone.
 */
export function providerService(version: string, cancellation: CallCancellation = new CallCancellation()): grpc.UntypedServiceImplementation {
    const { messages, plugin, empty } = pulumiRuntime();
    const handle = <Req, Res>(body: (request: Req, signal: AbortSignal) => Promise<Res>) => handleCall(cancellation, body);
    let config = freshConfig();
    /** The settings, or the configuration's error: after a failed Configure nothing is signed with anything else. */
    const settings = () => {
        if (config.error !== undefined) throw config.error;
        return config.settings;
    };
    const resource = listingResource({
        settings,
        settingsKnown: () => config.unknownKeys.length === 0,
        credentials: (stsEndpoint) => config.resourceCredentials.get({ settings: settings(), vocabulary: PLUGIN_VOCABULARY, stsEndpoint }),
        vocabulary: PLUGIN_VOCABULARY,
        credentialsAdvice: `give credentials where the provider reads them instead (first found: ${credentialChainText(PLUGIN_VOCABULARY, true)}).`,
        // Its answers are written straight to bytes (struct-encoding.ts writes a Map as its object would be).
        mapOutputs: true,
    });
    const functionHost = {
        settings: () => {
            const known = settings();
            if (config.unknownKeys.length > 0) {
                const keys = config.unknownKeys.map(pluginConfigKey).join(", ");
                throw new InvalidArgumentError(config.unknownKeys[0] ?? "", `${FUNCTION_TOKEN} cannot run before the provider's ${keys} is known.`);
            }
            return known;
        },
        credentials: (call: { arguments: Props; stsEndpoint: string | undefined }) =>
            config.functionCredentials.get({ arguments: call.arguments, settings: settings(), vocabulary: FUNCTION_VOCABULARY, stsEndpoint: call.stsEndpoint }),
    };
    const schemaText = JSON.stringify(packageSchema(version));

    return {
        getPluginInfo: handle<unknown, InstanceType<typeof plugin.PluginInfo>>(async () => new plugin.PluginInfo().setVersion(version)),
        getSchema: handle<pb.GetSchemaRequest, pb.GetSchemaResponse>(async (request) => {
            if (request.getVersion() !== 0) throw new InvalidArgumentError("version", `unsupported schema version ${request.getVersion()}`);
            return new messages.GetSchemaResponse().setSchema(schemaText);
        }),
        checkConfig: handle<pb.CheckRequest, pb.CheckResponse>(async (request) => {
            const news = propsOf(request.getNews());
            const { failures } = readPluginConfig(revealProps(news));
            // The inputs go back as they came, and the keys the schema marks secret as secrets even when they were
            // set without --secret, so that the engine never stores them in plain text.
            return withProps(
                new messages.CheckResponse().setFailuresList(failureMessages(failures)),
                PROPERTIES_FIELD.checkInputs,
                keepSecret(news, SECRET_PLUGIN_KEYS),
            );
        }),
        diffConfig: handle<pb.DiffRequest, pb.DiffResponse>(async (request) => {
            const same = JSON.stringify(revealProps(propsOf(request.getOlds()))) === JSON.stringify(revealProps(propsOf(request.getNews())));
            return new messages.DiffResponse().setChanges(same ? messages.DiffResponse.DiffChanges.DIFF_NONE : messages.DiffResponse.DiffChanges.DIFF_SOME);
        }),
        configure: handle<pb.ConfigureRequest, pb.ConfigureResponse>(async (request) => {
            const args = request.getArgs();
            const values = args ? revealProps(propsOf(args)) : variablesToValues(request.getVariablesMap().entries() as unknown as Iterable<[string, string]>);
            const { settings: read, unknownKeys, failures } = readPluginConfig(values);
            if (failures.length > 0) {
                const error = new InvalidArgumentError(failures[0]?.property ?? "", failures.map((f) => f.reason).join(" "));
                config = { ...freshConfig(), error };
                throw error;
            }
            config = freshConfig(read, unknownKeys);
            // No preview support: at preview the engine plans `check`'s result (which holds the listing) as outputs.
            return new messages.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false).setAcceptresources(false).setAcceptoutputs(false);
        }),
        invoke: handle<pb.InvokeRequest, pb.InvokeResponse>(async (request, signal) => {
            const token = request.getTok();
            if (token !== FUNCTION_TOKEN) throw new InvalidArgumentError("tok", `${PACKAGE_NAME} has no function ${token}; it has ${FUNCTION_TOKEN}.`);
            const args = fieldProps(request, FIELDS.invoke.args, request.getArgs());
            const result = await getMessageContactVerifications(revealProps(args), functionHost, secretNames(args), signal);
            const response = new messages.InvokeResponse().setFailuresList(failureMessages(result.failures));
            return result.outputs ? withProps(response, PROPERTIES_FIELD.invokeReturn, result.outputs) : response;
        }),
        check: handle<pb.CheckRequest, pb.CheckResponse>(async (request, signal) => {
            assertResource(request.getUrn());
            const news = fieldProps(request, FIELDS.check.news, request.getNews());
            const { inputs, failures, secret } = await resource.check(revealProps(news), marksOf(news), signal);
            // Unknown inputs go back as they came (the engine's sentinel); secrets stay secrets.
            const unknown = Object.fromEntries(unknownNames(news).map((name) => [name, news[name]]));
            return withProps(
                new messages.CheckResponse().setFailuresList(failureMessages(failures)),
                PROPERTIES_FIELD.checkInputs,
                keepSecret({ ...inputs, ...unknown }, secret),
            );
        }),
        diff: handle<pb.DiffRequest, pb.DiffResponse>(async (request) => {
            const olds = fieldProps(request, FIELDS.diff.olds, request.getOlds());
            const { changes } = await resource.diff(revealProps(olds), revealProps(fieldProps(request, FIELDS.diff.news, request.getNews())));
            return new messages.DiffResponse().setChanges(changes ? messages.DiffResponse.DiffChanges.DIFF_SOME : messages.DiffResponse.DiffChanges.DIFF_NONE);
        }),
        create: handle<pb.CreateRequest, pb.CreateResponse>(async (request, signal) => {
            assertResource(request.getUrn());
            const news = fieldProps(request, FIELDS.create.properties, request.getProperties());
            const { id, outs, secret } = await resource.create(revealProps(news), marksOf(news), signal);
            return withProps(new messages.CreateResponse().setId(id), PROPERTIES_FIELD.createProperties, keepSecret(outs, secret));
        }),
        // A refresh passes the state and inputs; an import (`pulumi import`, the `import` option) only the id, and
        // needs the inputs back: those the id names. Of the state only the inputs are read (and which properties
        // hold secrets), not the listing it recorded.
        read: handle<pb.ReadRequest, pb.ReadResponse>(async (request, signal) => {
            assertResource(request.getUrn());
            const state = requestArguments(request, FIELDS.read.properties, RECORDED_INPUT_NAMES, request.getProperties()) ?? NO_ARGUMENTS;
            // The inputs go back as they came: as google-protobuf read them, or their bytes as they came when they
            // are those google-protobuf writes again, else written again from the object read directly (the same
            // bytes: tests/plugin/request-structs.test.ts).
            const inputs = request.getInputs();
            const inputBytes = inputs ? undefined : takeRequestStruct(request, FIELDS.read.inputs);
            const imported = inputs === undefined && inputBytes === undefined && state.size === 0 ? resource.inputsOfId(request.getId()) : undefined;
            const marks = { unknown: state.unknown, secret: state.secret };
            const { id, props, secret } = await resource.read(request.getId(), imported ?? revealProps(state.props), marks, signal);
            const response = new messages.ReadResponse().setId(id);
            const echoed = imported ?? (inputBytes ? returnedStruct(inputBytes) : undefined);
            const fields: StructField[] = [{ field: PROPERTIES_FIELD.readProperties, struct: keepSecret(props, secret) }];
            if (echoed) fields.push({ field: PROPERTIES_FIELD.readInputs, struct: echoed });
            return withStructs(inputs ? response.setInputs(inputs) : response, fields);
        }),
        update: handle<pb.UpdateRequest, pb.UpdateResponse>(async (request, signal) => {
            assertResource(request.getUrn());
            const news = fieldProps(request, FIELDS.update.news, request.getNews());
            const { outs, secret } = await resource.update(revealProps(news), marksOf(news), signal);
            return withProps(new messages.UpdateResponse(), PROPERTIES_FIELD.updateProperties, keepSecret(outs, secret));
        }),
        // Deleting the record changes nothing in Alibaba Cloud.
        delete: handle<pb.DeleteRequest, unknown>(async () => new empty.Empty()),
        // Aborts every call in progress and refuses new listings (see call-cancellation.ts).
        cancel: (_call: unknown, callback: Callback<unknown>) => {
            cancellation.cancelAll("the engine called Cancel");
            callback(null, new empty.Empty());
        },
        attach: handle<unknown, unknown>(async () => new empty.Empty()),
        // Every other method (Construct, Call, Handshake, ...) is answered UNIMPLEMENTED by main.ts's lazy service.
    };
}
