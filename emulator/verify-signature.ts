import { HEADER, isSignedHeader, sha256Hex, SIGNATURE_ALGORITHM, signatureParts } from "../provider/alibaba-client";
import { ApiError, COMMON_ERRORS } from "./api-error";
import { parseRawQuery } from "./query-string";
import { isApiError, sameText, SignatureChecks, SignatureVerifierOptions } from "./signature-checks";
import { EmulatorAccount } from "./types";

export { accountDirectory, MAX_CLOCK_SKEW_MS, parseAcsDate, SignatureVerifierOptions } from "./signature-checks";

/** Headers every V3 request must carry, and sign. */
export const REQUIRED_HEADERS: readonly string[] = [HEADER.host, HEADER.action, HEADER.version, HEADER.date, HEADER.nonce, HEADER.contentSha256];

/** A request as received, before any checking. */
export interface IncomingCall {
    method: string;
    /** The query string without the leading `?`, exactly as received. */
    rawQuery: string;
    /** Headers with lower-case names. */
    headers: Readonly<Record<string, string>>;
    body: Uint8Array;
}

/** The verdict on a request's signature: the account and decoded query, or the error to answer. */
export type SignatureVerdict = { ok: true; account: EmulatorAccount; query: Record<string, string> } | { ok: false; error: ApiError };

/** The parts of an `Authorization: ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...` header. */
export interface ParsedAuthorization {
    accessKeyId: string;
    signedHeaders: string[];
    signature: string;
}

const AUTHORIZATION_PATTERN = new RegExp(`^${SIGNATURE_ALGORITHM} +Credential=([^,\\s]+) *, *SignedHeaders=([^,\\s]+) *, *Signature=([^,\\s]+)$`);

/** Parses a V3 `Authorization` header; `undefined` when malformed. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
    const match = AUTHORIZATION_PATTERN.exec(value.trim());
    if (!match) return undefined;
    const [, accessKeyId = "", signedHeaders = "", signature = ""] = match;
    const names = signedHeaders.split(";");
    if (names.some((name) => name === "")) return undefined;
    return { accessKeyId, signedHeaders: names, signature };
}

/**
 * Verifies ACS3-HMAC-SHA256 (V3) signatures as Alibaba Cloud's gateway does, re-canonicalising the received
 * query and headers with the provider's own signing functions. Checks, in order: Authorization and required
 * headers present and well formed; AccessKeyId known; date well formed and within 15 minutes; every host,
 * content-type and x-acs-* header signed and every signed header present; signature; body hash; STS token
 * (present when the key has one, the key's own, not expired); nonce unused. A nonce is only remembered once the rest of the request is valid.
 */
export class SignatureVerifier {
    private readonly checks: SignatureChecks;

    /** @param options the accepted accounts, the clock and the nonce memory. */
    constructor(options: SignatureVerifierOptions) {
        this.checks = new SignatureChecks(options);
    }

    /** Checks one request; see the class comment for the order of the checks. */
    verify(call: IncomingCall): SignatureVerdict {
        const fail = (error: ApiError): SignatureVerdict => ({ ok: false, error });
        const { headers } = call;

        const authorizationValue = headers[HEADER.authorization];
        if (authorizationValue === undefined || authorizationValue === "") {
            return fail(COMMON_ERRORS.incompleteSignature("The Authorization header is missing."));
        }
        const authorization = parseAuthorization(authorizationValue);
        if (!authorization) {
            return fail(COMMON_ERRORS.incompleteSignature("The Authorization header is malformed."));
        }
        const missing = REQUIRED_HEADERS.filter((name) => !headers[name]);
        if (missing.length > 0) {
            return fail(COMMON_ERRORS.incompleteSignature(`Missing header(s): ${missing.join(", ")}.`));
        }

        const known = this.checks.account(authorization.accessKeyId);
        if (isApiError(known)) return fail(known);
        const { account } = known;

        const clockError = this.checks.clockError(headers[HEADER.date] ?? "");
        if (clockError) return fail(clockError);

        const signedNames = [...new Set(authorization.signedHeaders)].sort();
        const unsigned = Object.keys(headers).filter((name) => isSignedHeader(name) && !signedNames.includes(name));
        if (unsigned.length > 0) {
            return fail(COMMON_ERRORS.signatureDoesNotMatch(`Header(s) not signed: ${unsigned.sort().join(", ")}.`));
        }
        const unverifiable = signedNames.filter((name) => headers[name] === undefined || !isSignedHeader(name));
        if (unverifiable.length > 0) {
            return fail(
                COMMON_ERRORS.signatureDoesNotMatch(`SignedHeaders names header(s) absent or not host, content-type or x-acs-*: ${unverifiable.join(", ")}.`),
            );
        }

        const query = parseRawQuery(call.rawQuery);
        if (!query.ok) return fail(COMMON_ERRORS.signatureDoesNotMatch(`Cannot canonicalise the query: ${query.reason}.`));

        const claimedPayloadHash = headers[HEADER.contentSha256] ?? "";
        const parts = signatureParts(
            {
                method: call.method,
                pathname: "/",
                query: query.params,
                headers: Object.fromEntries(signedNames.map((name) => [name, headers[name] ?? ""])),
                hashedPayload: claimedPayloadHash,
            },
            account.accessKeySecret,
        );
        if (!sameText(parts.signature, authorization.signature)) {
            return fail(COMMON_ERRORS.signatureDoesNotMatch(`server string to sign is: ${JSON.stringify(parts.stringToSign)}`));
        }
        if (!sameText(sha256Hex(call.body), claimedPayloadHash.toLowerCase())) {
            return fail(COMMON_ERRORS.signatureDoesNotMatch("x-acs-content-sha256 does not match the body."));
        }

        const lastError = this.checks.tokenOrNonceError(known, headers[HEADER.securityToken], headers[HEADER.nonce] ?? "");
        if (lastError) return fail(lastError);
        return { ok: true, account, query: query.params };
    }
}
