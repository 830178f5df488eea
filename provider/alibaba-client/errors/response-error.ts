import { hasErrorBrand, MessageContactsError, requestIdSuffix } from "./base-error";
import type { PackageErrorCode } from "./package-codes";
import { optionalServiceText, SERVICE_MESSAGE_LIMIT } from "./service-text";

const IS_INVALID_RESPONSE = Symbol.for("pulumi-alicloud-message-contacts.error.InvalidResponseError");

/** Longest excerpt of an unusable body kept, in characters after escaping. */
const BODY_EXCERPT_LIMIT = 200;

/** What was wrong with an answer that could not be used. */
export interface InvalidResponseDetails {
    operation: string;
    httpStatus: number;
    requestId?: string;
    /** What was wrong, e.g. "the body is not JSON" or "TotalCount: expected a number". */
    problem: string;
    /**
     * The body, for diagnosis, credential fields already redacted (an STS answer carries a secret). Only its
     * start is kept, escaped.
     */
    bodyExcerpt?: string;
}

/**
 * The server's answer was not what the operation returns: not JSON (an HTML page from a proxy), truncated,
 * too large, or missing or mistyped fields. Retrying rarely helps; the error says what was wrong.
 */
export class InvalidResponseError extends MessageContactsError {
    declare readonly code: PackageErrorCode;
    readonly httpStatus: number;
    /** What was wrong (it may quote the answer: escaped and bounded). */
    readonly problem: string;
    /** The start of the body, credential fields redacted, escaped, with how many characters were left out. */
    readonly bodyExcerpt?: string;

    constructor(details: InvalidResponseDetails) {
        const problem = optionalServiceText(details.problem, SERVICE_MESSAGE_LIMIT) ?? "";
        super(
            "InvalidResponse",
            `${details.operation} returned an unusable answer (HTTP ${details.httpStatus}): ${problem}` + requestIdSuffix(details.requestId),
            { operation: details.operation, requestId: details.requestId, retryable: details.httpStatus >= 500 },
        );
        this.httpStatus = details.httpStatus;
        this.problem = problem;
        this.bodyExcerpt = optionalServiceText(details.bodyExcerpt, BODY_EXCERPT_LIMIT);
    }

    /** The brand of this class. */
    get [IS_INVALID_RESPONSE](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_INVALID_RESPONSE);
    }
}
