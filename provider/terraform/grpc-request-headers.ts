/**
 * A gRPC request's headers as grpc-go's server reads them (internal/transport `operateHeaders` and
 * `decodeTimeout`, and `Server.handleStream`), with its answers where they refuse a request before any message:
 *
 * - a `content-type` other than `application/grpc`, `application/grpc+...` or `application/grpc;...`: HTTP 415,
 *   INVALID_ARGUMENT;
 * - a malformed `grpc-timeout` (not 1 to 8 digits and one of the units `HMSmun`): HTTP 400, INTERNAL;
 * - a `:method` other than POST: HTTP 405, INTERNAL;
 * - a timeout of zero: DEADLINE_EXCEEDED;
 * - a path that names no method: UNIMPLEMENTED;
 * - a `grpc-encoding` other than identity (no decompressor is installed): UNIMPLEMENTED.
 *
 * Pure: no I/O; loaded with `node:http2`, after the handshake line.
 */
import type { IncomingHttpHeaders } from "node:http2";
import { GRPC_STATUS, GrpcStatusError } from "./grpc-http2-server";

/** The content type of every gRPC message, without its subtype. */
const GRPC_CONTENT_TYPE = "application/grpc";

/** Milliseconds per unit of `grpc-timeout`. */
const TIMEOUT_UNIT_MS: Readonly<Record<string, number>> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 0.001, n: 0.000001 };

/** A request refused from its headers: the HTTP status and the gRPC status of the trailers-only answer. */
export interface HeaderRefusal {
    refused: true;
    httpStatus: number;
    status: GrpcStatusError;
    /** The answer's content type. */
    contentType: string;
}

/** A request whose headers let it go on to its method. */
export interface AcceptedCall {
    refused: false;
    /** The answer's content type: the request's subtype kept, as grpc-go answers. */
    contentType: string;
    /** The deadline from `grpc-timeout` in milliseconds from now, or undefined for none. */
    timeoutMs: number | undefined;
}

/**
 * `grpc-timeout` (`100m`, `5S`, `1H`) in milliseconds, or the refusal of a malformed one. Up to 8 digits, as the
 * protocol allows: the longest, `99999999H`, is about 11,000 years; the caller arms its timer in steps it can hold.
 */
export function readGrpcTimeout(value: string): number | GrpcStatusError {
    const refuse = (why: string) => new GrpcStatusError(GRPC_STATUS.INTERNAL, `malformed grpc-timeout: ${why}: ${JSON.stringify(value)}`);
    if (value.length < 2) return refuse("timeout string is too short");
    if (value.length > 9) return refuse("timeout string is too long");
    const factor = TIMEOUT_UNIT_MS[value.slice(-1)];
    if (factor === undefined) return refuse("timeout unit is not recognized");
    const digits = value.slice(0, -1);
    if (!/^[0-9]+$/.test(digits)) return refuse("timeout amount is not a decimal number");
    return Number(digits) * factor;
}

/** The subtype of a gRPC content type (`proto` of `application/grpc+proto`, `` of `application/grpc`), or undefined for another type. */
export function contentSubtype(contentType: string): string | undefined {
    if (contentType === GRPC_CONTENT_TYPE) return "";
    if (!contentType.startsWith(GRPC_CONTENT_TYPE)) return undefined;
    const separator = contentType[GRPC_CONTENT_TYPE.length];
    return separator === "+" || separator === ";" ? contentType.slice(GRPC_CONTENT_TYPE.length + 1) : undefined;
}

/** The answer's content type for a request's subtype. */
function answerContentType(subtype: string): string {
    return subtype === "" ? GRPC_CONTENT_TYPE : `${GRPC_CONTENT_TYPE}+${subtype}`;
}

/** Why `path` names no method of `paths`, or undefined when it names one. */
export function unknownMethod(path: string, paths: ReadonlySet<string>, services: ReadonlySet<string>): string | undefined {
    if (paths.has(path)) return undefined;
    const slash = path.lastIndexOf("/");
    if (!path.startsWith("/") || slash === 0) return `malformed method name: ${JSON.stringify(path)}`;
    const service = path.slice(1, slash);
    return services.has(service) ? `unknown method ${path.slice(slash + 1)} for service ${service}` : `unknown service ${service}`;
}

/** The services of method paths (`tfplugin6.Provider` of `/tfplugin6.Provider/ReadDataSource`). */
export function servicesOf(paths: Iterable<string>): Set<string> {
    return new Set([...paths].map((path) => path.slice(1, path.lastIndexOf("/"))));
}

/** A single header's value (node joins repeated ones). */
function single(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value.join(", ") : value;
}

/** Reads a request's headers for the methods at `paths`: the call's content type and deadline, or the refusal. */
export function readRequestHeaders(headers: IncomingHttpHeaders, paths: ReadonlySet<string>, services: ReadonlySet<string>): HeaderRefusal | AcceptedCall {
    const refuse = (httpStatus: number, code: number, message: string, contentType = GRPC_CONTENT_TYPE): HeaderRefusal => ({
        refused: true,
        httpStatus,
        status: new GrpcStatusError(code, message),
        contentType,
    });
    const contentType = single(headers["content-type"]) ?? "";
    const subtype = contentSubtype(contentType);
    if (subtype === undefined) return refuse(415, GRPC_STATUS.INVALID_ARGUMENT, `invalid gRPC request content-type ${JSON.stringify(contentType)}`);
    const answerType = answerContentType(subtype);
    const timeoutHeader = single(headers["grpc-timeout"]);
    const timeoutMs = timeoutHeader === undefined ? undefined : readGrpcTimeout(timeoutHeader);
    if (timeoutMs instanceof GrpcStatusError) return refuse(400, timeoutMs.code, timeoutMs.message, answerType);
    const method = single(headers[":method"]) ?? "";
    if (method !== "POST")
        return refuse(405, GRPC_STATUS.INTERNAL, `Received a HEADERS frame with :method ${JSON.stringify(method)} which should be POST`, answerType);
    if (timeoutMs === 0) return refuse(200, GRPC_STATUS.DEADLINE_EXCEEDED, "context deadline exceeded", answerType);
    const unknown = unknownMethod(single(headers[":path"]) ?? "", paths, services);
    if (unknown !== undefined) return refuse(200, GRPC_STATUS.UNIMPLEMENTED, unknown, answerType);
    const encoding = single(headers["grpc-encoding"]) ?? "";
    if (encoding !== "" && encoding !== "identity")
        return refuse(200, GRPC_STATUS.UNIMPLEMENTED, `grpc: Decompressor is not installed for grpc-encoding ${JSON.stringify(encoding)}`, answerType);
    return { refused: false, contentType: answerType, timeoutMs };
}

/** `grpc-message` percent-encoded, as the protocol asks (bytes outside printable ASCII, and `%`). */
export function encodeGrpcMessage(message: string): string {
    let encoded = "";
    for (const byte of Buffer.from(message, "utf8")) {
        encoded += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return encoded;
}
