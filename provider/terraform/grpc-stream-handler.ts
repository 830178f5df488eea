/**
 * What the gRPC server does with each HTTP/2 connection and stream: the request's headers read as grpc-go reads
 * them (`grpc-request-headers.ts`), a unary request's message read as it arrives (`grpc-message-reader.ts`) within
 * the server's budget of buffered bytes (`grpc-buffer-budget.ts`), the method called once the request has ended,
 * and the answer: headers, the one message and trailers; or trailers alone for a status. A refusal made before
 * the client has ended its side is followed by RST_STREAM (NO_ERROR), as grpc-go does, and nothing more of that
 * stream is read.
 *
 * Bounds: at most `maxStreamsPerConnection` streams at once on a connection (more are refused with
 * REFUSED_STREAM, which clients retry); at most `maxBufferedBytes` of request messages held across the server.
 * A connection whose peer broke the protocol is closed: Node.js 20 has nghttp2 send GOAWAY for it but then neither
 * reads nor closes the socket, and says nothing (Node.js 24.21 and 26 close it), so a connection that received
 * bytes is pinged now and then, and closed when the ping goes unanswered.
 *
 * Loaded with `node:http2` by `Http2GrpcServer.prepare`, after the handshake line.
 */
import { EventEmitter } from "node:events";
import { constants, Http2Session, IncomingHttpHeaders, ServerHttp2Stream } from "node:http2";
import type { CancellableCall } from "../plugin-process/call-cancellation";
import { BufferBudget } from "./grpc-buffer-budget";
import { GRPC_STATUS, GrpcStatusError, Http2GrpcServerOptions, UnaryMethod } from "./grpc-http2-server";
import { frameMessage, UnaryRequestReader } from "./grpc-message-reader";
import { encodeGrpcMessage, readRequestHeaders, servicesOf } from "./grpc-request-headers";

/**
 * Streams at once on one connection, unless the options say otherwise. grpc-go's server has no limit by default;
 * its client opens at most 100 streams when the server names no limit (defaultMaxStreamsClient), so a grpc-go
 * client (a Terraform or OpenTofu CLI) never meets this one.
 */
export const DEFAULT_MAX_STREAMS_PER_CONNECTION = 100;
/**
 * How often a connection that received bytes is pinged, unless the options say otherwise; it is closed after two
 * checks without the ack. (grpc-go's server pings a connection idle for 2 hours and closes it 20 s later without
 * the ack; an idle connection is never pinged here, since only received bytes can break it.)
 */
export const DEFAULT_LIVENESS_CHECK_MS = 5000;
/** The longest delay a Node.js timer holds (2^31 - 1 ms, about 24.8 days); longer deadlines are armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

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

/** Calls `fire` after `ms` (any length, in steps a timer holds); returns the cancel. */
function deadlineTimer(ms: number, fire: () => void): () => void {
    let timer: NodeJS.Timeout;
    const arm = (left: number) => {
        timer = setTimeout(() => (left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : fire()), Math.min(left, MAX_TIMER_MS));
        timer.unref();
    };
    arm(ms);
    return () => clearTimeout(timer);
}

/** A connection's liveness check: the bytes read when it was last pinged, and the checks its ping has been waiting. */
interface Liveness {
    bytesRead: number;
    waitingChecks: number | undefined;
}

/** Whether the client has not ended its side of the stream (so a refusal is followed by RST_STREAM). */
function clientStillSending(stream: ServerHttp2Stream): boolean {
    return !stream.destroyed && stream.state?.remoteClose !== 1;
}

/** The server's handling of connections and streams. */
export class GrpcStreamHandler {
    readonly #paths: ReadonlySet<string>;
    readonly #services: ReadonlySet<string>;
    readonly #budget: BufferBudget;
    readonly #maxStreams: number;
    readonly #livenessMs: number;
    /** Streams open per connection. */
    readonly #streams = new Map<Http2Session, number>();
    readonly #liveness = new Map<Http2Session, Liveness>();
    #livenessTimer: NodeJS.Timeout | undefined;
    /** The streams of held methods, ended by {@link endHeld}. */
    readonly #held = new Set<ServerHttp2Stream>();

    constructor(private readonly options: Http2GrpcServerOptions) {
        this.#paths = new Set(Object.keys(options.methods));
        this.#services = servicesOf(this.#paths);
        // At least maxMessageBytes: the server's constructor checks it.
        this.#budget = new BufferBudget(options.maxBufferedBytes ?? options.maxMessageBytes);
        this.#maxStreams = options.maxStreamsPerConnection ?? DEFAULT_MAX_STREAMS_PER_CONNECTION;
        this.#livenessMs = options.livenessCheckMs ?? DEFAULT_LIVENESS_CHECK_MS;
    }

    /** Bytes of the budget not reserved (for tests and diagnostics). */
    get bufferedBytesAvailable(): number {
        return this.#budget.available;
    }

