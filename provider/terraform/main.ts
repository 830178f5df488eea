#!/usr/bin/env node
/**
 * `terraform-provider-alicloudmessagecontacts`: the Terraform and OpenTofu provider, started by the CLI the way
 * hashicorp/go-plugin starts a plugin. It refuses to run without the CLI's magic cookie, chooses protocol 6,
 * makes a fresh certificate when the CLI asks for AutoMTLS (`PLUGIN_CLIENT_CERT`: TLS is then mandatory, and only
 * that client certificate is accepted), listens on a Unix socket (loopback TCP on Windows), and prints the one
 * handshake line. Only the listening socket and the certificate are made before that line; `node:http2` (the small
 * gRPC server of `grpc-http2-server.ts`) loads right after it, and the protocol's codec, msgpack and the Alibaba
 * Cloud client on the first RPC. It exits on the CLI's Shutdown, or when the CLI is gone (its parent
 * process changes; stdin is the CLI's own and says nothing, see `../plugin-process/parent-watch.ts`).
 * `--write-mirror DIR` instead writes a `filesystem_mirror` layout that runs this installed package
 * (`mirror-layout.ts`) and exits; `--version` and `--help` answer as a command-line tool's do
 * (`../plugin-process/command-line.ts`); any other argument is a usage error (go-plugin passes none).
 */
import "../plugin-process/compile-cache";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CallCancellation } from "../plugin-process/call-cancellation";
import { providerCommand, USAGE_ERROR_EXIT } from "../plugin-process/command-line";
import { exitWithParent } from "../plugin-process/exit-with-parent";
import { goPluginMethods } from "./go-plugin-services";
import { Http2GrpcServer } from "./grpc-http2-server";
import {
    checkMagicCookie,
    EXECUTABLE_NAME,
    GO_PLUGIN_ENV,
    handshakeLine,
    HandshakeRefusal,
    ListenAddress,
    listenAddress,
    negotiateProtocol,
    SOCKET_DIR_PREFIX,
    SOCKET_NAME,
} from "./handshake";
import { providerMethods } from "./provider-grpc-service";
import { WRITE_MIRROR_FLAG } from "./provider-flags";
import { selfSignedCertificate } from "./self-signed-certificate";

/** How long answers in flight may take to finish after Shutdown. */
const SHUTDOWN_GRACE_MS = 500;

/** The largest message accepted: a provider configuration or a read's state can be large, never this large. */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** Mutual TLS trusting only the CLI's certificate (AutoMTLS), with a fresh server certificate; or none. */
function tlsFor(clientCertPem: string | undefined): { tls?: { keyPem: string; certPem: string; clientCertPem: string }; certDer?: Buffer } {
    if (!clientCertPem) return {};
    const server = selfSignedCertificate();
    return { tls: { keyPem: server.keyPem, certPem: server.certPem, clientCertPem }, certDer: server.certDer };
}

/**
 * A private folder for the socket in `parent`: `mkdtemp` makes it 0700 whatever the umask, so that no other user
 * can reach the socket in it (go-plugin's own socket is made in the shared temporary folder, its mode left to
 * the umask). The folder holds the socket alone, and is removed with it.
 */
function privateSocket(parent: string): { dir: string; path: string } {
    const dir = mkdtempSync(join(parent, SOCKET_DIR_PREFIX));
    return { dir, path: join(dir, SOCKET_NAME) };
}

/** Where to listen: the socket in its private folder, or a loopback port. */
type ListenTarget = { dir: string; path: string } | Extract<ListenAddress, { network: "tcp" }>;

/** Listens on the socket (made 0600 too) or the port; resolves with the address as the handshake line gives it. */
async function listen(server: Http2GrpcServer, address: ListenTarget): Promise<string> {
    if ("path" in address) {
        const listening = await server.listen({ path: address.path });
        chmodSync(address.path, 0o600);
        return listening;
    }
    if (address.minPort <= 0 || address.maxPort < address.minPort) return server.listen({ host: address.host, port: 0 });
    for (let port = address.minPort; ; port++) {
        try {
            return await server.listen({ host: address.host, port });
        } catch (error) {
            if (port >= address.maxPort) throw error;
        }
    }
}

