#!/usr/bin/env node
/**
 * `terraform-provider-alicloudmessagecontacts`: the Terraform and OpenTofu provider, started by the CLI the way
 * hashicorp/go-plugin starts a plugin. It refuses to run without the CLI's magic cookie, chooses protocol 6,
 * makes a fresh certificate when the CLI asks for AutoMTLS (`PLUGIN_CLIENT_CERT`: TLS is then mandatory, and only
 * that client certificate is accepted), listens on a Unix socket (loopback TCP on Windows), and prints the one
 * handshake line. Only gRPC and the certificate load before that line; the protocol's codec, msgpack and the
 * Alibaba Cloud client load on the first RPC. It exits on the CLI's Shutdown, or when the CLI is gone (its parent
 * process changes; stdin is the CLI's own and says nothing, see `../plugin-process/parent-watch.ts`).
 * `--write-mirror DIR` instead writes a `filesystem_mirror` layout that runs this installed package
 * (`mirror-layout.ts`) and exits.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import type * as grpc from "@grpc/grpc-js";
import { CallCancellation } from "../plugin/call-cancellation";
import { exitWithParent } from "../plugin-process/exit-with-parent";
import { goPluginServices } from "./go-plugin-services";
import { checkMagicCookie, EXECUTABLE_NAME, handshakeLine, HandshakeRefusal, ListenAddress, listenAddress, negotiateProtocol } from "./handshake";
import { providerService } from "./provider-grpc-service";
import { selfSignedCertificate } from "./self-signed-certificate";

/** How long answers in flight may take to finish after Shutdown. */
const SHUTDOWN_GRACE_MS = 500;

/** The largest message accepted: a provider configuration or a read's state can be large, never this large. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** The server's credentials: mutual TLS trusting only the CLI's certificate, or plaintext without AutoMTLS. */
function credentials(grpcModule: typeof grpc, clientCertPem: string | undefined): { credentials: grpc.ServerCredentials; certDer?: Buffer } {
    if (!clientCertPem) return { credentials: grpcModule.ServerCredentials.createInsecure() };
    const server = selfSignedCertificate();
    return {
        credentials: grpcModule.ServerCredentials.createSsl(
            Buffer.from(clientCertPem),
            [{ private_key: Buffer.from(server.keyPem), cert_chain: Buffer.from(server.certPem) }],
            true,
        ),
        certDer: server.certDer,
    };
}

function bind(server: grpc.Server, target: string, serverCredentials: grpc.ServerCredentials): Promise<number> {
    return new Promise((resolve, reject) => server.bindAsync(target, serverCredentials, (error, port) => (error ? reject(error) : resolve(port))));
}

/** Binds the address; resolves with the address as the handshake line gives it. */
async function listen(server: grpc.Server, address: ListenAddress, serverCredentials: grpc.ServerCredentials): Promise<string> {
    if (address.network === "unix") {
        rmSync(address.path, { force: true });
        await bind(server, `unix:${address.path}`, serverCredentials);
        return address.path;
    }
    if (address.minPort <= 0 || address.maxPort < address.minPort) return `${address.host}:${await bind(server, `${address.host}:0`, serverCredentials)}`;
    for (let port = address.minPort; ; port++) {
        try {
            return `${address.host}:${await bind(server, `${address.host}:${port}`, serverCredentials)}`;
        } catch (error) {
            if (port >= address.maxPort) throw error;
        }
    }
}

/** Starts the provider: the handshake, the server, the line. Resolves once the line is printed. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    checkMagicCookie(env);
    const protocol = negotiateProtocol(env);
    const grpcModule = require("@grpc/grpc-js") as typeof grpc;
    const { credentials: serverCredentials, certDer } = credentials(grpcModule, env.PLUGIN_CLIENT_CERT);
    const cancellation = new CallCancellation();
    const server = new grpcModule.Server({ "grpc.max_receive_message_length": MAX_MESSAGE_BYTES, "grpc.max_send_message_length": MAX_MESSAGE_BYTES });
    const address = listenAddress(env, process.platform, tmpdir(), `${process.pid}-${randomBytes(4).toString("hex")}`);
    const cleanUp = (why: string) => {
        cancellation.cancelAll(why);
        server.forceShutdown();
        if (address.network === "unix") rmSync(address.path, { force: true });
    };
    const shutdown = () => {
        cancellation.cancelAll("the CLI called Shutdown");
        // The answer to Shutdown is sent: let it (and any other answer) finish, but not for long.
        const exit = () => {
            cleanUp("the CLI called Shutdown");
            process.exit(0);
        };
        setTimeout(exit, SHUTDOWN_GRACE_MS).unref();
        server.tryShutdown(exit);
    };
    for (const service of goPluginServices(shutdown)) server.addService(service.definition, service.implementation);
    const provider = providerService(cancellation);
    server.addService(provider.definition, provider.implementation);
    // Watched from the start: a CLI that dies while the provider starts is noticed too.
    exitWithParent({ watchStdin: false, beforeExit: () => cleanUp("the CLI that started this provider is gone") });
    // The CLI forwards Ctrl-C to its process group and then stops the provider with StopProvider and Shutdown.
    process.on("SIGINT", () => undefined);
    // A plain kill: the same clean-up as Shutdown's (SIGKILL, which go-plugin sends after its grace period, leaves the socket).
    process.once("SIGTERM", () => {
        cleanUp("the provider was terminated");
        process.exit(143);
    });
    const listening = await listen(server, address, serverCredentials);
    process.stdout.write(handshakeLine(protocol, address.network, listening, certDer));
}

/**
 * `--write-mirror DIR`: writes a `filesystem_mirror` layout whose launcher runs this installed package (see
 * `mirror-layout.ts`), prints the files written and exits. Loaded only for that flag.
 */
function writeMirrorCommand(args: readonly string[]): void {
    const mirror = require("./mirror-layout") as typeof import("./mirror-layout");
    const { packageVersion } = require("../plugin/main") as typeof import("../plugin/main");
    try {
        const dir = mirror.mirrorDirArgument(args);
        const written = mirror.writeMirror({ dir, version: packageVersion(__dirname), mainScript: __filename });
        process.stdout.write(`${written.join("\n")}\n`);
    } catch (error) {
        process.stderr.write(`${EXECUTABLE_NAME}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    }
}

if (require.main === module && process.argv[2] === "--write-mirror") {
    writeMirrorCommand(process.argv.slice(2));
} else if (require.main === module) {
    start().catch((error: unknown) => {
        const message =
            error instanceof HandshakeRefusal
                ? error.message
                : `${EXECUTABLE_NAME}: could not start: ${error instanceof Error ? error.message : String(error)}`;
        process.stderr.write(`${message}\n`);
        process.exit(1);
    });
}
