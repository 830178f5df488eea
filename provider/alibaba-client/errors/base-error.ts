import { optionalServiceText, SERVICE_ID_LIMIT } from "./service-text";

/**
 * Whether `value` carries `brand`, the `Symbol.for` key one error class marks its instances with. The key is
 * global, so `instanceof` works across two copies of the package (two installs, or a bundled one).
 */
export function hasErrorBrand(value: unknown, brand: symbol): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

const IS_MESSAGE_CONTACTS_ERROR = Symbol.for("pulumi-alicloud-message-contacts.error.MessageContactsError");

/** Fields every error of this package carries, so callers can branch on `code` and log `requestId`. */
export interface ErrorDetails {
    /** The API operation the error belongs to, when there is one. */
    operation?: string;
    /** The service's RequestId of the last answer, when one was received. Escaped and bounded when stored. */
    requestId?: string;
    /** Whether trying the same request again may succeed. */
    retryable?: boolean;
    /** The underlying error. */
    cause?: unknown;
}

/** How a retry loop ended: what an error that gave up after retries carries. */
export interface AttemptRecord {
    /** Attempts made, the first included. */
    attempts: number;
    /** Milliseconds spent across all attempts. */
    elapsedMs: number;
    /** Why the loop stopped before `maxAttempts`, when it did. */
    stoppedBecause?: string;
}

/**
 * Base class of every error this package throws. `code` is a stable string: the service's error code for
 * {@link AlibabaCloudApiError}, else one of {@link PACKAGE_ERROR_CODES}. Each class is branded with its own
 * `Symbol.for` key, so `instanceof` works across two copies of the package. Text from the service is escaped
 * and bounded by the constructors, so every message and field is safe to print. An error is complete when made:
 * a retry loop that gives up throws {@link afterAttempts}'s new error, and never edits one that was thrown.
 */
export class MessageContactsError extends Error {
    readonly code: string;
    readonly operation?: string;
    readonly requestId?: string;
    readonly retryable: boolean;
    /** How many attempts were made before giving up, when a retry loop made them. */
    readonly attempts?: number;
    /** Milliseconds spent across all attempts (with {@link attempts}). */
    readonly elapsedMs?: number;
    /** Why the retry loop stopped before `maxAttempts`, when it did (with {@link attempts}). */
    readonly stoppedBecause?: string;

    protected constructor(code: string, message: string, details: ErrorDetails = {}) {
        super(message, details.cause === undefined ? undefined : { cause: details.cause });
        this.name = new.target.name;
        this.code = code;
        this.operation = details.operation;
        this.requestId = optionalServiceText(details.requestId, SERVICE_ID_LIMIT);
        this.retryable = details.retryable ?? false;
    }

    /** The brand of this class: every instance of it and of its subclasses answers `true`. */
    get [IS_MESSAGE_CONTACTS_ERROR](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_MESSAGE_CONTACTS_ERROR);
    }

    /**
     * This error as given up by the retry loop that made `record.attempts` attempts: a new error of the same
     * class, with the same fields and cause, the attempts, and a message that says how they ended (when there
     * was more than one, or a reason to stop early). This error itself is left as it was made. (Every error
     * class keeps its data in own public fields, which are what is carried over.)
     */
    afterAttempts(record: AttemptRecord): this {
        const message = this.message + attemptsSuffix(record);
        const options = this.cause === undefined ? undefined : { cause: this.cause };
        // A real Error (own stack, `util.types.isNativeError`) whose prototype is this error's class.
        const told = Reflect.construct(Error, [message, options], this.constructor) as this;
        // Its stack starts where it was made (the retry loop, and its callers): V8 found no frames above a
        // constructor that did not run.
        Error.captureStackTrace(told, this.afterAttempts);
        for (const key of Reflect.ownKeys(this)) {
            if (key === "message" || key === "stack" || key === "cause") continue;
            Object.defineProperty(told, key, Object.getOwnPropertyDescriptor(this, key) as PropertyDescriptor);
        }
        const attempts: Pick<AttemptRecord, "attempts" | "elapsedMs"> & { stoppedBecause: string | undefined } = {
            attempts: record.attempts,
            elapsedMs: record.elapsedMs,
            stoppedBecause: record.stoppedBecause,
        };
        return Object.assign(told, attempts);
    }
}

/** ` [gave up after N attempts over M ms: why]`, or nothing when there was a single attempt and no reason. */
function attemptsSuffix(record: AttemptRecord): string {
    const why = record.stoppedBecause ? `: ${record.stoppedBecause}` : "";
    if (record.attempts <= 1 && !why) return "";
    return ` [gave up after ${record.attempts} attempt${record.attempts === 1 ? "" : "s"} over ${record.elapsedMs} ms${why}]`;
}

/** ` (RequestId abc)`, the id escaped and bounded, or nothing, for the end of a message. */
export function requestIdSuffix(requestId: string | undefined): string {
    const shown = optionalServiceText(requestId, SERVICE_ID_LIMIT);
    return shown ? ` (RequestId ${shown})` : "";
}
