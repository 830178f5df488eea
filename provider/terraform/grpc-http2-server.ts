/**
 * A small gRPC server over `node:http2`: unary methods, and server-streaming methods that only hold their stream
 * open (go-plugin's `GRPCStdio`). Every RPC a Terraform or OpenTofu CLI calls on a provider is one of those, so
 * the provider needs no general gRPC library: loading `@grpc/grpc-js` alone cost more start-up time than the whole
 * budget of the handshake line. Wire format (gRPC over HTTP/2): a `POST` to `/<service>/<method>` with
 * `content-type: application/grpc`, each message prefixed by a compressed flag (0) and its length (4 bytes, big
 * endian); the answer's headers, its one message, then trailers with `grpc-status` (and `grpc-message`), or
 * trailers alone for an error. Messages are opaque bytes here: the codec is the caller's.
 *
 * A plain `net` server listens and hands each connection to the HTTP/2 server, which is made (and `node:http2`,
 * with TLS, loaded: about as long as a bare Node.js start takes to boot) by {@link Http2GrpcServer.prepare}, after
 * the caller has printed its handshake line, while the CLI reads it and dials; a connection that comes first
 * prepares it at once.
 */
import { EventEmitter } from "node:events";
import type * as http2 from "node:http2";
import { createServer, Server, Socket } from "node:net";
import type { CancellableCall } from "../plugin/call-cancellation";

/** gRPC status codes used here. */
export const GRPC_STATUS = { OK: 0, CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, UNIMPLEMENTED: 12, INTERNAL: 13 } as const;

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

/** What the server is given: its methods, TLS (mutual, trusting only the client certificate) or none, and the largest message. */
export interface Http2GrpcServerOptions {
    methods: Methods;
    tls?: { keyPem: string; certPem: string; clientCertPem: string };
    maxMessageBytes: number;
}

/** `grpc-timeout` (`100m`, `5S`, `1H`) in milliseconds, or undefined. */
export function grpcTimeoutMs(value: string | undefined): number | undefined {
    const match = /^(\d{1,8})([HMSmun])$/.exec(value ?? "");
    if (!match) return undefined;
    const amount = Number(match[1]);
    const factor = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 0.001, n: 0.000001 }[match[2] as "H" | "M" | "S" | "m" | "u" | "n"];
    return amount * factor;
}

