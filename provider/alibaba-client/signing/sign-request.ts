import { createHash, createHmac } from "node:crypto";
import { canonicalHeaders, HeaderMap } from "./canonical-headers";
import { canonicalQuery, QueryParameters } from "./canonical-query";
import { SIGNATURE_ALGORITHM } from "./constants";

/** What V3 signs. Every header that must be signed (host, x-acs-*) is already in `headers`. */
export interface RequestToSign {
    method: string;
    /** Always `/` for RPC-style calls. */
    pathname: string;
    /** The parameters, or their canonical query string when the caller already built it (to send it as signed). */
    query: QueryParameters | string;
    headers: HeaderMap;
    /** Hex SHA-256 of the body (the `x-acs-content-sha256` header's value). */
    hashedPayload: string;
}

/** Every intermediate of a signature, for tests and for the emulator's verifier. */
export interface SignatureParts {
    canonicalRequest: string;
    hashedCanonicalRequest: string;
    stringToSign: string;
    signedHeaders: string;
    signature: string;
}

/** Hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
    return createHash("sha256").update(data).digest("hex");
}

/** `METHOD\n/\nquery\nheaders\nsigned-headers\npayload-hash`, as the V3 specification writes it. */
export function canonicalRequest(request: RequestToSign): { canonicalRequest: string; signedHeaders: string } {
    const { canonical, signedHeaders } = canonicalHeaders(request.headers);
    return {
        canonicalRequest: [
            request.method.toUpperCase(),
            request.pathname,
            typeof request.query === "string" ? request.query : canonicalQuery(request.query),
            canonical,
            signedHeaders,
            request.hashedPayload,
        ].join("\n"),
        signedHeaders,
    };
}

/** Computes the V3 signature of a request with an AccessKey secret. Pure: no clock, no randomness. */
export function signatureParts(request: RequestToSign, accessKeySecret: string): SignatureParts {
    const { canonicalRequest: text, signedHeaders } = canonicalRequest(request);
    const hashedCanonicalRequest = sha256Hex(text);
    const stringToSign = `${SIGNATURE_ALGORITHM}\n${hashedCanonicalRequest}`;
    const signature = createHmac("sha256", accessKeySecret).update(stringToSign).digest("hex");
    return { canonicalRequest: text, hashedCanonicalRequest, stringToSign, signedHeaders, signature };
}

/** The `Authorization` header value for a signed request. */
export function authorizationHeader(accessKeyId: string, signedHeaders: string, signature: string): string {
    return `${SIGNATURE_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
}
