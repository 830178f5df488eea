/**
 * A small gRPC server over `node:http2`: unary methods, and server-streaming methods that only hold their stream
 * open (go-plugin's `GRPCStdio`). Every RPC a Terraform or OpenTofu CLI calls on a provider is one of those, so
 * the provider needs no general gRPC library: loading `@grpc/grpc-js` alone cost more start-up time than the whole
 * budget of the handshake line. Wire format (gRPC over HTTP/2): a `POST` to `/<service>/<method>` with
 * `content-type: application/grpc`, each message prefixed by a compressed flag (0) and its length (4 bytes, big
 * endian); the answer's headers, its one message, then trailers with `grpc-status` (and `grpc-message`), or
 * trailers alone for an error. Messages are opaque bytes here: the codec is the caller's. What it answers to odd
 * or hostile requests is grpc-go's answer (tests/terraform/grpc-server-conformance.test.ts, judged by grpc-go in
 * the engine tests).
 *
 * A plain `net` server listens and hands each connection to the HTTP/2 server, which is made (and `node:http2`,
 * with TLS, loaded: about as long as a bare Node.js start takes to boot) by {@link Http2GrpcServer.prepare}, after
 * the caller has printed its handshake line, while the CLI reads it and dials; a connection that comes first
 * prepares it at once. The handling of streams (`grpc-stream-handler.ts` and what it uses) loads with it: this
 * file holds only what the process needs before its handshake line.
 */
import type * as http2 from "node:http2";
import { createServer, Server, Socket } from "node:net";
import type { CancellableCall } from "../plugin-process/call-cancellation";
import { presentsTrustedCertificate, trustedClientCertificates } from "./client-certificates";
import type * as StreamHandlerModule from "./grpc-stream-handler";

/** The gRPC status codes the server and its methods answer. */
export const GRPC_STATUS = {
    OK: 0,
    CANCELLED: 1,
    UNKNOWN: 2,
    INVALID_ARGUMENT: 3,
    DEADLINE_EXCEEDED: 4,
    RESOURCE_EXHAUSTED: 8,
    FAILED_PRECONDITION: 9,
    UNIMPLEMENTED: 12,
    INTERNAL: 13,
} as const;

/** An error answered as a gRPC status. */
export class GrpcStatusError extends Error {
    constructor(
        readonly code: number,
        message: string,
    ) {
        super(message);
        this.name = new.target.name;
    }
}

/** A unary method: the request's bytes and its call (for cancellation) in, the answer's bytes out. */
export type UnaryMethod = (request: Buffer, call: CancellableCall) => Promise<Buffer>;

/** A server-streaming method that sends nothing: it holds the stream until {@link Http2GrpcServer.close}. */
export type HeldStreamMethod = { held: true };

/** The methods by path (`/tfplugin6.Provider/ReadDataSource`). */
export type Methods = Readonly<Record<string, UnaryMethod | HeldStreamMethod>>;

/**
 * What the server is given: its methods, TLS (mutual, trusting only the client certificate) or none, the largest
 * message, and the bounds of what it holds for clients (each has a default).
 */
export interface Http2GrpcServerOptions {
    methods: Methods;
    tls?: { keyPem: string; certPem: string; clientCertPem: string };
    /** The largest request message; a longer one is refused (RESOURCE_EXHAUSTED) as soon as its length is read. */
    maxMessageBytes: number;
    /** Bytes of request messages held at once across every stream (at least, and by default, `maxMessageBytes`). */
    maxBufferedBytes?: number;
    /** Streams open at once on one connection; more are refused with REFUSED_STREAM. Default: {@link StreamHandlerModule.DEFAULT_MAX_STREAMS_PER_CONNECTION}. */
    maxStreamsPerConnection?: number;
    /** How often a connection that received bytes is pinged, in ms; it is closed after two unanswered. Default: {@link StreamHandlerModule.DEFAULT_LIVENESS_CHECK_MS}. */
    livenessCheckMs?: number;
}

/**
 * The largest header list a request may send (advertised as SETTINGS_MAX_HEADER_LIST_SIZE), and the pairs it may
 * hold: as many as fit (32 bytes each at least, by HPACK's count), so that size is the one limit, as in grpc-go.
 * grpc-go's default is 16 MiB (going to 8 KiB); nghttp2 refuses any one header field over 64 KiB whatever the
 * setting, and bounds the CONTINUATION frames of one block, so a larger limit would buy little but memory.
 */
