/**
 * Drives the packed provider plugin, `pulumi-resource-alicloud-message-contacts`, over gRPC the way the engine
 * does: started from a consumer project's `node_modules/.bin` (the executable the npm package ships), port read
 * from its first stdout line, then the `ResourceProvider` RPCs. The resource RPCs are the dynamic-provider
 * host's harness's; this adds the ones a real provider answers (schema, config, invoke, plugin info).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awaitPortLine } from "./await-port-line";
import { CheckResult, DiffChanges, DynamicProviderHost, HostOptions, loadModules, Props, rpcSecret } from "./dynamic-provider-host";
import type { StartedRpc } from "./grpc-plugin";
import { hermeticEnv } from "./hermetic-env";

/** The plugin's executable name. */
export const PLUGIN_EXECUTABLE = "pulumi-resource-alicloud-message-contacts";
/** The resource's and the function's tokens. */
export const RESOURCE_TOKEN = "alicloud-message-contacts:index:MessageContactVerifications";
export const FUNCTION_TOKEN = "alicloud-message-contacts:index:getMessageContactVerifications";

/** What Invoke answered. */
export interface InvokeResult {
    outputs: Props;
    failures: { property: string; reason: string }[];
}

/** A running plugin and a connected client. Start one with {@link startProviderPlugin}. */
export class ProviderPlugin extends DynamicProviderHost {
    /** `GetPluginInfo`: the plugin's version. */
    async pluginVersion(): Promise<string> {
        const empty = new (require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [this.pulumiDir()] })).Empty)();
        const info = await this.unary("GetPluginInfo", this.client.getPluginInfo, empty);
        return info.getVersion();
    }

    /** `GetSchema` (version 0): the schema's text. */
    async schema(): Promise<string> {
        const response = await this.unary("GetSchema", this.client.getSchema, new this.modules.pb.GetSchemaRequest().setVersion(0));
        return response.getSchema();
    }

    /** `CheckConfig`: `news` are the provider's settings by short key (`region`), secrets wrapped as the engine wraps them. */
    async checkConfig(news: Props, olds: Props = {}): Promise<CheckResult> {
        const ref = this.urn({ type: "pulumi:providers:alicloud-message-contacts", name: "default" });
        const request = new this.modules.pb.CheckRequest()
            .setUrn(ref.urn)
            .setName(ref.name)
            .setType(ref.type)
            .setOlds(this.toStruct(olds))
            .setNews(this.toStruct(news));
        const response = await this.unary("CheckConfig", this.client.checkConfig, request);
        return {
            inputs: this.fromStruct(response.getInputs()),
            failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    /** `DiffConfig` between two sets of settings. */
    async diffConfig(olds: Props, news: Props): Promise<DiffChanges> {
        const { pb } = this.modules;
        const request = new pb.DiffRequest().setOlds(this.toStruct(olds)).setNews(this.toStruct(news));
        const response = await this.unary("DiffConfig", this.client.diffConfig, request);
        return (Object.entries(pb.DiffResponse.DiffChanges).find(([, v]) => v === response.getChanges())?.[0] ?? "DIFF_UNKNOWN") as DiffChanges;
    }

    /** `Configure` with the provider's settings as the engine sends them (`args`), the given keys as secrets. */
    async configureProvider(settings: Record<string, unknown>, secretKeys: readonly string[] = []): Promise<void> {
        const args: Props = {};
        for (const [key, value] of Object.entries(settings)) args[key] = secretKeys.includes(key) ? rpcSecret(value) : value;
        const request = new this.modules.pb.ConfigureRequest().setArgs(this.toStruct(args)).setAcceptsecrets(true).setAcceptresources(true);
        await this.unary("Configure", this.client.configure, request);
    }

    /** `Invoke` of a function by token. */
    invoke(token: string, args: Props): Promise<InvokeResult> {
        return this.startInvoke(token, args).response;
    }

    /** Starts an `Invoke` with a deadline `deadlineMs` from now (default the plugin's), which the caller may cancel. */
    startInvoke(token: string, args: Props, deadlineMs?: number): StartedRpc<InvokeResult> {
        const request = new this.modules.pb.InvokeRequest().setTok(token).setArgs(this.toStruct(args));
        const started = this.startUnary("Invoke", this.client.invoke, request, deadlineMs);
        const response = started.response.then((answer) => ({
            outputs: this.fromStruct(answer.getReturn()),
            failures: answer.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        }));
        return { response, cancel: started.cancel };
    }

    /** `Cancel`: the engine's request to abort every operation in progress. */
    async cancel(): Promise<void> {
        const empty = new (require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [this.pulumiDir()] })).Empty)();
        await this.unary("Cancel", this.client.cancel, empty);
    }

    /** Closes the plugin's stdin (started with `stdin: "pipe"`), as the kernel does when the engine dies. */
    closeStdin(): void {
        if (!this.child.stdin) throw new Error("the plugin was started without a stdin pipe");
        this.child.stdin.end();
    }

    private pulumiDir(): string {
        return join(this.options.projectDir, "node_modules", "@pulumi", "pulumi");
    }
}

/** The plugin's executable in a consumer project, as the engine starts it. */
export function pluginExecutable(projectDir: string): string {
    return join(projectDir, "node_modules", ".bin", PLUGIN_EXECUTABLE);
}

/**
 * Spawns `<project>/node_modules/.bin/pulumi-resource-alicloud-message-contacts` (or `command`: a release
 * executable, or `qemu-aarch64-static <executable>`; the project then only lends its `@pulumi/pulumi` to the client)
 * with the engine's argument (its address), the hermetic environment and an empty HOME, so that credentials arrive
 * only through Configure or `env`; waits for the port line and connects. Its stdin is `/dev/null` unless
 * `stdin: "pipe"` (as the engine gives it: a pipe held open, see {@link ProviderPlugin.closeStdin}).
 */
export async function startProviderPlugin(
    options: Omit<HostOptions, "resourceType"> & { stdin?: "ignore" | "pipe"; command?: readonly string[] },
): Promise<ProviderPlugin> {
    const { modules } = loadModules(options.projectDir);
    const home = mkdtempSync(join(tmpdir(), "provider-plugin-home-"));
    const [command, ...args] = options.command ?? [pluginExecutable(options.projectDir)];
    const child = spawn(command as string, [...args, "127.0.0.1:1"], {
        cwd: options.projectDir,
        env: hermeticEnv({ NODE_OPTIONS: undefined, HOME: home, USERPROFILE: home, ...options.env }),
        stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
    });
    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const { port, stdoutRest, stderr } = await awaitPortLine(child, "the provider plugin", timeoutMs, () => rmSync(home, { recursive: true, force: true }));
    const plugin = new ProviderPlugin(child, modules, port, { ...options, resourceType: RESOURCE_TOKEN }, stdoutRest, stderr, home);
    try {
        await plugin.waitForReady(timeoutMs);
    } catch (error) {
        await plugin.close();
        throw new Error(`could not connect to the provider plugin on port ${port}: ${(error as Error).message}\n${plugin.stderr}`, { cause: error });
    }
    return plugin;
}
