import { MessageContactsError, requestIdSuffix } from "./base-error";
import { isRetryableAnswer } from "./retryable-codes";

/** What an error answer from Alibaba Cloud holds. */
export interface ApiErrorAnswer {
    operation: string;
    httpStatus: number;
    code: string;
    message: string;
    requestId?: string;
    hostId?: string;
    recommend?: string;
    /** Milliseconds the service asked to wait (`x-acs-retry-after`), when it did. */
    retryAfterMs?: number;
}

/**
 * The service answered with an error: `code` is its error code (`EntityNotExists.Contact`,
 * `InvalidParameter.ContactId`, `Throttling.User`, `SignatureDoesNotMatch`, ...).
 */
export class AlibabaCloudApiError extends MessageContactsError {
    readonly httpStatus: number;
    readonly serviceMessage: string;
    readonly hostId?: string;
    readonly recommend?: string;
    readonly retryAfterMs?: number;

    constructor(answer: ApiErrorAnswer) {
        super(
            answer.code,
            `${answer.operation} failed with HTTP ${answer.httpStatus} ${answer.code}: ${answer.message}` +
                requestIdSuffix(answer.requestId) +
                (answer.recommend ? `. Diagnose: ${answer.recommend}` : ""),
            {
                operation: answer.operation,
                requestId: answer.requestId,
                retryable: isRetryableAnswer(answer.httpStatus, answer.code),
            },
        );
        this.httpStatus = answer.httpStatus;
        this.serviceMessage = answer.message;
        this.hostId = answer.hostId;
        this.recommend = answer.recommend;
        this.retryAfterMs = answer.retryAfterMs;
    }
}
