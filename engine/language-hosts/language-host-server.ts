/**
 * The gRPC side of this engine's language hosts: serves `pulumirpc.LanguageRuntime` with `@pulumi/pulumi`'s
 * generated stubs and its grpc-js (from the host's own install in the engine cache, see `build-language-hosts.ts`),
 * prints the port as the engine expects, and exits when the engine is gone (its stdin pipe closes or it is
 * re-parented), stopping the programs it started. Each host supplies `Run` (and `RunPlugin`); `GetPluginInfo`,
 * `GetRequiredPlugins`/`GetRequiredPackages` (nothing to install ahead: plugins are found when the program asks) and
 * `Cancel` are answered here, every other method UNIMPLEMENTED, which the engine falls back from or reports.
 */
import type * as GrpcModule from "@grpc/grpc-js";
import type * as LanguageGrpcModule from "@pulumi/pulumi/proto/language_grpc_pb";
import type * as LanguagePbModule from "@pulumi/pulumi/proto/language_pb";
import type * as PluginPbModule from "@pulumi/pulumi/proto/plugin_pb";
import type * as EmptyModule from "google-protobuf/google/protobuf/empty_pb";
import type { ChildProcess } from "node:child_process";
import { dirname } from "node:path";
import { exitWithParent } from "../../provider/plugin-process/exit-with-parent";
import { killAll, Output, stopAll, stopProcess } from "./child-processes";
import type { RunOutcome, RunPluginSpec, RunSpec } from "./program-run";

/** Requires `id` as `@pulumi/pulumi` resolves it (its grpc-js and google-protobuf: the stubs' own copies). */
function fromPulumi<T>(id: string): T {
    const pulumiRoot = dirname(require.resolve("@pulumi/pulumi/package.json"));
    return require(require.resolve(id, { paths: [pulumiRoot] })) as T;
}

/** What a language host does; the server does the rest. */
export interface LanguageHost {
    /** `pulumi-language-nodejs`, for messages. */
    name: string;
    /** What `GetPluginInfo` answers. */
    version: string;
    /** Runs the program; resolves with the answer for the engine. */
    run(spec: RunSpec): Promise<RunOutcome>;
    /** Runs a plugin (a policy pack), its output to `output`; resolves with its exit code. Absent: UNIMPLEMENTED. */
    runPlugin?(spec: RunPluginSpec, output: Output, onStart: (child: ChildProcess) => void): Promise<number>;
}

/** `RunRequest` -> {@link RunSpec}. */
function runSpecOf(request: LanguagePbModule.RunRequest, engineAddress: string): RunSpec {
    const info = request.getInfo();
    const config: Record<string, string> = {};
    request.getConfigMap().forEach((value, key) => (config[key] = value));
    return {
        monitorAddress: request.getMonitorAddress(),
        engineAddress,
        pwd: request.getPwd() || process.cwd(),
        project: request.getProject(),
        stack: request.getStack(),
        organization: request.getOrganization(),
        config,
        configSecretKeys: request.getConfigsecretkeysList(),
        dryRun: request.getDryrun(),
        parallel: request.getParallel(),
        rootDirectory: info?.getRootDirectory() ?? "",
        programDirectory: info?.getProgramDirectory() || request.getPwd(),
        entryPoint: info?.getEntryPoint() || request.getProgram() || ".",
        options: info?.getOptions()?.toJavaScript() ?? {},
        args: request.getArgsList(),
    };
}

/** `RunPluginRequest` -> {@link RunPluginSpec}. */
function runPluginSpecOf(request: LanguagePbModule.RunPluginRequest): RunPluginSpec {
    const info = request.getInfo();
    return {
        pwd: request.getPwd() || process.cwd(),
        kind: request.getKind(),
        args: request.getArgsList(),
        env: request.getEnvList(),
        programDirectory: info?.getProgramDirectory() || request.getProgram(),
        options: info?.getOptions()?.toJavaScript() ?? {},
    };
}

/** The engine's address: the last argument that is not a flag (`-tracing=...` and the like are ignored). */
export function engineAddressOf(argv: readonly string[]): string {
    return [...argv].reverse().find((arg) => !arg.startsWith("-")) ?? "";
}

type Callback = (error: Partial<GrpcModule.ServiceError> | null, value?: unknown) => void;
type UnaryCall = { request: unknown };
type Handler = (call: UnaryCall & GrpcModule.ServerWritableStream<unknown, unknown>, callback?: Callback) => void;

