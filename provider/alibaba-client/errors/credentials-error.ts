import { hasErrorBrand, MessageContactsError } from "./base-error";
import type { PackageErrorCode } from "./package-codes";

const IS_CREDENTIALS_NOT_FOUND = Symbol.for("pulumi-alicloud-message-contacts.error.CredentialsNotFoundError");
const IS_PROFILE_NOT_FOUND = Symbol.for("pulumi-alicloud-message-contacts.error.ProfileNotFoundError");

/** No credentials were found. The message lists every place that was looked at. */
export class CredentialsNotFoundError extends MessageContactsError {
    declare readonly code: PackageErrorCode;
    readonly searched: readonly string[];

    constructor(searched: readonly string[]) {
        super("CredentialsNotFound", "No Alibaba Cloud credentials found. Looked in: " + searched.join("; ") + ".", { retryable: false });
        this.searched = searched;
    }

    /** The brand of this class. */
    get [IS_CREDENTIALS_NOT_FOUND](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_CREDENTIALS_NOT_FOUND);
    }
}

/**
 * An aliyun CLI profile that was named (by stack config, an argument or `ALIBABA_CLOUD_PROFILE`) gave no
 * credentials: it does not exist, `~/.aliyun/config.json` cannot be read, profiles are disabled, or its mode
 * failed. `reason` says which; the message names the profile and where it was named.
 */
export class ProfileNotFoundError extends MessageContactsError {
    declare readonly code: PackageErrorCode;
    readonly profile: string;
    readonly reason: string;

    /** @param namedBy where the profile name came from (`stack config alicloud:profile`). */
    constructor(profile: string, namedBy: string, reason: string) {
        super("ProfileNotFound", `The aliyun CLI profile "${profile}" named by ${namedBy} ${reason}.`, { retryable: false });
        this.profile = profile;
        this.reason = reason;
    }

    /** The brand of this class. */
    get [IS_PROFILE_NOT_FOUND](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_PROFILE_NOT_FOUND);
    }
}
