/**
 * gRPC calls made with `node:http2`'s client, byte for byte as the case asks: any headers (a bad content type, a
 * malformed `grpc-timeout`), any body (a prefix declaring any length, a flag, two messages), sent in the chunks
 * given, the stream ended or left open, reset by the client at a moment. What came back is read as the
 * {@link Outcome}: the HTTP status, `grpc-status` and `grpc-message` (percent-decoded) of the headers or trailers,
 * the answer's message, or the code of the RST_STREAM that ended the stream unanswered.
 */
import { ClientHttp2Session, connect, constants, IncomingHttpHeaders } from "node:http2";

/** What a probe saw. Cases expect some of these fields; the others are not compared. */
export interface Outcome {
    /** The `:status` of the answer's headers. */
    http?: number;
    /** `grpc-status`, of a trailers-only answer or of the trailers. */
    status?: number;
    /** `grpc-message`, percent-decoded. */
    message?: string;
    /** The answer's messages (without their prefixes), as UTF-8. */
    body?: string;
    /** The answer's `content-type`. */
    contentType?: string;
    /** The RST_STREAM code that ended the stream before any answer. */
    reset?: number;
    /** The GOAWAY error code, when the server ended the connection with one. */
    goaway?: number;
    /** Whether the connection served a call afterwards, or was closed. */
    connection?: "serves" | "closed";
    /** Whether the method saw its call cancelled. */
    cancelled?: boolean;
    /** How many streams were refused (RST_STREAM REFUSED_STREAM). */
    refused?: number;
    /** What a `@grpc/grpc-js` client reported: the status code and its details. */
    code?: number;
    details?: string;
}

/** A gRPC message: the prefix (flag, length) and the bytes. */
export function grpcMessage(bytes: Buffer | string, flag = 0, declaredLength?: number): Buffer {
    const body = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
    const prefix = Buffer.alloc(5);
    prefix[0] = flag;
    prefix.writeUInt32BE(declaredLength ?? body.length, 1);
    return Buffer.concat([prefix, body]);
}

/** `grpc-message` decoded: `%XX` escapes are bytes, the whole UTF-8. */
export function decodeGrpcMessage(value: string): string {
    const bytes: number[] = [];
    for (let i = 0; i < value.length; i++) {
        const escape = value[i] === "%" ? /^[0-9A-Fa-f]{2}$/.exec(value.slice(i + 1, i + 3)) : null;
        if (escape) {
            bytes.push(parseInt(escape[0], 16));
            i += 2;
        } else bytes.push(value.charCodeAt(i));
    }
    return Buffer.from(bytes).toString("utf8");
}

/** The messages of an answer's body, without their prefixes, as UTF-8. */
function messagesOf(body: Buffer): string {
    let text = "";
    for (let offset = 0; offset + 5 <= body.length;) {
        const length = body.readUInt32BE(offset + 1);
        text += body.subarray(offset + 5, offset + 5 + length).toString("utf8");
        offset += 5 + length;
    }
    return text;
}

/** What one call sends. */
export interface CallRequest {
    /** The path (default `/conformance.Test/Echo`). */
    path?: string;
    /** Headers over (or, undefined, removing) the defaults: POST, `content-type: application/grpc`, `te: trailers`. */
    headers?: Record<string, string | undefined>;
    /** The body's chunks, each written as it is (a chunk up to 16 KiB goes in one DATA frame). */
    chunks?: readonly Buffer[];
    /** Whether the client ends its side after the chunks (default true). */
    end?: boolean;
    /** Resets the stream with this code (CANCEL is 8) `resetAfterMs` after the chunks. */
    reset?: { code: number; afterMs: number };
    /** How long to wait for the stream to end before giving up on it (default 5 s): the outcome is then empty. */
    waitMs?: number;
}

/** Opens a session to `host:port`, plain text (h2c with prior knowledge, as gRPC clients do). */
export function openSession(address: string): Promise<ClientHttp2Session> {
    return new Promise((resolve, reject) => {
        const session = connect(`http://${address}`);
        session.once("connect", () => resolve(session));
        session.once("error", reject);
    });
}

/** The headers of a call: the defaults with the request's over them. */
function requestHeaders(request: CallRequest): Record<string, string> {
    const headers: Record<string, string | undefined> = {
        ":method": "POST",
        ":path": request.path ?? "/conformance.Test/Echo",
        "content-type": "application/grpc",
        te: "trailers",
        ...request.headers,
    };
    return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Reads the answer's headers into the outcome. */
function readHeaders(outcome: Outcome, headers: IncomingHttpHeaders): void {
    if (headers[":status"] !== undefined) outcome.http = Number(headers[":status"]);
    if (typeof headers["content-type"] === "string") outcome.contentType = headers["content-type"];
    if (typeof headers["grpc-status"] === "string") outcome.status = Number(headers["grpc-status"]);
    if (typeof headers["grpc-message"] === "string" && headers["grpc-message"] !== "") outcome.message = decodeGrpcMessage(headers["grpc-message"]);
}

/** Makes one call on `session` (or a new session to `address`, closed after) and reads its outcome. */
export async function h2Call(target: ClientHttp2Session | string, request: CallRequest = {}): Promise<Outcome> {
    const session = typeof target === "string" ? await openSession(target) : target;
    try {
        return await new Promise<Outcome>((resolve) => {
            const outcome: Outcome = {};
            const body: Buffer[] = [];
            const stream = session.request(requestHeaders(request), { endStream: false });
            const giveUp = setTimeout(() => {
                stream.close(constants.NGHTTP2_CANCEL);
                resolve({});
            }, request.waitMs ?? 5000);
            stream.on("response", (headers) => readHeaders(outcome, headers));
            stream.on("trailers", (headers) => readHeaders(outcome, headers));
            stream.on("data", (chunk: Buffer) => body.push(chunk));
            stream.on("error", () => undefined);
            stream.on("close", () => {
                clearTimeout(giveUp);
                if (outcome.http === undefined && stream.rstCode !== undefined && stream.rstCode !== constants.NGHTTP2_NO_ERROR) outcome.reset = stream.rstCode;
                if (body.length > 0) outcome.body = messagesOf(Buffer.concat(body));
                resolve(outcome);
            });
            for (const chunk of request.chunks ?? [grpcMessage("ping")]) stream.write(chunk);
            if (request.end !== false) stream.end();
            if (request.reset) {
                const { code, afterMs } = request.reset;
                setTimeout(() => stream.close(code), afterMs);
            }
        });
    } finally {
        if (typeof target === "string") session.close();
    }
}