/** Starts the provider: the handshake, the server, the line. Resolves once the line is printed. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    checkMagicCookie(env);
    const protocol = negotiateProtocol(env);
    const { tls, certDer } = tlsFor(env[GO_PLUGIN_ENV.clientCert]);
    const cancellation = new CallCancellation();
    const address = listenAddress(env, process.platform, tmpdir());
    const target: ListenTarget = address.network === "unix" ? privateSocket(address.parent) : address;
    const removeSocket = () => {
        if ("dir" in target) rmSync(target.dir, { recursive: true, force: true });
    };
    const cleanUp = (why: string) => {
        cancellation.cancelAll(why);
        server.destroy();
        removeSocket();
    };
    const shutdown = () => {
        cancellation.cancelAll("the CLI called Shutdown");
        // The answer to Shutdown is sent: let it (and any other answer) finish, but not for long.
        void server.close(SHUTDOWN_GRACE_MS).then(() => {
            removeSocket();
            process.exit(0);
        });
    };
    // The closures above run only after this line (on Shutdown, a signal, or the parent's end).
    const server = new Http2GrpcServer({
        methods: { ...goPluginMethods(shutdown), ...providerMethods(cancellation) },
        maxMessageBytes: MAX_MESSAGE_BYTES,
        ...(tls ? { tls } : {}),
    });
    // Watched from the start: a CLI that dies while the provider starts is noticed too.
    exitWithParent({ watchStdin: false, beforeExit: () => cleanUp("the CLI that started this provider is gone") });
    // The CLI forwards Ctrl-C to its process group and then stops the provider with StopProvider and Shutdown.
    process.on("SIGINT", () => undefined);
    // A plain kill: the same clean-up as Shutdown's (SIGKILL, which go-plugin sends after its grace period, leaves the socket).
    process.once("SIGTERM", () => {
        cleanUp("the provider was terminated");
        process.exit(143);
    });
    const listening = await listen(server, target).catch((error: unknown) => {
        removeSocket();
        throw error;
    });
    process.stdout.write(handshakeLine(protocol, address.network, listening, certDer));
    // HTTP/2 and TLS load now, while the CLI reads the line and dials (a connection that comes first loads them).
    setImmediate(() => server.prepare());
}

/**
 * `--write-mirror DIR`: writes a `filesystem_mirror` layout whose launcher runs this installed package (see
 * `mirror-layout.ts`), prints the files written and exits: 2 when the arguments are wrong, 1 when writing failed.
 * Loaded only for that flag.
 */
function writeMirrorCommand(args: readonly string[]): void {
    const mirror = require("./mirror-layout") as typeof import("./mirror-layout");
    const { packageVersion } = require("../package-version") as typeof import("../package-version");
    const fail = (error: unknown, code: number) => {
        process.stderr.write(`${EXECUTABLE_NAME}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = code;
    };
    let dir: string;
    try {
        dir = mirror.mirrorDirArgument(args);
    } catch (error) {
        return fail(error, USAGE_ERROR_EXIT);
    }
    try {
        const written = mirror.writeMirror({ dir, version: packageVersion(__dirname), mainScript: __filename });
        process.stdout.write(`${written.join("\n")}\n`);
    } catch (error) {
        fail(error, 1);
    }
}

/** Runs the provider as the CLI starts it: {@link start}, or a message and exit code 1 when it cannot. */
export function runProvider(): void {
    start().catch((error: unknown) => {
        const message =
            error instanceof HandshakeRefusal
                ? error.message
                : `${EXECUTABLE_NAME}: could not start: ${error instanceof Error ? error.message : String(error)}`;
        process.stderr.write(`${message}\n`);
        process.exit(1);
    });
}

/**
 * Runs the executable with its arguments: none (as the CLI starts it) serves; `--write-mirror DIR` writes a mirror;
 * `--version` and `--help` print; anything else is a usage error, exit code 2.
 */
export function main(args: readonly string[]): void {
    const command = providerCommand(args, { name: EXECUTABLE_NAME, flags: [WRITE_MIRROR_FLAG], otherArguments: "refuse" });
    if (command.kind === "serve") runProvider();
    else if (command.kind === "version") {
        const { packageVersion } = require("../package-version") as typeof import("../package-version");
        process.stdout.write(`${packageVersion(__dirname)}\n`);
    } else if (command.kind === "help") process.stdout.write((require("./provider-help") as typeof import("./provider-help")).providerHelp());
    else if (command.kind === "flag") writeMirrorCommand(command.args);
    else {
        process.stderr.write(`${command.message}\n`);
        process.exitCode = USAGE_ERROR_EXIT;
    }
}

if (require.main === module) main(process.argv.slice(2));
