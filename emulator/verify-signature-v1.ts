import { createHmac } from "node:crypto";
import { HEADER, percentEncode } from "../provider/alibaba-client";
import { ApiError, COMMON_ERRORS } from "./api-error";
import { parseFormBody, parseRawQuery } from "./query-string";
import { isApiError, sameText, SignatureChecks, SignatureVerifierOptions } from "./signature-checks";
import { IncomingCall, SignatureVerdict } from "./verify-signature";

/** The only `SignatureMethod` of the V1 RPC signature. */
export const V1_SIGNATURE_METHOD = "HMAC-SHA1";
/** The `SignatureVersion` of the V1 RPC signature. */
export const V1_SIGNATURE_VERSION = "1.0";
/** Parameters every V1 request must carry. */
export const V1_REQUIRED_PARAMETERS: readonly string[] = ["AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature"];

/** Whether decoded query parameters belong to a V1 (HMAC-SHA1) request: a `Signature`, or `SignatureVersion=1.0`. */
export function isV1Query(query: Readonly<Record<string, string>>): boolean {
    return query["Signature"] !== undefined || query["SignatureVersion"] === V1_SIGNATURE_VERSION;
}

/**
 * The V1 string to sign: `METHOD&%2F&` + the percent-encoded `name=value` pairs of every parameter but
 * `Signature` (names and values percent-encoded, sorted by name, joined by `&`).
 */
export function v1StringToSign(method: string, params: Readonly<Record<string, string>>): string {
    const pairs = Object.keys(params)
        .filter((name) => name !== "Signature")
        .sort()
        .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? "")}`)
        .join("&");
    return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(pairs)}`;
}

/** The V1 signature of a string to sign: base64 HMAC-SHA1 keyed with the secret followed by `&`. */
export function v1Signature(stringToSign: string, accessKeySecret: string): string {
    return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign, "utf8").digest("base64");
}

type ParameterSet = { ok: true; params: Record<string, string> } | { ok: false; reason: string };

/** The query's parameters plus, for a form-urlencoded body, the body's; a name in both is ambiguous. */
function allParameters(query: Record<string, string>, call: IncomingCall): ParameterSet {
    const form = parseFormBody(call.headers[HEADER.contentType], call.body);
    if (!form) return { ok: true, params: query };
    if (!form.ok) return { ok: false, reason: form.reason.replace("query parameter", "form parameter") };
    const repeated = Object.keys(form.params).find((name) => Object.prototype.hasOwnProperty.call(query, name));
    if (repeated !== undefined) return { ok: false, reason: `the parameter "${repeated}" is both in the query and the body` };
    return { ok: true, params: { ...query, ...form.params } };
}

/**
 * Verifies the older RPC signature (HMAC-SHA1, `SignatureVersion=1.0`) that the official credentials library
 * still uses for STS `AssumeRole`: every parameter in the query string or a form-urlencoded body, the
 * signature in the `Signature` query parameter. Checks, in order: the query decodes; the signature parameters
 * are present and name HMAC-SHA1 / 1.0; AccessKeyId known; `Timestamp` well formed and within 15 minutes;
 * the body's form decodes; signature; STS token (`SecurityToken` parameter); nonce unused. The error codes
 * are those of {@link SignatureVerifier}; a wrong signature's message ends with
 * `server string to sign is:<string>`, which the official library compares with its own.
 */
export class V1SignatureVerifier {
    private readonly checks: SignatureChecks;

    /** @param options the accepted accounts, the clock and the nonce memory (share it with the V3 verifier). */
    constructor(options: SignatureVerifierOptions) {
        this.checks = new SignatureChecks(options);
    }

    /** Checks one request; on success `query` holds every parameter, query and form body together. */
    verify(call: IncomingCall): SignatureVerdict {
        const fail = (error: ApiError): SignatureVerdict => ({ ok: false, error });
        const query = parseRawQuery(call.rawQuery);
        if (!query.ok) return fail(COMMON_ERRORS.signatureDoesNotMatch(`Cannot read the query: ${query.reason}.`));
        const q = query.params;

        const missing = V1_REQUIRED_PARAMETERS.filter((name) => !q[name]);
        if (missing.length > 0) {
            return fail(COMMON_ERRORS.incompleteSignature(`Missing query parameter(s): ${missing.join(", ")}.`));
        }
        if (q["SignatureMethod"] !== V1_SIGNATURE_METHOD || q["SignatureVersion"] !== V1_SIGNATURE_VERSION) {
            return fail(COMMON_ERRORS.incompleteSignature(`SignatureMethod must be ${V1_SIGNATURE_METHOD} and SignatureVersion ${V1_SIGNATURE_VERSION}.`));
        }

        const known = this.checks.account(q["AccessKeyId"] ?? "");
        if (isApiError(known)) return fail(known);

        const clockError = this.checks.clockError(q["Timestamp"] ?? "");
        if (clockError) return fail(clockError);

        const all = allParameters(q, call);
        if (!all.ok) return fail(COMMON_ERRORS.signatureDoesNotMatch(`Cannot read the parameters: ${all.reason}.`));

        const stringToSign = v1StringToSign(call.method, all.params);
        if (!sameText(v1Signature(stringToSign, known.account.accessKeySecret), q["Signature"] ?? "")) {
            return fail(COMMON_ERRORS.signatureDoesNotMatch(`server string to sign is:${stringToSign}`));
        }

        const lastError = this.checks.tokenOrNonceError(known, all.params["SecurityToken"], q["SignatureNonce"] ?? "");
        if (lastError) return fail(lastError);
        return { ok: true, account: known.account, query: all.params };
    }
}
