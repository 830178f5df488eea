#!/usr/bin/env node
/**
 * `pulumi-resource-alicloud-message-contacts`: the provider plugin the engine starts. It serves the
 * `ResourceProvider` gRPC service on a free loopback port and prints the port, as the engine expects; the
 * engine's address (its first argument) is not needed, since the plugin never calls the engine. It exits, quietly,
 * when the engine is gone (its stdin pipe closes or it is re-parented, see `../plugin-process/`), after aborting
 * the requests in flight: a plugin left behind would hold the stack's credentials and sign requests for any
 * local caller of its port. `--version` and `--help` answer as a command-line tool's do (`command-line.ts`), read
 * before the server loads.
 */
import "../plugin-process/compile-cache";
import type * as grpc from "@grpc/grpc-js";
import { exitWithParent } from "../plugin-process/exit-with-parent";
import { CallCancellation } from "../plugin-process/call-cancellation";
import { providerCommand, USAGE_ERROR_EXIT } from "../plugin-process/command-line";
import { packageVersion } from "../package-version";
import { PLUGIN_EXECUTABLE_NAME } from "../pulumi-names";
import { pulumiRuntime } from "./pulumi-runtime";
import { withDirectStructs } from "./request-structs";
import { withDirectAnswers } from "./answer-properties";

/**
 * Every method of the service, each loading the implementation (and with it the client and zod, about 60 ms) on
 * the first call, so that the port line, which the engine waits for, comes as early as the server can bind.
 */
function lazyService(methods: readonly string[], version: string, cancellation: CallCancellation): grpc.UntypedServiceImplementation {
    type Unary = (call: unknown, callback: (error: Partial<grpc.ServiceError> | null) => void) => void;
    let service: grpc.UntypedServiceImplementation | undefined;
    const load = () => (service ??= (require("./provider-service") as typeof import("./provider-service")).providerService(version, cancellation));
    const unimplemented =
        (name: string): Unary =>
        (_call, callback) =>
            callback({ code: pulumiRuntime().grpc.status.UNIMPLEMENTED, details: `alicloud-message-contacts does not implement ${name}` });
    const forward =
        (name: string): Unary =>
        (call, callback) =>
            ((load()[name] as Unary | undefined) ?? unimplemented(name))(call, callback);
    return Object.fromEntries(methods.map((name) => [name, forward(name)])) as grpc.UntypedServiceImplementation;
}

/**
 * Serves until the engine stops the process; resolves with the port once listening. The calls in progress are
 * tracked in `cancellation` (the engine's Cancel and the process's exit abort them).
 */
export async function serve(
    cancellation: CallCancellation = new CallCancellation(),
    version: string = packageVersion(),
): Promise<{ port: number; server: grpc.Server }> {
    const { grpc, services } = pulumiRuntime();
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    const service = withDirectAnswers(withDirectStructs(services.ResourceProviderService));
    server.addService(service, lazyService(Object.keys(service), version, cancellation));
    return new Promise((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve({ port, server })));
    });
}

/**
 * Runs the plugin as the engine starts it: serves, prints the port, exits with the engine. `version` is the
 * package's (read from package.json above this file unless given: a single executable has none beside it).
 */
export function runPlugin(version: string = packageVersion()): void {
    const cancellation = new CallCancellation();
    let server: grpc.Server | undefined;
    // Watched from the start, so that an engine that dies while the plugin starts is noticed too.
    exitWithParent({
        watchStdin: true,
        beforeExit() {
            cancellation.cancelAll("the engine that started this provider is gone");
            server?.forceShutdown();
        },
    });
    serve(cancellation, version).then(
        (served) => {
            server = served.server;
            process.stdout.write(`${served.port}\n`);
        },
        (error: unknown) => {
            process.stderr.write(`${PLUGIN_EXECUTABLE_NAME}: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
        },
    );
}

/**
 * Runs the executable with its arguments: `--version` and `--help` print and exit; any other arguments are the
 * engine's (its address, logging flags), and the plugin serves.
 */
export function main(args: readonly string[], version: () => string = packageVersion): void {
    const command = providerCommand(args, { name: PLUGIN_EXECUTABLE_NAME, otherArguments: "serve" });
    if (command.kind === "version") process.stdout.write(`${version()}\n`);
    else if (command.kind === "help") process.stdout.write((require("./plugin-help") as typeof import("./plugin-help")).pluginHelp());
    else if (command.kind === "serve") runPlugin(version());
    else {
        process.stderr.write(`${command.kind === "usage-error" ? command.message : `${PLUGIN_EXECUTABLE_NAME}: unknown argument ${command.flag}`}\n`);
        process.exitCode = USAGE_ERROR_EXIT;
    }
}

if (require.main === module) main(process.argv.slice(2));
