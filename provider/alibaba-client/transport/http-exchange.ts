import { isLoopbackHost } from "../endpoint";
import { TransportError } from "../errors";
import type { ByteBudget } from "./byte-budget";
import { poolFor, undici } from "./connection-pools";
import { DEFAULT_TRANSPORT_OPTIONS, TransportOptions } from "./transport-options";

/** One HTTP request as the RPC client sends it. */
export interface HttpRequest {
    origin: string;
    method: "POST" | "GET";
    /** Path and query, e.g. `/?PageNumber=1`. */
    path: string;
    headers: Record<string, string>;
    body?: string;
    /** The API operation, for error messages. */
    operation: string;
    signal?: AbortSignal;
}

/** A complete HTTP answer, body read in full (and capped). */
export interface HttpAnswer {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
}

/** Certificate and TLS protocol failures: trying again cannot mend them. */
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_)|CERT|SELF_SIGNED|^UNABLE_TO_(GET|VERIFY)|^EPROTO$/;

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);
/** The timeouts of waiting for an answer (its headers, the gaps between its body's chunks): a caller's limit. */
const ANSWER_TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** The limits of one exchange as messages name them, in the caller's words (`the 30000 ms set by argument request_timeout_ms`). */
export interface ExchangeLimitNames {
    /** The largest answer accepted. */
    maxResponseBytes?: string;
    /** The wait for an answer's headers and between its body's chunks. */
    answerTimeout?: string;
}
const REFUSED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Maps a low-level failure to a {@link TransportError}; anything else (an abort, a bug) passes through. */
function toTransportError(error: unknown, operation: string, origin: string, names: ExchangeLimitNames): unknown {
    const code = (error as { code?: unknown } | null)?.code;
    const text = error instanceof Error ? error.message : String(error);
    if (typeof code !== "string") return error;
    if (TLS_CODE.test(code)) return tlsFailure(error, code, operation, origin);
    if (TIMEOUT_CODES.has(code)) {
        const limit = ANSWER_TIMEOUT_CODES.has(code) && names.answerTimeout ? `: no answer within ${names.answerTimeout}` : "";
        return new TransportError("Timeout", operation, `timed out talking to ${origin} (${code}: ${text})${limit}`, error);
    }
    if (REFUSED_CODES.has(code)) return new TransportError("ConnectionFailed", operation, `could not connect to ${origin} (${code})`, error);
    if (code.startsWith("UND_ERR_") || code === "ECONNRESET" || code === "EPIPE") {
        return new TransportError("ConnectionReset", operation, `the connection to ${origin} broke before a complete answer (${code}: ${text})`, error);
    }
    return error;
}

/** A TLS failure, with a hint when a loopback endpoint given without a scheme is plain HTTP. */
function tlsFailure(error: unknown, code: string, operation: string, origin: string): TransportError {
    const reason = (error as { reason?: unknown }).reason;
    const text = typeof reason === "string" && reason !== "" ? reason : error instanceof Error ? error.message : String(error);
    const url = new URL(origin);
    const plainHttpHint =
        url.protocol === "https:" && isLoopbackHost(url.hostname) && /wrong version number|EPROTO|packet length/i.test(`${code} ${text}`)
            ? `; the server does not speak TLS: write http://${url.host} for a plain-HTTP endpoint on this machine`
            : "";
    return new TransportError("TlsFailed", operation, `TLS with ${origin} failed (${code}: ${text})${plainHttpHint}`, error);
}

/**
 * Sends one request through the endpoint's shared pool and reads the whole body, refusing one over the cap, and
 * taking what it reads from the call's `budget` (which may stop it mid-body).
 */
export async function exchange(request: HttpRequest, options: TransportOptions = {}, budget?: ByteBudget, names: ExchangeLimitNames = {}): Promise<HttpAnswer> {
    const maxBytes = options.maxResponseBytes ?? DEFAULT_TRANSPORT_OPTIONS.maxResponseBytes;
    const tooLarge = (headers: Record<string, string | string[] | undefined>) =>
        tooLargeError(request.operation, names.maxResponseBytes ?? `the ${maxBytes}-byte cap`, headers);
    const pool = poolFor(request.origin, options);
    try {
        const answer = await undici().request(pool, {
            method: request.method,
            path: request.path,
            headers: request.headers,
            body: request.body,
            signal: request.signal,
        });
        const declared = Number(answer.headers["content-length"]);
        if (Number.isFinite(declared) && declared > maxBytes) {
            discard(answer.body);
            throw tooLarge(answer.headers);
        }
        if (Number.isFinite(declared) && budget?.wouldExceed(declared)) {
            discard(answer.body);
            throw budget.exceeded(request.operation);
        }
        let size = 0;
        const body = await readBody(answer.body, (chunk) => {
            size += chunk.length;
            if (size > maxBytes) throw tooLarge(answer.headers);
            budget?.take(chunk.length, request.operation);
        });
        return { status: answer.statusCode, headers: answer.headers, body };
    } catch (error) {
        throw toTransportError(error, request.operation, request.origin, names);
    }
}

/**
 * Reads a body whole, passing each chunk to `check` first: a chunk it throws for stops the read, drops the rest
 * and rejects with that error. Events, not `for await`: an async iterator costs a promise per chunk.
 */
function readBody(body: NodeJS.ReadableStream & { destroy(): void }, check: (chunk: Buffer) => void): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let length = 0;
        body.on("data", (chunk: Buffer) => {
            try {
                check(chunk);
            } catch (error) {
                discard(body);
                reject(error);
                return;
            }
            chunks.push(chunk);
            length += chunk.length;
        });
        body.once("end", () => resolve(Buffer.concat(chunks, length)));
        body.once("error", reject);
    });
}

/** Drops a body not worth reading; the abort this causes is expected, not an error to report. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
    body.on("error", () => undefined);
    body.destroy();
}

function tooLargeError(operation: string, limit: string, headers: Record<string, string | string[] | undefined>): TransportError {
    const requestId = headers["x-acs-request-id"];
    return new TransportError(
        "ResponseTooLarge",
        operation,
        `the answer is larger than ${limit}`,
        undefined,
        typeof requestId === "string" ? requestId : undefined,
    );
}
