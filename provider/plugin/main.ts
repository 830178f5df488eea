#!/usr/bin/env node
/**
 * `pulumi-resource-alicloud-message-contacts`: the provider plugin the engine starts. It serves the
 * `ResourceProvider` gRPC service on a free loopback port and prints the port, as the engine expects; the
 * engine's address (its first argument) is not needed, since the plugin never calls the engine.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { providerService } from "./provider-service";
import { pulumiRuntime } from "./pulumi-runtime";

/** The version in this package's package.json, found upwards from this file (source or dist). */
export function packageVersion(from: string = __dirname): string {
    for (let dir = from; ; dir = dirname(dir)) {
        try {
            const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
            if (manifest.name === "pulumi-alicloud-message-contacts" && typeof manifest.version === "string") return manifest.version;
        } catch {
            // No package.json here: look further up.
        }
        if (dirname(dir) === dir) throw new Error(`no package.json of pulumi-alicloud-message-contacts above ${from}`);
    }
}

/** Serves until the engine stops the process; resolves with the port once listening. */
export async function serve(): Promise<number> {
    const { grpc, services } = pulumiRuntime();
    const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
    server.addService(services.ResourceProviderService, providerService(packageVersion()));
    return new Promise((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
    });
}

if (require.main === module) {
    serve().then(
        (port) => process.stdout.write(`${port}\n`),
        (error: unknown) => {
            process.stderr.write(`pulumi-resource-alicloud-message-contacts: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
        },
    );
}
