import { inspect } from "node:util";
import type { RetryBounds, RetryOptions } from "../retry";
import type { SigningKey } from "../signing";

/** The bounds of the call that needs credentials, which a provider that calls a service (STS) keeps to. */
export interface CredentialRequest extends RetryBounds {
    /** The caller's retry policy, for the provider's own requests. */
    retry?: RetryOptions;
}

/**
 * An AccessKey pair (and STS token) to sign with. The secret and the token are not enumerable and are
 * replaced by `***` in `JSON.stringify`, `util.inspect` and `toString`, so logging a credentials object or an
 * object that holds one never prints them.
 */
export class Credentials implements SigningKey {
    declare readonly accessKeyId: string;
    declare readonly accessKeySecret: string;
    declare readonly securityToken?: string;
    /** When temporary credentials stop working (undefined for long-term AccessKeys). */
    declare readonly expiration?: Date;

    constructor(accessKeyId: string, accessKeySecret: string, securityToken?: string, expiration?: Date) {
        Object.defineProperty(this, "accessKeyId", { value: accessKeyId, enumerable: true });
        Object.defineProperty(this, "accessKeySecret", { value: accessKeySecret, enumerable: false });
        if (securityToken) Object.defineProperty(this, "securityToken", { value: securityToken, enumerable: false });
        if (expiration) Object.defineProperty(this, "expiration", { value: expiration, enumerable: true });
    }

    /** A description safe to log: the AccessKeyId's first and last characters only. */
    toString(): string {
        return `Credentials(${maskIdentifier(this.accessKeyId)}${this.securityToken ? ", sts" : ""})`;
    }

    toJSON(): Record<string, string> {
        return { accessKeyId: maskIdentifier(this.accessKeyId), accessKeySecret: "***" };
    }

    [inspect.custom](): string {
        return this.toString();
    }
}

/** `LTAI****wxyz`: enough to tell two keys apart in a message, not enough to use one. */
export function maskIdentifier(id: string): string {
    return id.length <= 8 ? "****" : `${id.slice(0, 4)}****${id.slice(-4)}`;
}

/** A source of credentials: the seam the credential chain plugs into. */
export interface CredentialsProvider {
    /** Where this provider looks, for error messages ("env ALIBABA_CLOUD_ACCESS_KEY_ID/..."). */
    readonly description: string;
    /**
     * Current credentials. Temporary credentials are refreshed before they expire, within the caller's bounds
     * (its signal, deadline and retry policy); a renewal shared by several callers stops only when none of them
     * waits any longer.
     */
    getCredentials(request?: CredentialRequest): Promise<Credentials>;
}
