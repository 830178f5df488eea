const BRAND = Symbol.for("pulumi-alicloud-message-contacts.error");

/** Fields every error of this package carries, so callers can branch on `code` and log `requestId`. */
export interface ErrorDetails {
    /** The API operation the error belongs to, when there is one. */
    operation?: string;
    /** The service's RequestId of the last answer, when one was received. */
    requestId?: string;
    /** Whether trying the same request again may succeed. */
    retryable?: boolean;
    /** The underlying error. */
    cause?: unknown;
}

/**
 * Base class of every error this package throws. `code` is a stable string: the service's error code for
 * API errors, or one of this package's codes (`InvalidArgument`, `InvalidResponse`, ...).
 * `instanceof` works across two copies of the package (the brand is a global symbol).
 */
export class MessageContactsError extends Error {
    readonly code: string;
    readonly operation?: string;
    readonly requestId?: string;
    readonly retryable: boolean;
    /** How many attempts were made before giving up (recorded by the retry loop that made them). */
    attempts?: number;
    /** Milliseconds spent across all attempts (recorded with {@link attempts}). */
    elapsedMs?: number;
    /** Why the retry loop stopped before `maxAttempts`, when it did (recorded with {@link attempts}). */
    stoppedBecause?: string;

    constructor(code: string, message: string, details: ErrorDetails = {}) {
        super(message, details.cause === undefined ? undefined : { cause: details.cause });
        this.name = new.target.name;
        this.code = code;
        this.operation = details.operation;
        this.requestId = details.requestId;
        this.retryable = details.retryable ?? false;
        Object.defineProperty(this, BRAND, { value: true });
        // The message is the description given here plus what the retry loop recorded as data: derived, never
        // edited after the fact.
        Object.defineProperty(this, "message", {
            get: () => message + retriesSuffix(this),
            enumerable: false,
            configurable: true,
        });
    }

    /**
     * Records, once, how the retry loop that made the attempts ended: the first loop to give up on an error
     * owns it; a loop that merely passes it on (a credential failure inside a request) changes nothing.
     */
    recordAttempts(attempts: number, elapsedMs: number, stoppedBecause?: string): void {
        if (this.attempts !== undefined) return;
        this.attempts = attempts;
        this.elapsedMs = elapsedMs;
        if (stoppedBecause !== undefined) this.stoppedBecause = stoppedBecause;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        if (typeof value !== "object" || value === null || !(BRAND in value)) return false;
        // Subclasses: compare the constructor name chain, so a copy from another install still matches.
        if (this === MessageContactsError) return true;
        for (let proto = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
            if (proto.constructor?.name === this.name) return true;
        }
        return false;
    }
}

/** ` [gave up after N attempts over M ms: why]`, or nothing when the error came from a single attempt. */
function retriesSuffix(error: MessageContactsError): string {
    const why = error.stoppedBecause ? `: ${error.stoppedBecause}` : "";
    if (error.attempts === undefined || (error.attempts <= 1 && !why)) return "";
    return ` [gave up after ${error.attempts} attempt${error.attempts === 1 ? "" : "s"} over ${error.elapsedMs ?? 0} ms${why}]`;
}

/** `RequestId abc`, or nothing, for the end of a message. */
export function requestIdSuffix(requestId: string | undefined): string {
    return requestId ? ` (RequestId ${requestId})` : "";
}