/** The service's methods for `host`. */
function languageService(
    host: LanguageHost,
    engineAddress: string,
    grpc: typeof GrpcModule,
    messages: typeof LanguagePbModule,
    plugin: typeof PluginPbModule,
    empty: typeof EmptyModule,
    methods: readonly string[],
): Record<string, Handler> {
    const unimplemented =
        (name: string): Handler =>
        (call, callback) => {
            const error = { code: grpc.status.UNIMPLEMENTED, details: `${host.name} (this engine's small language host) does not implement ${name}` };
            if (callback) callback(error);
            // A server stream ends with an error status when its 'error' event is emitted (grpc-js).
            else call.emit("error", Object.assign(new Error(error.details), error));
        };
    const unary =
        (answer: (request: unknown) => Promise<unknown> | unknown): Handler =>
        (call, callback) => {
            Promise.resolve()
                .then(() => answer(call.request))
                .then(
                    (value) => callback?.(null, value),
                    (error: unknown) => callback?.({ code: grpc.status.UNKNOWN, details: error instanceof Error ? error.message : String(error) }),
                );
        };
    const implemented: Record<string, Handler> = {
        getPluginInfo: unary(() => new plugin.PluginInfo().setVersion(host.version)),
        getRequiredPlugins: unary(() => new messages.GetRequiredPluginsResponse()),
        getRequiredPackages: unary(() => new messages.GetRequiredPackagesResponse()),
        cancel: unary(() => {
            stopAll();
            return new empty.Empty();
        }),
        run: unary(async (request) => {
            let outcome: RunOutcome;
            try {
                outcome = await host.run(runSpecOf(request as LanguagePbModule.RunRequest, engineAddress));
            } catch (error) {
                outcome = { error: error instanceof Error ? error.message : String(error), bail: false };
            }
            return new messages.RunResponse().setError(outcome.error).setBail(outcome.bail);
        }),
    };
    const runPlugin = host.runPlugin?.bind(host);
    if (runPlugin) {
        implemented.runPlugin = (call) => {
            const send = (response: LanguagePbModule.RunPluginResponse) => {
                if (!call.cancelled && !call.destroyed) call.write(response);
            };
            let child: ChildProcess | undefined;
            call.on("cancelled", () => child && stopProcess(child));
            const output: Output = {
                stdout: (chunk) => send(new messages.RunPluginResponse().setStdout(new Uint8Array(chunk))),
                stderr: (chunk) => send(new messages.RunPluginResponse().setStderr(new Uint8Array(chunk))),
            };
            runPlugin(runPluginSpecOf(call.request as LanguagePbModule.RunPluginRequest), output, (started) => (child = started)).then(
                (code) => {
                    send(new messages.RunPluginResponse().setExitcode(code));
                    if (!call.cancelled) call.end();
                },
                (error: unknown) => {
                    const details = error instanceof Error ? error.message : String(error);
                    if (!call.cancelled) call.emit("error", Object.assign(new Error(details), { code: grpc.status.UNKNOWN, details }));
                },
            );
        };
    }
    return Object.fromEntries(methods.map((name) => [name, implemented[name] ?? unimplemented(name)]));
}

/** Serves `host` on a free loopback port, prints the port, and exits with the engine. Never resolves on success. */
export function serveLanguageHost(host: LanguageHost, argv: readonly string[] = process.argv.slice(2)): void {
    const grpc = fromPulumi<typeof GrpcModule>("@grpc/grpc-js");
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    exitWithParent({
        watchStdin: true,
        beforeExit() {
            killAll();
            server.forceShutdown();
        },
    });
    const services = require("@pulumi/pulumi/proto/language_grpc_pb") as typeof LanguageGrpcModule;
    const messages = require("@pulumi/pulumi/proto/language_pb") as typeof LanguagePbModule;
    const plugin = require("@pulumi/pulumi/proto/plugin_pb") as typeof PluginPbModule;
    const empty = fromPulumi<typeof EmptyModule>("google-protobuf/google/protobuf/empty_pb");
    const methods = Object.keys(services.LanguageRuntimeService);
    const service = languageService(host, engineAddressOf(argv), grpc, messages, plugin, empty, methods);
    server.addService(services.LanguageRuntimeService, service as unknown as GrpcModule.UntypedServiceImplementation);
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
        if (error) {
            process.stderr.write(`${host.name}: could not start its gRPC server: ${error.message}\n`);
            process.exit(1);
        }
        process.stdout.write(`${port}\n`);
    });
}
