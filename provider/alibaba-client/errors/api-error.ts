import { hasErrorBrand, MessageContactsError, requestIdSuffix } from "./base-error";
import { isRetryableAnswer } from "./retryable-codes";
import { optionalServiceText, SERVICE_ID_LIMIT, SERVICE_MESSAGE_LIMIT, serviceText } from "./service-text";

const IS_API_ERROR = Symbol.for("pulumi-alicloud-message-contacts.error.AlibabaCloudApiError");

/** What an error answer from Alibaba Cloud holds, as received (the error escapes and bounds it). */
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
 * `InvalidParameter.ContactId`, `Throttling.User`, `SignatureDoesNotMatch`, ...), the service's own and not one of
 * the package's codes. Every text of the answer (`code`, `serviceMessage`, `recommend`, `hostId`, `requestId`)
 * is kept escaped (control and format characters written visibly) and bounded, as the message shows it.
 */
export class AlibabaCloudApiError extends MessageContactsError {
    readonly httpStatus: number;
    readonly serviceMessage: string;
    readonly hostId?: string;
    readonly recommend?: string;
    readonly retryAfterMs?: number;

    constructor(answer: ApiErrorAnswer) {
        const code = serviceText(answer.code, SERVICE_ID_LIMIT);
        const message = serviceText(answer.message, SERVICE_MESSAGE_LIMIT);
        const recommend = optionalServiceText(answer.recommend, SERVICE_MESSAGE_LIMIT);
        super(
            code,
            `${answer.operation} failed with HTTP ${answer.httpStatus} ${code}: ${message}` +
                requestIdSuffix(answer.requestId) +
                (recommend ? `. Diagnose: ${recommend}` : ""),
            {
                operation: answer.operation,
                requestId: answer.requestId,
                // Decided on the code as sent: escaping does not change a code that names throttling.
                retryable: isRetryableAnswer(answer.httpStatus, answer.code),
            },
        );
        this.httpStatus = answer.httpStatus;
        this.serviceMessage = message;
        this.hostId = optionalServiceText(answer.hostId, SERVICE_ID_LIMIT);
        this.recommend = recommend;
        this.retryAfterMs = answer.retryAfterMs;
    }

    /** The brand of this class. */
    get [IS_API_ERROR](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_API_ERROR);
    }
}