/** `grpc-message` percent-encoded, as the protocol asks (bytes outside printable ASCII, and `%`). */
export function encodeGrpcMessage(message: string): string {
    let encoded = "";
    for (const byte of Buffer.from(message, "utf8")) {
        encoded += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return encoded;
}

/** One message with its gRPC prefix. */
export function frameMessage(message: Buffer): Buffer {
    const prefix = Buffer.alloc(5);
    prefix.writeUInt32BE(message.length, 1);
    return Buffer.concat([prefix, message]);
}

/** The one message of a unary request's body, or the status to refuse it with. */
export function unframeMessage(body: Buffer, maxMessageBytes: number): Buffer | GrpcStatusError {
    if (body.length < 5) return new GrpcStatusError(GRPC_STATUS.INTERNAL, "the request holds no message");
    if (body[0] !== 0) return new GrpcStatusError(GRPC_STATUS.UNIMPLEMENTED, "compressed messages are not accepted");
    const length = body.readUInt32BE(1);
    if (length > maxMessageBytes) return new GrpcStatusError(GRPC_STATUS.RESOURCE_EXHAUSTED, `a message of ${length} bytes is over ${maxMessageBytes}`);
    if (body.length !== 5 + length) return new GrpcStatusError(GRPC_STATUS.INTERNAL, "a unary request must hold exactly one message");
    return body.subarray(5, 5 + length);
}

const RESPONSE_HEADERS = { ":status": 200, "content-type": "application/grpc+proto" } as const;

/** A call as the cancellation tracker sees it: cancelled when the client goes or the deadline passes. */
class Http2Call extends EventEmitter implements CancellableCall {
    cancelled = false;
    constructor(private readonly path: string) {
        super();
    }
    getPath(): string {
        return this.path;
    }
    cancel(): void {
        if (this.cancelled) return;
        this.cancelled = true;
        this.emit("cancelled");
    }
}

/** The server; {@link listen} starts it, {@link close} stops it. */
export class Http2GrpcServer {
    /** Accepts the connections, from {@link listen} on. */
    readonly #listener: Server;
    /** Serves them: made by {@link prepare}. */
    #server: http2.Http2Server | http2.Http2SecureServer | undefined;
    readonly #sessions = new Set<http2.ServerHttp2Session>();
    readonly #held = new Set<http2.ServerHttp2Stream>();

    constructor(private readonly options: Http2GrpcServerOptions) {
        this.#listener = createServer((socket: Socket) => this.prepare().emit("connection", socket));
    }

    /** Loads `node:http2` and makes the HTTP/2 server, once; returns it. */
    prepare(): http2.Http2Server | http2.Http2SecureServer {
        if (this.#server) return this.#server;
        const { options } = this;
        const settings = { maxHeaderListSize: 64 * 1024 };
        const http2 = require("node:http2") as typeof import("node:http2");
        const server = options.tls
            ? http2.createSecureServer({
                  key: options.tls.keyPem,
                  cert: options.tls.certPem,
                  ca: options.tls.clientCertPem,
                  requestCert: true,
                  rejectUnauthorized: true,
                  minVersion: "TLSv1.2",
                  settings,
              })
            : http2.createServer({ settings });
        server.on("session", (session: http2.ServerHttp2Session) => {
            this.#sessions.add(session);
            session.once("close", () => this.#sessions.delete(session));
            // A client that goes away mid-call is the call's cancellation, not the server's error.
            session.on("error", () => undefined);
        });
        server.on("stream", (stream, headers) => this.#onStream(stream, headers));
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
        for (const stream of this.#held) this.#endHeld(stream);
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
        for (const session of this.#sessions) session.destroy();
        this.#listener.close();
    }

    #endHeld(stream: http2.ServerHttp2Stream): void {
        this.#held.delete(stream);
        if (!stream.destroyed && !stream.closed) stream.end();
    }

    #onStream(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
        stream.on("error", () => undefined);
        const path = headers[":path"] ?? "";
        const method = this.options.methods[path];
        const contentType = headers["content-type"] ?? "";
        if (headers[":method"] !== "POST" || !contentType.startsWith("application/grpc")) {
            stream.respond({ ":status": 415 }, { endStream: true });
            return;
        }
        if (!method) {
            this.#fail(stream, new GrpcStatusError(GRPC_STATUS.UNIMPLEMENTED, `${path} is not implemented`));
            return;
        }
        if ("held" in method) {
            this.#held.add(stream);
            stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
            stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(GRPC_STATUS.OK) }));
            stream.once("close", () => this.#held.delete(stream));
            stream.resume();
            return;
        }
        this.#unary(stream, path, method, grpcTimeoutMs(headers["grpc-timeout"] as string | undefined));
    }

    #unary(stream: http2.ServerHttp2Stream, path: string, method: UnaryMethod, timeoutMs: number | undefined): void {
        const call = new Http2Call(path);
        let answered = false;
        const deadline =
            timeoutMs === undefined
                ? undefined
                : setTimeout(() => {
                      call.cancel();
                      if (!answered) this.#fail(stream, new GrpcStatusError(GRPC_STATUS.DEADLINE_EXCEEDED, `${path}: the deadline passed`));
                      answered = true;
                  }, timeoutMs);
        deadline?.unref();
        stream.once("close", () => {
            if (deadline) clearTimeout(deadline);
            if (!answered) call.cancel();
        });
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= this.options.maxMessageBytes + 5) chunks.push(chunk);
        });
        stream.once("end", () => {
            const message = unframeMessage(Buffer.concat(chunks), this.options.maxMessageBytes);
            const answer = message instanceof GrpcStatusError ? Promise.reject(message) : Promise.resolve().then(() => method(message, call));
            answer.then(
                (response) => {
                    if (answered) return;
                    answered = true;
                    if (stream.destroyed || stream.closed) return;
                    stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
                    stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(GRPC_STATUS.OK) }));
                    stream.end(frameMessage(response));
                },
                (error: unknown) => {
                    if (answered) return;
                    answered = true;
                    const status =
                        error instanceof GrpcStatusError
                            ? error
                            : new GrpcStatusError(GRPC_STATUS.INTERNAL, error instanceof Error ? error.message : String(error));
                    this.#fail(stream, status);
                },
            );
        });
    }

    /** Answers a status alone (trailers only). */
    #fail(stream: http2.ServerHttp2Stream, status: GrpcStatusError): void {
        if (stream.destroyed || stream.closed || stream.headersSent) return;
        stream.respond({ ...RESPONSE_HEADERS, "grpc-status": String(status.code), "grpc-message": encodeGrpcMessage(status.message) }, { endStream: true });
    }
}
