import { timingSafeEqual } from "node:crypto";
import { formatAcsDate, HEADER, isSignedHeader, sha256Hex, SIGNATURE_ALGORITHM, signatureParts } from "../provider/signing";
import { ApiError, COMMON_ERRORS } from "./api-error";
import { AccountDirectory, CredentialRegistry, securityTokenError } from "./credential-registry";
import { NonceCache } from "./nonce-cache";
import { parseRawQuery } from "./query-string";
import { EmulatorAccount } from "./types";

/** Headers every V3 request must carry, and sign. */
export const REQUIRED_HEADERS: readonly string[] = [
    HEADER.host,
    HEADER.action,
    HEADER.version,
    HEADER.date,
    HEADER.nonce,
    HEADER.contentSha256,
];

/** How far `x-acs-date` may be from the emulator's clock: 15 minutes, as the service allows. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

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
export type SignatureVerdict =
    | { ok: true; account: EmulatorAccount; query: Record<string, string> }
    | { ok: false; error: ApiError };

/** Settings of a {@link SignatureVerifier}. */
export interface SignatureVerifierOptions {
    /** The accepted accounts, as a fixed list or a directory that can grow (issued STS credentials). */
    accounts: readonly EmulatorAccount[] | AccountDirectory;
    /** The clock, epoch milliseconds. */
    now: () => number;
    /** How many nonces to remember; default 100 000. Ignored when `nonces` is given. */
    nonceCapacity?: number;
    /** The nonce memory, to share one between verifiers of both signature versions. Default: a new one. */
    nonces?: NonceCache;
}

/** The account directory behind a verifier's `accounts` option. */
export function accountDirectory(accounts: SignatureVerifierOptions["accounts"], now: () => number): AccountDirectory {
    const isList = (value: typeof accounts): value is readonly EmulatorAccount[] => Array.isArray(value);
    return isList(accounts) ? new CredentialRegistry(accounts, now) : accounts;
}

/** The parts of an `Authorization: ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...` header. */
export interface ParsedAuthorization {
    accessKeyId: string;
    signedHeaders: string[];
    signature: string;
}

const AUTHORIZATION_PATTERN = new RegExp(
    `^${SIGNATURE_ALGORITHM} +Credential=([^,\\s]+) *, *SignedHeaders=([^,\\s]+) *, *Signature=([^,\\s]+)$`,
);
const ACS_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Parses a V3 `Authorization` header; `undefined` when malformed. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
    const match = AUTHORIZATION_PATTERN.exec(value.trim());
    if (!match) return undefined;
    const [, accessKeyId = "", signedHeaders = "", signature = ""] = match;
    const names = signedHeaders.split(";");
    if (names.some((name) => name === "")) return undefined;
    return { accessKeyId, signedHeaders: names, signature };
}

/** Parses a strict `YYYY-MM-DDTHH:mm:ssZ` date into epoch milliseconds; `undefined` when malformed. */
export function parseAcsDate(value: string): number | undefined {
    if (!ACS_DATE_PATTERN.test(value)) return undefined;
    const ms = Date.parse(value);
    // The round trip rejects dates Date.parse rolls over, such as February 30.
    return Number.isNaN(ms) || formatAcsDate(new Date(ms)) !== value ? undefined : ms;
}

function sameText(a: string, b: string): boolean {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies ACS3-HMAC-SHA256 (V3) signatures as Alibaba Cloud's gateway does, re-canonicalising the received
 * query and headers with the provider's own signing functions. Checks, in order: Authorization and required
 * headers present and well formed; AccessKeyId known; date well formed and within 15 minutes; every host,
 * content-type and x-acs-* header signed and every signed header present; signature; body hash; STS token
 * (present when the key has one, the key's own, not expired); nonce unused. A nonce is only remembered once the rest of the request is valid.
 */
export class SignatureVerifier {
    private readonly accounts: AccountDirectory;
    private readonly nonces: NonceCache;

    /** @param options the accepted accounts, the clock and the nonce memory. */
    constructor(private readonly options: SignatureVerifierOptions) {
        this.accounts = accountDirectory(options.accounts, options.now);
        this.nonces = options.nonces ?? new NonceCache(options.nonceCapacity ?? 100_000);
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

        const known = this.accounts.find(authorization.accessKeyId);
        if (!known) return fail(COMMON_ERRORS.accessKeyNotFound());
        const { account } = known;

        const date = parseAcsDate(headers[HEADER.date] ?? "");
        if (date === undefined) return fail(COMMON_ERRORS.timeStampFormat());
        if (Math.abs(this.options.now() - date) > MAX_CLOCK_SKEW_MS) return fail(COMMON_ERRORS.timeStampExpired());

        const signedNames = [...new Set(authorization.signedHeaders)].sort();
        const unsigned = Object.keys(headers).filter((name) => isSignedHeader(name) && !signedNames.includes(name));
        if (unsigned.length > 0) {
            return fail(COMMON_ERRORS.signatureDoesNotMatch(`Header(s) not signed: ${unsigned.sort().join(", ")}.`));
        }
        const unverifiable = signedNames.filter((name) => headers[name] === undefined || !isSignedHeader(name));
        if (unverifiable.length > 0) {
            return fail(
                COMMON_ERRORS.signatureDoesNotMatch(
                    `SignedHeaders names header(s) absent or not host, content-type or x-acs-*: ${unverifiable.join(", ")}.`,
                ),
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

        const tokenError = securityTokenError(known, headers[HEADER.securityToken], this.options.now());
        if (tokenError) return fail(tokenError);

        if (!this.nonces.add(`${account.accessKeyId}\n${headers[HEADER.nonce] ?? ""}`)) {
            return fail(COMMON_ERRORS.nonceUsed());
        }
        return { ok: true, account, query: query.params };
    }
}
