import { timingSafeEqual } from "node:crypto";
import { formatAcsDate } from "../provider/alibaba-client";
import { ApiError, COMMON_ERRORS } from "./api-error";
import { AccountDirectory, CredentialRegistry, KnownAccount, securityTokenError } from "./credential-registry";
import { NonceCache } from "./nonce-cache";
import { EmulatorAccount } from "./types";

/** How far `x-acs-date` may be from the emulator's clock: 15 minutes, as the service allows. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const ACS_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Parses a strict `YYYY-MM-DDTHH:mm:ssZ` date into epoch milliseconds; `undefined` when malformed. */
export function parseAcsDate(value: string): number | undefined {
    if (!ACS_DATE_PATTERN.test(value)) return undefined;
    const ms = Date.parse(value);
    // The round trip rejects dates Date.parse rolls over, such as February 30.
    return Number.isNaN(ms) || formatAcsDate(new Date(ms)) !== value ? undefined : ms;
}

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

/** Compares two strings in constant time (signatures, hashes). */
export function sameText(a: string, b: string): boolean {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The checks both signature versions make the same way: the AccessKey is known, the date is well formed and
 * within 15 minutes, the STS token belongs to the key and has not expired, the nonce was not used before. Each
 * returns the error to answer, or the value it found.
 */
export class SignatureChecks {
    private readonly accounts: AccountDirectory;
    private readonly nonces: NonceCache;

    /** @param options the accepted accounts, the clock and the nonce memory (shared by both versions' verifiers). */
    constructor(private readonly options: SignatureVerifierOptions) {
        this.accounts = accountDirectory(options.accounts, options.now);
        this.nonces = options.nonces ?? new NonceCache(options.nonceCapacity ?? 100_000);
    }

    /** The account of `accessKeyId`, or `InvalidAccessKeyId.NotFound`. */
    account(accessKeyId: string): KnownAccount | ApiError {
        return this.accounts.find(accessKeyId) ?? COMMON_ERRORS.accessKeyNotFound();
    }

    /** An error when `date` is malformed or more than 15 minutes from the emulator's clock. */
    clockError(date: string): ApiError | undefined {
        const time = parseAcsDate(date);
        if (time === undefined) return COMMON_ERRORS.timeStampFormat();
        if (Math.abs(this.options.now() - time) > MAX_CLOCK_SKEW_MS) return COMMON_ERRORS.timeStampExpired();
        return undefined;
    }

    /** The STS token's error, else the nonce's (remembered only now, once everything else is valid). */
    tokenOrNonceError(known: KnownAccount, securityToken: string | undefined, nonce: string): ApiError | undefined {
        const tokenError = securityTokenError(known, securityToken, this.options.now());
        if (tokenError) return tokenError;
        if (!this.nonces.add(`${known.account.accessKeyId}\n${nonce}`)) return COMMON_ERRORS.nonceUsed();
        return undefined;
    }
}

/** Whether a check returned an error rather than a value. */
export function isApiError(value: unknown): value is ApiError {
    return typeof value === "object" && value !== null && "code" in value && "status" in value;
}
