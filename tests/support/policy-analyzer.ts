/**
 * Runs a Node.js policy pack as the Pulumi engine does and drives its analyzer over gRPC, without a Pulumi CLI.
 *
 * The engine (`plugin.NewPolicyAnalyzer`) starts the `pulumi-analyzer-policy` plugin, a shell script that runs
 * `node $(node -e "require.resolve('@pulumi/pulumi/cmd/run-policy-pack')") <engine address> .` in the policy
 * pack's directory, with the engine's environment plus `PULUMI_CONFIG` (the stack config, JSON) and
 * `PULUMI_{NODEJS_,}{ORGANIZATION,PROJECT,STACK,DRY_RUN}`. `run-policy-pack` drops the engine address, registers
 * ts-node (type-checking, with the pack's tsconfig.json if any) and requires the pack; `new PolicyPack(...)`
 * reads the version from `./package.json`, binds a gRPC server on 127.0.0.1 and prints its port on the first
 * stdout line, which the engine reads to connect. The engine then calls `Handshake` (unimplemented by the
 * Node.js server, which the engine tolerates), `ConfigureStack`, `GetAnalyzerInfo`, `Configure` with the policy
 * config reconciled with the policies' defaults, and `AnalyzeStack` with every resource's outputs at the end of
 * a preview or update. {@link startPolicyAnalyzer} does the same; the gRPC client and messages are loaded from
 * the `@pulumi/pulumi` copy the pack runs with, so both ends speak the same generated code.
 */
import { ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as GrpcModule from "@grpc/grpc-js";
import type * as AnalyzerGrpcModule from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as AnalyzerPbModule from "@pulumi/pulumi/proto/analyzer_pb";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import type * as StructModule from "google-protobuf/google/protobuf/struct_pb";
import { hermeticEnv } from "./hermetic-env";
import { awaitPortLine } from "./await-port-line";
import { GrpcPlugin, PluginRpcError } from "./grpc-plugin";

/** JSON-like values (no `undefined`), as on the wire. */
export type Props = Record<string, unknown>;

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export type Severity = "" | "low" | "medium" | "high" | "critical";

/** The engine's wire format, from the package's one definition of it. */
export { SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_VALUE, asSecret as rpcSecret } from "../../provider/wire-format";

/** How to start the pack. */
export interface PolicyAnalyzerOptions {
    /** The policy pack's directory (PulumiPolicy.yaml, package.json, index.ts); the plugin's working directory. */
    packDir: string;
    /** What the stack looks like to the pack (environment variables and `ConfigureStack`). */
    organization?: string;
    project?: string;
    stack?: string;
    dryRun?: boolean;
    /** The stack's config (`PULUMI_CONFIG`, `ConfigureStack`), keys with namespaces. */
    config?: Record<string, string>;
    /** Variables added to (or, when `undefined`, removed from) the hermetic environment. */
    env?: Record<string, string | undefined>;
    /** The engine address passed as the first argument (run-policy-pack ignores it). Default `127.0.0.1:0`. */
    engineAddress?: string;
    /** How long to wait for the port line; the pack is type-checked by ts-node first. Default 60 s. */
    startTimeoutMs?: number;
    /** Deadline of each RPC. Default 30 s. */
    rpcTimeoutMs?: number;
}

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    type: "resource" | "stack" | "unknown";
    severity: Severity;
    /** The config schema's properties and required list, as JSON. */
    configSchema?: { properties: Record<string, Props>; required: string[] };
    remediationSteps: string;
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
}

/** One policy's config as the engine sends it: an enforcement level and properties. */
export interface PolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Props;
}

/**
 * Policy pack config as a user writes it (`--policy-pack-config file.json`, `pulumi policy enable --config`):
 * per policy, an enforcement level or an object of properties with an optional `enforcementLevel`; `all` sets
 * every policy's level.
 */
export type UserPolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Props)>;

/** A resource of the stack as `AnalyzeStack` sends it: its outputs, options, provider, parent. */
export interface StackResource {
    urn: string;
    type: string;
    name: string;
    /** Outputs (wire form: secrets as {@link rpcSecret}, unknowns as {@link UNKNOWN_VALUE}). */
    properties: Props;
    options?: {
        protect?: boolean;
        ignoreChanges?: string[];
        deleteBeforeReplace?: boolean;
        additionalSecretOutputs?: string[];
        aliases?: string[];
        parent?: string;
    };
    provider?: { urn: string; type: string; name: string; properties?: Props };
    parent?: string;
    dependencies?: string[];
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    severity: Severity;
}

