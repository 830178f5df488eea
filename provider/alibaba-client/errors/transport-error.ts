import { MessageContactsError } from "./base-error";

/** Kinds of failure below HTTP. */
export type TransportFailure = "ConnectionFailed" | "ConnectionReset" | "Timeout" | "ResponseTooLarge" | "ListingTooLarge" | "TlsFailed";

/** Failures that trying again cannot mend. */
const FINAL_FAILURES: ReadonlySet<TransportFailure> = new Set(["ResponseTooLarge", "ListingTooLarge", "TlsFailed"]);

/**
 * The request did not get a complete answer: the connection was refused or reset, TLS failed, a time limit
 * passed, or an answer (or the listing's answers in all) passed a size limit. Retryable except
 * `ResponseTooLarge`, `ListingTooLarge` and `TlsFailed`.
 */
export class TransportError extends MessageContactsError {
    readonly failure: TransportFailure;

    constructor(failure: TransportFailure, operation: string, detail: string, cause?: unknown, requestId?: string) {
        super(failure, `${operation}: ${detail}`, { operation, requestId, retryable: !FINAL_FAILURES.has(failure), cause });
        this.failure = failure;
    }
}
