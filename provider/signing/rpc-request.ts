import { EMPTY_BODY_SHA256, HEADER } from "./constants";
import { QueryParameters } from "./canonical-query";
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

/**
 * The headers of a signed RPC call, `authorization` included. Pure: the date and the nonce are inputs, so a
 * retry that passes a new date and nonce gets a new signature.
 */
export function signRpcCall(call: RpcCall, key: SigningKey, date: Date, nonce: string): Record<string, string> {
    const headers: Record<string, string> = {
        [HEADER.host]: call.host,
        [HEADER.action]: call.action,
        [HEADER.version]: call.version,
        [HEADER.date]: formatAcsDate(date),
        [HEADER.nonce]: nonce,
        [HEADER.contentSha256]: EMPTY_BODY_SHA256,
    };
    if (key.securityToken) headers[HEADER.securityToken] = key.securityToken;
    const parts = signatureParts(
        { method: "POST", pathname: "/", query: call.query, headers, hashedPayload: EMPTY_BODY_SHA256 },
        key.accessKeySecret,
    );
    headers[HEADER.authorization] = authorizationHeader(key.accessKeyId, parts.signedHeaders, parts.signature);
    return headers;
}