    /** A new connection: counted, and checked for liveness. */
    onSession(session: Http2Session): void {
        // A client that goes away mid-call is the call's cancellation, not the server's error.
        session.on("error", () => undefined);
        this.#streams.set(session, 0);
        this.#liveness.set(session, { bytesRead: session.socket?.bytesRead ?? 0, waitingChecks: undefined });
        session.once("close", () => {
            this.#streams.delete(session);
            this.#liveness.delete(session);
            if (this.#liveness.size === 0) this.#stopLiveness();
        });
        if (!this.#livenessTimer) {
            this.#livenessTimer = setInterval(() => this.#checkLiveness(), this.#livenessMs);
            this.#livenessTimer.unref();
        }
    }

    /** Ends the held streams (the server is closing) and stops the liveness checks. */
    close(): void {
        for (const stream of this.#held) this.#endHeld(stream);
        this.#stopLiveness();
    }

    /** A new stream: refused beyond the connection's limit, else read as its headers say. */
    onStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
        stream.on("error", () => undefined);
        const session = stream.session;
        const open = session ? this.#streams.get(session) : undefined;
        if (!session || open === undefined) {
            stream.close(constants.NGHTTP2_REFUSED_STREAM);
            return;
        }
        if (open >= this.#maxStreams) {
            // grpc-go's answer to a stream over its limit; clients retry it.
            stream.close(constants.NGHTTP2_REFUSED_STREAM);
            return;
        }
        this.#streams.set(session, open + 1);
        stream.once("close", () => {
            const now = this.#streams.get(session);
            if (now !== undefined) this.#streams.set(session, now - 1);
        });
        const read = readRequestHeaders(headers, this.#paths, this.#services);
        if (read.refused) {
            this.#refuse(stream, read.status, read.contentType, read.httpStatus);
            return;
        }
        const path = headers[":path"] as string;
        const method = this.options.methods[path];
        if (method === undefined) return;
        if ("held" in method) {
            this.#held.add(stream);
            stream.respond({ ":status": 200, "content-type": read.contentType }, { waitForTrailers: true });
            stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(GRPC_STATUS.OK) }));
            stream.once("close", () => this.#held.delete(stream));
            stream.resume();
            return;
        }
        this.#unary(stream, path, method, read.contentType, read.timeoutMs);
    }

    #unary(stream: ServerHttp2Stream, path: string, method: UnaryMethod, contentType: string, timeoutMs: number | undefined): void {
        const call = new Http2Call(path);
        let answered = false;
        const answer = (send: () => void) => {
            if (answered) return;
            answered = true;
            send();
        };
        const cancelDeadline =
            timeoutMs === undefined
                ? undefined
                : deadlineTimer(timeoutMs, () => {
                      call.cancel();
                      // grpc-go's answer when the method returns its context's error at the deadline.
                      answer(() => this.#refuse(stream, new GrpcStatusError(GRPC_STATUS.DEADLINE_EXCEEDED, "context deadline exceeded"), contentType));
                  });
        const reader = new UnaryRequestReader(this.options.maxMessageBytes);
        let release: (() => void) | undefined;
        stream.once("close", () => {
            cancelDeadline?.();
            release?.();
            if (!answered) call.cancel();
        });
        const onData = (chunk: Buffer) => {
            const refusal = reader.push(chunk);
            if (refusal) {
                stream.off("data", onData);
                answer(() => this.#refuse(stream, refusal, contentType));
                return;
            }
            const bytes = reader.firstMessageBytes;
            if (release !== undefined || bytes === undefined) return;
            let granted = false;
            release = this.#budget.reserve(bytes, () => {
                granted = true;
                if (stream.isPaused()) stream.resume();
            });
            // Until its bytes are granted the stream is not read: flow control holds the client to one window.
            if (!granted) stream.pause();
        };
        stream.on("data", onData);
        stream.once("end", () => {
            if (answered) return;
            const message = reader.end();
            if (message instanceof GrpcStatusError) {
                answer(() => this.#refuse(stream, message, contentType));
                return;
            }
            Promise.resolve()
                .then(() => method(message, call))
                .then(
                    (response) =>
                        answer(() => {
                            if (stream.destroyed || stream.closed) return;
                            stream.respond({ ":status": 200, "content-type": contentType }, { waitForTrailers: true });
                            stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(GRPC_STATUS.OK) }));
                            stream.end(frameMessage(response));
                        }),
                    (error: unknown) =>
                        answer(() =>
                            this.#refuse(
                                stream,
                                error instanceof GrpcStatusError
                                    ? error
                                    : new GrpcStatusError(GRPC_STATUS.UNKNOWN, error instanceof Error ? error.message : String(error)),
                                contentType,
                            ),
                        ),
                );
        });
    }

    /**
     * Answers a status alone (trailers only, with `httpStatus`); when the client is still sending, resets the
     * stream after it (NO_ERROR), so that nothing more of it is read.
     */
    #refuse(stream: ServerHttp2Stream, status: GrpcStatusError, contentType: string, httpStatus = 200): void {
        if (stream.destroyed || stream.closed || stream.headersSent) return;
        stream.respond(
            { ":status": httpStatus, "content-type": contentType, "grpc-status": String(status.code), "grpc-message": encodeGrpcMessage(status.message) },
            { endStream: true },
        );
        if (clientStillSending(stream)) stream.close(constants.NGHTTP2_NO_ERROR);
    }

    #endHeld(stream: ServerHttp2Stream): void {
        this.#held.delete(stream);
        if (!stream.destroyed && !stream.closed) stream.end();
    }

    /** Pings each connection that received bytes since its last ping; closes one whose ping waited two checks. */
    #checkLiveness(): void {
        for (const [session, liveness] of this.#liveness) {
            if (session.destroyed) continue;
            if (liveness.waitingChecks !== undefined) {
                liveness.waitingChecks += 1;
                if (liveness.waitingChecks >= 2) session.destroy();
                continue;
            }
            const bytesRead = session.socket?.bytesRead ?? 0;
            if (bytesRead === liveness.bytesRead) continue;
            liveness.bytesRead = bytesRead;
            liveness.waitingChecks = 0;
            try {
                session.ping(() => (liveness.waitingChecks = undefined));
            } catch {
                session.destroy();
            }
        }
    }

    #stopLiveness(): void {
        if (this.#livenessTimer) clearInterval(this.#livenessTimer);
        this.#livenessTimer = undefined;
    }
}
