import { randomBytes } from "node:crypto";
import { ApiError, COMMON_ERRORS } from "./api-error";
import { EmulatorAccount, IssuedCredential } from "./types";

/** An account as the signature verifiers see it: the key pair, and when it stops being accepted. */
export interface KnownAccount {
    account: EmulatorAccount;
    /** For STS credentials the emulator issued: the instant (epoch ms, emulator clock) they expire. */
    expiresAt?: number;
}

/** Where signature verifiers look AccessKeyIds up. */
export interface AccountDirectory {
    /** The account with this AccessKeyId, expired ones included; `undefined` when unknown. */
    find(accessKeyId: string): KnownAccount | undefined;
}

/** What {@link CredentialRegistry.issue} needs. */
export interface CredentialRequest {
    roleArn: string;
    roleSessionName: string;
    /** How long the credentials are accepted, in milliseconds. */
    lifetimeMs: number;
}

/** Fresh STS credentials, secret included: only for the answer, never for records. */
export interface IssuedSecrets {
    accessKeyId: string;
    accessKeySecret: string;
    securityToken: string;
    /** Epoch milliseconds on the emulator's clock. */
    expiresAt: number;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` random letters and digits. */
function randomAlphanumeric(length: number): string {
    // 62 * 4 = 248 < 256: bytes of 248 and above are dropped so every character is equally likely.
    let out = "";
    while (out.length < length) {
        for (const byte of randomBytes(length * 2)) {
            if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % 62];
        }
    }
    return out;
}

/**
 * The AccessKeys the emulator accepts: the configured accounts, and the STS credentials it issued through
 * `AssumeRole`, which stay known (so that a late request gets `InvalidSecurityToken.Expired` rather than
 * `InvalidAccessKeyId.NotFound`) but are refused once expired.
 */
export class CredentialRegistry implements AccountDirectory {
    /** Every issuance, oldest first, without secrets. */
    readonly issued: IssuedCredential[] = [];
    private readonly known = new Map<string, KnownAccount>();

    /** @param accounts the long-term (or fixed STS) accounts; @param now the emulator's clock, epoch ms. */
    constructor(
        accounts: readonly EmulatorAccount[],
        private readonly now: () => number,
    ) {
        for (const account of accounts) this.known.set(account.accessKeyId, { account });
    }

    find(accessKeyId: string): KnownAccount | undefined {
        return this.known.get(accessKeyId);
    }

    /** Issues STS credentials accepted from now until `now + lifetimeMs` (exclusive), and records it. */
    issue(request: CredentialRequest): IssuedSecrets {
        const issuedAt = this.now();
        const expiresAt = issuedAt + request.lifetimeMs;
        let accessKeyId: string;
        do accessKeyId = `STS.${randomAlphanumeric(24)}`;
        while (this.known.has(accessKeyId));
        const accessKeySecret = randomAlphanumeric(40);
        // Real tokens are long base64 strings starting "CAIS": their + / = exercise every client's encoding.
        const securityToken = `CAIS${randomBytes(180).toString("base64")}`;
        this.known.set(accessKeyId, { account: { accessKeyId, accessKeySecret, securityToken }, expiresAt });
        this.issued.push({
            accessKeyId,
            roleArn: request.roleArn,
            roleSessionName: request.roleSessionName,
            expiration: new Date(expiresAt),
            issuedAt,
        });
        return { accessKeyId, accessKeySecret, securityToken, expiresAt };
    }
}

/**
 * The security-token check shared by both signature versions, made once the signature holds: a key bound to
 * a token needs that token, a token needs a key bound to it, and issued credentials must not have expired.
 */
export function securityTokenError(known: KnownAccount, token: string | undefined, now: number): ApiError | undefined {
    const expected = known.account.securityToken;
    if (expected !== undefined && token === undefined) return COMMON_ERRORS.missingSecurityToken();
    if (token !== undefined && token !== expected) return COMMON_ERRORS.securityTokenMismatch();
    if (known.expiresAt !== undefined && now >= known.expiresAt) return COMMON_ERRORS.securityTokenExpired();
    return undefined;
}