export interface AnalyzeResult {
    diagnostics: Diagnostic[];
    notApplicable: { policyName: string; reason: string }[];
}

/** A failed RPC, with the gRPC status and the analyzer's message. */
export class AnalyzerRpcError extends PluginRpcError {}

interface Modules {
    grpc: typeof GrpcModule;
    pb: typeof AnalyzerPbModule;
    grpcPb: typeof AnalyzerGrpcModule;
    Struct: typeof StructModule.Struct;
    /** The Empty class the generated service checks requests against (`instanceof`). */
    Empty: typeof EmptyModule.Empty;
}

/** What the plugin script resolves, from the pack's directory: run-policy-pack and its `@pulumi/pulumi`. */
function loadModules(packDir: string): { modules: Modules; runPolicyPack: string } {
    const fromPack = createRequire(join(packDir, "index.js"));
    let runPolicyPack: string;
    try {
        runPolicyPack = fromPack.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    } catch (error) {
        // The engine's message for this case.
        throw new Error(`it looks like the policy pack's dependencies are not installed; try running npm install in ${packDir} (${(error as Error).message})`, {
            cause: error,
        });
    }
    const pulumiDir = dirname(dirname(dirname(runPolicyPack)));
    const fromPulumi = createRequire(join(pulumiDir, "package.json"));
    return {
        runPolicyPack,
        modules: {
            grpc: fromPulumi("@grpc/grpc-js") as typeof GrpcModule,
            pb: fromPulumi("./proto/analyzer_pb") as typeof AnalyzerPbModule,
            grpcPb: fromPulumi("./proto/analyzer_grpc_pb") as typeof AnalyzerGrpcModule,
            Struct: (fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof StructModule).Struct,
            Empty: (fromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof EmptyModule).Empty,
        },
    };
}

/** The name of a generated protobuf enum's value (`EnforcementLevel.DISABLED` is 2, not its place in a list). */
function enumName(values: object, value: number): string {
    const entry = Object.entries(values).find(([, v]) => v === value);
    if (!entry) throw new Error(`unknown enum value ${value} (known: ${JSON.stringify(values)})`);
    return entry[0];
}

function enforcementLevelOf(pb: typeof AnalyzerPbModule, value: number): EnforcementLevel {
    return enumName(pb.EnforcementLevel, value).toLowerCase() as EnforcementLevel;
}

function severityOf(pb: typeof AnalyzerPbModule, value: number): Severity {
    const name = enumName(pb.PolicySeverity, value)
        .replace(/^POLICY_SEVERITY_/, "")
        .toLowerCase();
    return (name === "unspecified" ? "" : name) as Severity;
}

function policyTypeOf(pb: typeof AnalyzerPbModule, value: number): PolicyInfo["type"] {
    return enumName(pb.PolicyType, value)
        .replace(/^POLICY_TYPE_/, "")
        .toLowerCase() as PolicyInfo["type"];
}

/**
 * The config the engine sends with `Configure` (`ReconcilePolicyPackConfig`): every policy with its default
 * level and its schema's `default` values, then `all` (a level for every policy), then each policy's own
 * settings on top. (The engine also validates the result against each schema; not done here.)
 */
export function reconcilePolicyConfig(policies: readonly PolicyInfo[], config: UserPolicyPackConfig = {}): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const policy of policies) {
        const properties: Props = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if ("default" in schema) properties[key] = schema.default;
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties };
    }
    const all = config.all;
    if (typeof all === "string") {
        for (const entry of Object.values(result)) entry.enforcementLevel = all;
    } else if (all?.enforcementLevel) {
        for (const entry of Object.values(result)) entry.enforcementLevel = all.enforcementLevel;
    }
    for (const [name, given] of Object.entries(config)) {
        if (name === "all") continue;
        const entry = (result[name] ??= { enforcementLevel: "advisory", properties: {} });
        if (typeof given === "string") {
            entry.enforcementLevel = given;
        } else {
            const { enforcementLevel, ...properties } = given;
            if (enforcementLevel) entry.enforcementLevel = enforcementLevel;
            Object.assign(entry.properties, properties);
        }
    }
    return result;
}