const MAX_HEADER_LIST_BYTES = 64 * 1024;
const MAX_HEADER_LIST_PAIRS = MAX_HEADER_LIST_BYTES / 32;

/** The server; {@link listen} starts it, {@link close} stops it. */
export class Http2GrpcServer {
    /** Accepts the connections, from {@link listen} on. */
    readonly #listener: Server;
    /** Serves them: made by {@link prepare}. */
    #server: http2.Http2Server | http2.Http2SecureServer | undefined;
    #handler: StreamHandlerModule.GrpcStreamHandler | undefined;
    readonly #sessions = new Set<http2.ServerHttp2Session>();
    /** The client certificates served, when TLS is on: the only clients served (`client-certificates.ts`). */
    readonly #trusted: readonly Buffer[] | undefined;

    constructor(private readonly options: Http2GrpcServerOptions) {
        this.#trusted = options.tls ? trustedClientCertificates(options.tls.clientCertPem) : undefined;
        const buffered = options.maxBufferedBytes ?? options.maxMessageBytes;
        if (buffered < options.maxMessageBytes)
            throw new RangeError(
                `maxBufferedBytes (${buffered}) must be at least maxMessageBytes (${options.maxMessageBytes}), or a message under the limit could never be read`,
            );
        this.#listener = createServer((socket: Socket) => this.prepare().emit("connection", socket));
    }

    /** Bytes of the budget for request messages still arriving that no stream has reserved. */
    get bufferedBytesAvailable(): number {
        return this.#handler?.bufferedBytesAvailable ?? this.options.maxBufferedBytes ?? this.options.maxMessageBytes;
    }

    /** Loads `node:http2` and the stream handling, and makes the HTTP/2 server, once; returns it. */
    prepare(): http2.Http2Server | http2.Http2SecureServer {
        if (this.#server) return this.#server;
        const { options } = this;
        const http2 = require("node:http2") as typeof import("node:http2");
        const { GrpcStreamHandler } = require("./grpc-stream-handler") as typeof StreamHandlerModule;
        const handler = new GrpcStreamHandler(options);
        const limits = { settings: { maxHeaderListSize: MAX_HEADER_LIST_BYTES }, maxHeaderListPairs: MAX_HEADER_LIST_PAIRS };
        const server = options.tls
            ? http2.createSecureServer({
                  key: options.tls.keyPem,
                  cert: options.tls.certPem,
                  // No CA, not even the client's (which would copy Node.js's root store into the context): the
                  // client's certificate is compared with the trusted ones as each session starts.
                  ca: [],
                  requestCert: true,
                  rejectUnauthorized: false,
                  minVersion: "TLSv1.2",
                  ...limits,
              })
            : http2.createServer(limits);
        const trusted = this.#trusted;
        server.on("session", (session: http2.ServerHttp2Session) => {
            // Before any stream of it is read (they come on later turns of the event loop).
            if (trusted && !presentsTrustedCertificate(session.socket, trusted)) return session.destroy();
            this.#sessions.add(session);
            session.once("close", () => this.#sessions.delete(session));
            handler.onSession(session);
        });
        server.on("stream", (stream, headers) => handler.onStream(stream, headers));
        this.#handler = handler;
        this.#server = server;
        return server;
    }

    /** Listens on a Unix socket path, or `host:port` (port 0: any free port); resolves with the address listened on. */
    listen(target: { path: string } | { host: string; port: number }): Promise<string> {
        return new Promise((resolve, reject) => {
            this.#listener.once("error", reject);
            const done = () => {
                this.#listener.off("error", reject);
                const address = this.#listener.address();
                resolve("path" in target ? target.path : typeof address === "object" && address ? `${target.host}:${address.port}` : "");
            };
            if ("path" in target) this.#listener.listen(target.path, done);
            else this.#listener.listen(target.port, target.host, done);
        });
    }

    /** Ends the held streams, lets answers in flight finish for up to `graceMs`, then closes every connection. */
    close(graceMs: number): Promise<void> {
        this.#handler?.close();
        return new Promise((resolve) => {
            const force = setTimeout(() => {
                for (const session of this.#sessions) session.destroy();
                resolve();
            }, graceMs);
            force.unref();
            this.#listener.close(() => {
                clearTimeout(force);
                resolve();
            });
            for (const session of this.#sessions) session.close();
        });
    }

    /** Closes every connection at once (the process is leaving). */
    destroy(): void {
        this.#handler?.close();
        for (const session of this.#sessions) session.destroy();
        this.#listener.close();
    }
}
