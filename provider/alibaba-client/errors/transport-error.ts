import { hasErrorBrand, MessageContactsError, requestIdSuffix } from "./base-error";
import type { PackageErrorCode } from "./package-codes";
import { serviceText } from "./service-text";

const IS_TRANSPORT_ERROR = Symbol.for("pulumi-alicloud-message-contacts.error.TransportError");

/** Kinds of failure below HTTP. */
export type TransportFailure = "ConnectionFailed" | "ConnectionReset" | "Timeout" | "ResponseTooLarge" | "ListingTooLarge" | "TlsFailed";

/** Longest detail kept, after escaping: it quotes the network's errors, which quote the server (a certificate's names). */
const DETAIL_LIMIT = 1000;

/** Failures that trying again cannot mend. */
const FINAL_FAILURES: ReadonlySet<TransportFailure> = new Set(["ResponseTooLarge", "ListingTooLarge", "TlsFailed"]);

/**
 * The request did not get a complete answer: the connection was refused or reset, TLS failed, a time limit
 * passed, or an answer (or the listing's answers in all) passed a size limit. Retryable except
 * `ResponseTooLarge`, `ListingTooLarge` and `TlsFailed`. The detail (which quotes the network's error, and so
 * what the server sent, such as a certificate's names) and a RequestId (from the headers of an answer too large
 * to read) are escaped and bounded.
 */
export class TransportError extends MessageContactsError {
    declare readonly code: PackageErrorCode;
    readonly failure: TransportFailure;

    constructor(failure: TransportFailure, operation: string, detail: string, cause?: unknown, requestId?: string) {
        super(failure, `${operation}: ${serviceText(detail, DETAIL_LIMIT)}` + requestIdSuffix(requestId), {
            operation,
            requestId,
            retryable: !FINAL_FAILURES.has(failure),
            cause,
        });
        this.failure = failure;
    }

    /** The brand of this class. */
    get [IS_TRANSPORT_ERROR](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_TRANSPORT_ERROR);
    }
}
