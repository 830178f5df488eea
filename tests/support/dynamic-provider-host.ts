/**
 * Drives Pulumi's real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) over gRPC the way the
 * engine does, without a Pulumi CLI: the host runs as its own `node` process in a consumer project (so
 * `require-from-string` resolves the serialized provider's `require`s from that project's node_modules), prints
 * its port on its first stdout line, and serves `pulumirpc.ResourceProvider`.
 *
 * The gRPC client, the protobuf messages and `google.protobuf.Struct` are loaded from the consumer project's
 * own `@pulumi/pulumi` (the copy the host runs), so both ends speak the same generated code. Property bags are
 * plain JS objects here; the serialized provider travels in them as `__provider`, as in state.
 */
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type * as GrpcModule from "@grpc/grpc-js";
import type * as ProviderGrpcModule from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as ProviderPbModule from "@pulumi/pulumi/proto/provider_pb";
import type * as StructModule from "google-protobuf/google/protobuf/struct_pb";
import { hermeticEnv } from "./hermetic-env";
import { awaitPortLine } from "./await-port-line";
import { GrpcPlugin, PluginRpcError } from "./grpc-plugin";

/** A property bag (inputs, state) as plain JSON-like values. `undefined` is not allowed anywhere, as on the wire. */
export type Props = Record<string, unknown>;

/** The key under which dynamic resources carry their serialized provider. */
export const PROVIDER_KEY = "__provider";

/** The engine's wire format, from the package's one definition of it. */
import { asSecret as rpcSecret, SECRET_SIG, SPECIAL_SIG_KEY } from "../../provider/wire-format";
export { rpcSecret, SECRET_SIG, SPECIAL_SIG_KEY };

/** How to start the host. */
export interface HostOptions {
    /** The consumer project (its node_modules has `@pulumi/pulumi` and the provider's package). */
    projectDir: string;
    /**
     * Variables added to (or, when `undefined`, removed from) the hermetic environment (`hermetic-env.ts`: no
     * `ALIBABA_CLOUD_*`/`ALICLOUD_*` from this process), after `NODE_OPTIONS` is removed and HOME isolated.
     */
    env?: Record<string, string | undefined>;
    /**
     * Give the host an empty temporary HOME (removed on close), so that no credential file of the developer
     * (`~/.aliyun/config.json`, `~/.alibabacloud/credentials`) can reach it. Default true.
     */
    isolateHome?: boolean;
    /** The resource type used in URNs when a call names none. Default `pulumi-nodejs:dynamic:Resource`. */
    resourceType?: string;
    /** Project and stack names used in URNs. Default `consumer-project` and `dev`. */
    project?: string;
    stack?: string;
    /** How long to wait for the port line. Default 30 s. */
    startTimeoutMs?: number;
    /** Deadline of each RPC. Default 60 s. */
    rpcTimeoutMs?: number;
}

/** Which resource a call is about (it only shapes the URN, name and type fields of the request). */
export interface CallTarget {
    name?: string;
    type?: string;
}

export interface ConfigureResult {
    acceptSecrets: boolean;
    supportsPreview: boolean;
    acceptResources: boolean;
    acceptOutputs: boolean;
}

export interface CheckFailure {
    property: string;
    reason: string;
}

export interface CheckResult {
    inputs: Props;
    failures: CheckFailure[];
}

export type DiffChanges = "DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME";

export interface DiffResult {
    changes: DiffChanges;
    replaces: string[];
    stables: string[];
    diffs: string[];
    deleteBeforeReplace: boolean;
}

export interface CreateResult {
    id: string;
    properties: Props;
}

export interface ReadResult {
    id: string;
    properties: Props;
    /** Present only when the provider returned inputs. */
    inputs?: Props;
}

export interface UpdateResult {
    properties: Props;
}

/** A failed RPC: `code` is the gRPC status, `details` the host's message (the provider's error message). */
export class HostRpcError extends PluginRpcError {}

export interface Modules {
    grpc: typeof GrpcModule;
    pb: typeof ProviderPbModule;
    grpcPb: typeof ProviderGrpcModule;
    Struct: typeof StructModule.Struct;
}

/** The consumer project's copies of what the client needs, resolved the way `@pulumi/pulumi` resolves them. */
export function loadModules(projectDir: string): { modules: Modules; hostEntry: string } {
    const pulumiPackageJson = require.resolve("@pulumi/pulumi/package.json", { paths: [projectDir] });
    const fromPulumi = createRequire(pulumiPackageJson);
    const hostEntry = join(dirname(pulumiPackageJson), "cmd", "dynamic-provider", "index.js");
    if (!existsSync(hostEntry)) throw new Error(`no dynamic-provider host at ${hostEntry}`);
    return {
        hostEntry,
        modules: {
            grpc: fromPulumi("@grpc/grpc-js") as typeof GrpcModule,
            pb: fromPulumi("./proto/provider_pb") as typeof ProviderPbModule,
            grpcPb: fromPulumi("./proto/provider_grpc_pb") as typeof ProviderGrpcModule,
            Struct: (fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof StructModule).Struct,
        },
    };
}