/** A running policy pack and a connected client. Start one with {@link startPolicyAnalyzer}. */
export class PolicyAnalyzer extends GrpcPlugin<AnalyzerGrpcModule.AnalyzerClient> {
    /** @internal use {@link startPolicyAnalyzer} */
    constructor(
        child: ChildProcess,
        private readonly modules: Modules,
        port: number,
        private readonly options: PolicyAnalyzerOptions,
        stdoutRest: string,
        stderrSoFar: string,
    ) {
        super({
            child,
            port,
            what: "the analyzer",
            stdoutRest,
            stderrSoFar,
            grpc: modules.grpc,
            client: new modules.grpcPb.AnalyzerClient(`127.0.0.1:${port}`, modules.grpc.credentials.createInsecure()),
            rpcTimeoutMs: options.rpcTimeoutMs ?? 30_000,
            rpcError: (rpc, code, codeName, details) => new AnalyzerRpcError(rpc, code, codeName, details),
        });
    }

    private toStruct(props: Props): StructModule.Struct {
        return this.modules.Struct.fromJavaScript(props as Record<string, StructModule.JavaScriptValue>);
    }

    private emptyRequest(): EmptyModule.Empty {
        return new this.modules.Empty();
    }

    /**
     * `Handshake`, which the engine tries first. The Node.js policy server does not implement it; like the engine,
     * this returns `"unimplemented"` then, and `"ok"` when it answers.
     */
    async handshake(): Promise<"ok" | "unimplemented"> {
        const { pb, grpc } = this.modules;
        const request = new pb.AnalyzerHandshakeRequest()
            .setEngineAddress(this.options.engineAddress ?? "127.0.0.1:0")
            .setRootDirectory(this.options.packDir)
            .setProgramDirectory(this.options.packDir);
        try {
            await this.unary("Handshake", this.client.handshake, request);
            return "ok";
        } catch (error) {
            if (error instanceof AnalyzerRpcError && error.code === grpc.status.UNIMPLEMENTED) return "unimplemented";
            throw error;
        }
    }

    /** `ConfigureStack`: the stack's names, tags and config, as the engine sends them after starting the pack. */
    async configureStack(tags: Record<string, string> = {}): Promise<void> {
        const { pb } = this.modules;
        const request = new pb.AnalyzerStackConfigureRequest()
            .setStack(this.options.stack ?? "dev")
            .setProject(this.options.project ?? "project")
            .setOrganization(this.options.organization ?? "organization")
            .setDryRun(this.options.dryRun ?? true);
        for (const [key, value] of Object.entries(this.options.config ?? {})) request.getConfigMap().set(key, value);
        for (const [key, value] of Object.entries(tags)) request.getTagsMap().set(key, value);
        await this.unary("ConfigureStack", this.client.configureStack, request);
    }

    /** `GetAnalyzerInfo`: the pack's name, version and policies. */
    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const { pb } = this.modules;
        const response = await this.unary("GetAnalyzerInfo", this.client.getAnalyzerInfo, this.emptyRequest());
        return {
            name: response.getName(),
            version: response.getVersion(),
            supportsConfig: response.getSupportsconfig(),
            policies: response.getPoliciesList().map((p) => {
                const info: PolicyInfo = {
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: enforcementLevelOf(pb, p.getEnforcementlevel()),
                    type: policyTypeOf(pb, p.getPolicyType()),
                    severity: severityOf(pb, p.getSeverity()),
                    remediationSteps: p.getRemediationSteps(),
                };
                const schema = p.getConfigschema();
                if (schema) {
                    info.configSchema = {
                        properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Props>,
                        required: schema.getRequiredList(),
                    };
                }
                return info;
            }),
        };
    }

    /** `GetPluginInfo`: the `@pulumi/policy` version serving the pack. */
    async getPluginInfo(): Promise<string> {
        const response = await this.unary("GetPluginInfo", this.client.getPluginInfo, this.emptyRequest());
        return response.getVersion();
    }

    /** `Configure`: the policy config, per policy (see {@link reconcilePolicyConfig} for what the engine sends). */
    async configure(config: Record<string, PolicyConfig>): Promise<void> {
        const { pb } = this.modules;
        const request = new pb.ConfigureAnalyzerRequest();
        for (const [name, { enforcementLevel, properties }] of Object.entries(config)) {
            const entry = new pb.PolicyConfig()
                .setEnforcementlevel(pb.EnforcementLevel[enforcementLevel.toUpperCase() as keyof typeof pb.EnforcementLevel])
                .setProperties(this.toStruct(properties));
            request.getPolicyconfigMap().set(name, entry);
        }
        await this.unary("Configure", this.client.configure, request);
    }

    /** `AnalyzeStack`: every resource of the stack with its outputs, as at the end of a preview or update. */
    async analyzeStack(resources: readonly StackResource[]): Promise<AnalyzeResult> {
        const { pb } = this.modules;
        const request = new pb.AnalyzeStackRequest().setResourcesList(resources.map((r) => this.analyzerResource(r)));
        const response = await this.unary("AnalyzeStack", this.client.analyzeStack, request);
        return {
            diagnostics: response.getDiagnosticsList().map((d) => ({
                policyName: d.getPolicyname(),
                policyPackName: d.getPolicypackname(),
                policyPackVersion: d.getPolicypackversion(),
                description: d.getDescription(),
                message: d.getMessage(),
                enforcementLevel: enforcementLevelOf(pb, d.getEnforcementlevel()),
                urn: d.getUrn(),
                severity: severityOf(pb, d.getSeverity()),
            })),
            notApplicable: response.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() })),
        };
    }

    private analyzerResource(resource: StackResource): AnalyzerPbModule.AnalyzerResource {
        const { pb } = this.modules;
        const opts = resource.options ?? {};
        // The engine always sets the options; the Node.js analyzer rejects a resource without them.
        const options = new pb.AnalyzerResourceOptions()
            .setProtect(opts.protect ?? false)
            .setIgnorechangesList(opts.ignoreChanges ?? [])
            .setDeletebeforereplace(opts.deleteBeforeReplace ?? false)
            .setDeletebeforereplacedefined(opts.deleteBeforeReplace !== undefined)
            .setAdditionalsecretoutputsList(opts.additionalSecretOutputs ?? [])
            .setAliasesList(opts.aliases ?? [])
            .setCustomtimeouts(new pb.AnalyzerResourceOptions.CustomTimeouts())
            .setParent(opts.parent ?? resource.parent ?? "");
        const result = new pb.AnalyzerResource()
            .setUrn(resource.urn)
            .setType(resource.type)
            .setName(resource.name)
            .setProperties(this.toStruct(resource.properties))
            .setOptions(options)
            .setParent(resource.parent ?? "")
            .setDependenciesList(resource.dependencies ?? []);
        if (resource.provider) {
            result.setProvider(
                new pb.AnalyzerProviderResource()
                    .setUrn(resource.provider.urn)
                    .setType(resource.provider.type)
                    .setName(resource.provider.name)
                    .setProperties(this.toStruct(resource.provider.properties ?? {})),
            );
        }
        return result;
    }
}

