import { hasErrorBrand, MessageContactsError } from "./base-error";
import type { PackageErrorCode } from "./package-codes";

const IS_ARGUMENT_ERROR = Symbol.for("pulumi-alicloud-message-contacts.error.InvalidArgumentError");

/** An argument was rejected before any request was sent. `field` names it; the message says what is accepted. */
export class InvalidArgumentError extends MessageContactsError {
    declare readonly code: PackageErrorCode;
    readonly field: string;

    constructor(field: string, message: string) {
        super("InvalidArgument", message, { retryable: false });
        this.field = field;
    }

    /** The brand of this class. */
    get [IS_ARGUMENT_ERROR](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_ARGUMENT_ERROR);
    }
}