/** A running host and a connected client. Start one with {@link startDynamicProviderHost}. */
export class DynamicProviderHost extends GrpcPlugin<ProviderGrpcModule.ResourceProviderClient> {
    /** @internal use {@link startDynamicProviderHost} */
    constructor(
        child: ChildProcess,
        protected readonly modules: Modules,
        port: number,
        protected readonly options: HostOptions,
        stdoutRest: string,
        stderrSoFar: string,
        /** The temporary HOME given to the host, if any. */
        readonly home: string | undefined,
    ) {
        super({
            child,
            port,
            what: "the host",
            stdoutRest,
            stderrSoFar,
            grpc: modules.grpc,
            client: new modules.grpcPb.ResourceProviderClient(`127.0.0.1:${port}`, modules.grpc.credentials.createInsecure()),
            rpcTimeoutMs: options.rpcTimeoutMs ?? 60_000,
            rpcError: (rpc, code, codeName, details) => new HostRpcError(rpc, code, codeName, details),
            cleanup: () => {
                if (home) rmSync(home, { recursive: true, force: true });
            },
        });
    }

    protected urn(target: CallTarget = {}): { urn: string; name: string; type: string } {
        const type = target.type ?? this.options.resourceType ?? "pulumi-nodejs:dynamic:Resource";
        const name = target.name ?? "resource";
        const project = this.options.project ?? "consumer-project";
        const stack = this.options.stack ?? "dev";
        return { urn: `urn:pulumi:${stack}::${project}::${type}::${name}`, name, type };
    }

    protected toStruct(props: Props): StructModule.Struct {
        return this.modules.Struct.fromJavaScript(props as Record<string, StructModule.JavaScriptValue>);
    }

    protected fromStruct(struct: StructModule.Struct | undefined): Props {
        return (struct?.toJavaScript() ?? {}) as Props;
    }

    /**
     * `Configure`: hands the host the stack config (keys with namespaces, like `alicloud:region`). Keys listed in
     * `secretKeys` are sent wrapped as secrets, as the engine sends secret config.
     */
    async configure(config: Record<string, string>, options: { secretKeys?: readonly string[] } = {}): Promise<ConfigureResult> {
        const { pb } = this.modules;
        const args: Props = {};
        for (const [key, value] of Object.entries(config)) {
            args[key] = options.secretKeys?.includes(key) ? rpcSecret(value) : value;
        }
        const provider = this.urn({ type: "pulumi:providers:pulumi-nodejs", name: "default" });
        const request = new pb.ConfigureRequest()
            .setArgs(this.toStruct(args))
            .setAcceptsecrets(true)
            .setAcceptresources(true)
            .setSendsOldInputs(true)
            .setSendsOldInputsToDelete(true)
            .setUrn(provider.urn)
            .setName(provider.name)
            .setType(provider.type);
        const variables = request.getVariablesMap();
        for (const [key, value] of Object.entries(config)) variables.set(key, value);
        const response = await this.unary("Configure", this.client.configure, request);
        return {
            acceptSecrets: response.getAcceptsecrets(),
            supportsPreview: response.getSupportspreview(),
            acceptResources: response.getAcceptresources(),
            acceptOutputs: response.getAcceptoutputs(),
        };
    }

