import { MessageContactsError } from "./base-error";

/** Kinds of failure below HTTP. */
export type TransportFailure = "ConnectionFailed" | "ConnectionReset" | "Timeout" | "ResponseTooLarge";

/**
 * The request did not get a complete answer: the connection was refused or reset, or a time limit passed.
 * Retryable except `ResponseTooLarge`.
 */
export class TransportError extends MessageContactsError {
    readonly failure: TransportFailure;

    constructor(failure: TransportFailure, operation: string, detail: string, cause?: unknown, requestId?: string) {
        super(failure, `${operation}: ${detail}`, { operation, requestId, retryable: failure !== "ResponseTooLarge", cause });
        this.failure = failure;
    }
}
