import { MessageContactsError, requestIdSuffix } from "./base-error";

/** What was wrong with an answer that could not be used. */
export interface InvalidResponseDetails {
    operation: string;
    httpStatus: number;
    requestId?: string;
    /** What was wrong, e.g. "the body is not JSON" or "TotalCount: expected a number". */
    problem: string;
    /** The start of the body, for diagnosis, credential fields redacted (an STS answer carries a secret). */
    bodyExcerpt?: string;
}

/**
 * The server's answer was not what the operation returns: not JSON (an HTML page from a proxy), truncated,
 * too large, or missing or mistyped fields. Retrying rarely helps; the error says what was wrong.
 */
export class InvalidResponseError extends MessageContactsError {
    readonly httpStatus: number;
    readonly problem: string;
    readonly bodyExcerpt?: string;

    constructor(details: InvalidResponseDetails) {
        super(
            "InvalidResponse",
            `${details.operation} returned an unusable answer (HTTP ${details.httpStatus}): ${details.problem}` + requestIdSuffix(details.requestId),
            { operation: details.operation, requestId: details.requestId, retryable: details.httpStatus >= 500 },
        );
        this.httpStatus = details.httpStatus;
        this.problem = details.problem;
        this.bodyExcerpt = details.bodyExcerpt;
    }
}