    /** `Check`: validates `news` (the program's inputs, with `__provider`) against `olds` (previous inputs or `{}`). */
    async check(olds: Props, news: Props, target?: CallTarget): Promise<CheckResult> {
        const { pb } = this.modules;
        const ref = this.urn(target);
        const request = new pb.CheckRequest()
            .setUrn(ref.urn)
            .setName(ref.name)
            .setType(ref.type)
            .setOlds(this.toStruct(olds))
            .setNews(this.toStruct(news))
            .setRandomseed(randomBytes(32));
        const response = await this.unary("Check", this.client.check, request);
        return {
            inputs: this.fromStruct(response.getInputs()),
            failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    /** `Diff`: `olds` is the state (outputs), `news` the checked inputs, `oldInputs` the inputs recorded in state. */
    async diff(id: string, olds: Props, news: Props, options: CallTarget & { oldInputs?: Props; ignoreChanges?: string[] } = {}): Promise<DiffResult> {
        const { pb } = this.modules;
        const ref = this.urn(options);
        const request = new pb.DiffRequest()
            .setId(id)
            .setUrn(ref.urn)
            .setName(ref.name)
            .setType(ref.type)
            .setOlds(this.toStruct(olds))
            .setNews(this.toStruct(news))
            .setIgnorechangesList(options.ignoreChanges ?? []);
        if (options.oldInputs) request.setOldInputs(this.toStruct(options.oldInputs));
        const response = await this.unary("Diff", this.client.diff, request);
        const names = Object.entries(pb.DiffResponse.DiffChanges);
        const changes = (names.find(([, value]) => value === response.getChanges())?.[0] ?? "DIFF_UNKNOWN") as DiffChanges;
        return {
            changes,
            replaces: response.getReplacesList(),
            stables: response.getStablesList(),
            diffs: response.getDiffsList(),
            deleteBeforeReplace: response.getDeletebeforereplace(),
        };
    }

    /** `Create`: `properties` are the checked inputs. */
    async create(properties: Props, options: CallTarget & { timeoutSeconds?: number; preview?: boolean } = {}): Promise<CreateResult> {
        const { pb } = this.modules;
        const ref = this.urn(options);
        const request = new pb.CreateRequest()
            .setUrn(ref.urn)
            .setName(ref.name)
            .setType(ref.type)
            .setProperties(this.toStruct(properties))
            .setTimeout(options.timeoutSeconds ?? 0)
            .setPreview(options.preview ?? false);
        const response = await this.unary("Create", this.client.create, request);
        return { id: response.getId(), properties: this.fromStruct(response.getProperties()) };
    }

    /** `Read` (refresh): `properties` is the state, `inputs` the inputs recorded in state. */
    async read(id: string, properties: Props, options: CallTarget & { inputs?: Props } = {}): Promise<ReadResult> {
        const { pb } = this.modules;
        const ref = this.urn(options);
        const request = new pb.ReadRequest().setId(id).setUrn(ref.urn).setName(ref.name).setType(ref.type).setProperties(this.toStruct(properties));
        if (options.inputs) request.setInputs(this.toStruct(options.inputs));
        const response = await this.unary("Read", this.client.read, request);
        const result: ReadResult = { id: response.getId(), properties: this.fromStruct(response.getProperties()) };
        if (response.hasInputs()) result.inputs = this.fromStruct(response.getInputs());
        return result;
    }

    /** `Update`: `olds` is the state, `news` the checked inputs, `oldInputs` the inputs recorded in state. */
    async update(
        id: string,
        olds: Props,
        news: Props,
        options: CallTarget & { oldInputs?: Props; timeoutSeconds?: number; preview?: boolean; ignoreChanges?: string[] } = {},
    ): Promise<UpdateResult> {
        const { pb } = this.modules;
        const ref = this.urn(options);
        const request = new pb.UpdateRequest()
            .setId(id)
            .setUrn(ref.urn)
            .setName(ref.name)
            .setType(ref.type)
            .setOlds(this.toStruct(olds))
            .setNews(this.toStruct(news))
            .setTimeout(options.timeoutSeconds ?? 0)
            .setPreview(options.preview ?? false)
            .setIgnorechangesList(options.ignoreChanges ?? []);
        if (options.oldInputs) request.setOldInputs(this.toStruct(options.oldInputs));
        const response = await this.unary("Update", this.client.update, request);
        return { properties: this.fromStruct(response.getProperties()) };
    }

    /** `Delete`: `properties` is the state, `oldInputs` the inputs recorded in state. */
    async delete(id: string, properties: Props, options: CallTarget & { oldInputs?: Props; timeoutSeconds?: number } = {}): Promise<void> {
        const { pb } = this.modules;
        const ref = this.urn(options);
        const request = new pb.DeleteRequest()
            .setId(id)
            .setUrn(ref.urn)
            .setName(ref.name)
            .setType(ref.type)
            .setProperties(this.toStruct(properties))
            .setTimeout(options.timeoutSeconds ?? 0);
        if (options.oldInputs) request.setOldInputs(this.toStruct(options.oldInputs));
        await this.unary("Delete", this.client.delete, request);
    }
}

/**
 * Spawns `node <project>/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js 127.0.0.1:0` in the
 * project, with the hermetic environment (no `ALIBABA_CLOUD_*`/`ALICLOUD_*`) and, by default, an empty HOME,
 * so that credentials can only arrive through Configure; waits for the port line and connects.
 */
export async function startDynamicProviderHost(options: HostOptions): Promise<DynamicProviderHost> {
    const { modules, hostEntry } = loadModules(options.projectDir);
    const home = options.isolateHome === false ? undefined : mkdtempSync(join(tmpdir(), "dynamic-provider-home-"));
    const homeEnv = home ? { HOME: home, USERPROFILE: home } : {};
    // The host requires one argument, the engine's address; it binds its own port on 127.0.0.1.
    const child = spawn(process.execPath, [hostEntry, "127.0.0.1:0"], {
        cwd: options.projectDir,
        env: hermeticEnv({ NODE_OPTIONS: undefined, ...homeEnv, ...options.env }),
        stdio: ["ignore", "pipe", "pipe"],
    });
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const { port, stdoutRest, stderr } = await awaitPortLine(child, "the dynamic-provider host", timeoutMs, () => {
        if (home) rmSync(home, { recursive: true, force: true });
    });
    const host = new DynamicProviderHost(child, modules, port, options, stdoutRest, stderr, home);
    try {
        await host.waitForReady(timeoutMs);
    } catch (error) {
        await host.close();
        throw new Error(`could not connect to the dynamic-provider host on port ${port}: ${(error as Error).message}\n${host.stderr}`, { cause: error });
    }
    return host;
}
