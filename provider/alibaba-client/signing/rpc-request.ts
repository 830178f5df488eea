import { EMPTY_BODY_SHA256, HEADER } from "./constants";
import { canonicalQuery, QueryParameters } from "./canonical-query";
import { authorizationHeader, signatureParts } from "./sign-request";

/** The AccessKey (and STS token) a request is signed with. */
export interface SigningKey {
    readonly accessKeyId: string;
    readonly accessKeySecret: string;
    readonly securityToken?: string;
}

/** One RPC-style call to sign: `POST /` with every parameter in the query string and an empty body. */
export interface RpcCall {
    host: string;
    action: string;
    version: string;
    query: QueryParameters;
}

/** `YYYY-MM-DDTHH:mm:ssZ` in UTC, the form `x-acs-date` takes. */
export function formatAcsDate(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A signed RPC call, ready to send: the path with the exact query that was signed, and the headers. */
export interface SignedRpcRequest {
    /** `/?` and the canonical query, byte for byte what the signature covers. */
    path: string;
    /** Every header to send, `authorization` included. */
    headers: Record<string, string>;
}

/**
 * Signs an RPC call and returns what to send: the path holds the query the signature covers, so what is sent is
 * what was signed by construction. Pure: the date and the nonce are inputs, so a retry that passes a new date and
 * nonce gets a new signature.
 */
export function signRpcRequest(call: RpcCall, key: SigningKey, date: Date, nonce: string): SignedRpcRequest {
    const query = canonicalQuery(call.query);
    return { path: query === "" ? "/" : `/?${query}`, headers: signedHeaders(call, query, key, date, nonce) };
}

/** The headers of a signed RPC call, `authorization` included (see {@link signRpcRequest}). */
export function signRpcCall(call: RpcCall, key: SigningKey, date: Date, nonce: string): Record<string, string> {
    return signedHeaders(call, canonicalQuery(call.query), key, date, nonce);
}

function signedHeaders(call: RpcCall, query: string, key: SigningKey, date: Date, nonce: string): Record<string, string> {
    const headers: Record<string, string> = {
        [HEADER.host]: call.host,
        [HEADER.action]: call.action,
        [HEADER.version]: call.version,
        [HEADER.date]: formatAcsDate(date),
        [HEADER.nonce]: nonce,
        [HEADER.contentSha256]: EMPTY_BODY_SHA256,
    };
    if (key.securityToken) headers[HEADER.securityToken] = key.securityToken;
    const parts = signatureParts({ method: "POST", pathname: "/", query, headers, hashedPayload: EMPTY_BODY_SHA256 }, key.accessKeySecret);
    headers[HEADER.authorization] = authorizationHeader(key.accessKeyId, parts.signedHeaders, parts.signature);
    return headers;
}
