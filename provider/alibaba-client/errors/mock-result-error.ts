import { hasErrorBrand, MessageContactsError } from "./base-error";
import type { PackageErrorCode } from "./package-codes";

const IS_INVALID_MOCK_RESULT = Symbol.for("pulumi-alicloud-message-contacts.error.InvalidMockResultError");

/**
 * Under `pulumi.runtime.setMocks`, the mocks' `call` for the function returned something that is not its result.
 * `problem` says what; the message says what to return instead.
 */
export class InvalidMockResultError extends MessageContactsError {
    declare readonly code: PackageErrorCode;
    readonly problem: string;

    /** @param token the function's token, as the mocks' `call` receives it. */
    constructor(token: string, problem: string) {
        super(
            "InvalidMockResult",
            `The mocks' call for ${token} returned something that is not its result: ${problem}. ` +
                "Return { id, totalCount, verifications: [{ contactId, target }] } (and contactId when filtered) from `call`.",
            { retryable: false },
        );
        this.problem = problem;
    }

    /** The brand of this class. */
    get [IS_INVALID_MOCK_RESULT](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_INVALID_MOCK_RESULT);
    }
}