/**
 * Starts the pack as `pulumi-analyzer-policy` does (`node <run-policy-pack> <engine address> .` in the pack's
 * directory, engine environment variables set, `ALIBABA_CLOUD_*`/`ALICLOUD_*`, `NODE_OPTIONS` and `TS_NODE_*`
 * removed), waits for the port line and connects. On failure the error carries the child's stdout and stderr.
 */
export async function startPolicyAnalyzer(options: PolicyAnalyzerOptions): Promise<PolicyAnalyzer> {
    if (!existsSync(join(options.packDir, "PulumiPolicy.yaml"))) throw new Error(`no PulumiPolicy.yaml in ${options.packDir}`);
    const { modules, runPolicyPack } = loadModules(options.packDir);
    const organization = options.organization ?? "organization";
    const project = options.project ?? "project";
    const stack = options.stack ?? "dev";
    const dryRun = String(options.dryRun ?? true);
    const removed: Record<string, undefined> = { NODE_OPTIONS: undefined };
    for (const name of Object.keys(process.env)) if (name.startsWith("TS_NODE_")) removed[name] = undefined;
    const env = hermeticEnv({
        ...removed,
        PULUMI_CONFIG: JSON.stringify(options.config ?? {}),
        PULUMI_NODEJS_ORGANIZATION: organization,
        PULUMI_NODEJS_PROJECT: project,
        PULUMI_NODEJS_STACK: stack,
        PULUMI_NODEJS_DRY_RUN: dryRun,
        PULUMI_ORGANIZATION: organization,
        PULUMI_PROJECT: project,
        PULUMI_STACK: stack,
        PULUMI_DRY_RUN: dryRun,
        ...options.env,
    });
    const child = spawn(process.execPath, [runPolicyPack, options.engineAddress ?? "127.0.0.1:0", "."], {
        cwd: options.packDir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    const timeoutMs = options.startTimeoutMs ?? 60_000;
    const { port, stdoutRest, stderr } = await awaitPortLine(child, `the policy pack in ${options.packDir}`, timeoutMs);
    const analyzer = new PolicyAnalyzer(child, modules, port, options, stdoutRest, stderr);
    try {
        await analyzer.waitForReady(Math.min(timeoutMs, 10_000));
    } catch (error) {
        await analyzer.close();
        throw new Error(`could not connect to the policy pack's analyzer on port ${port}: ${(error as Error).message}\n${analyzer.stderr}`, { cause: error });
    }
    return analyzer;
}
