/** One pending verification: a contact's phone number or email address that still awaits confirmation. */
export interface Verification {
    /** The contact's ID, `c-` followed by letters and digits. */
    contactId: string;
    /** The phone number or email address to verify, masked as the service masks it. */
    target: string;
}

/** An AccessKey the emulator accepts, optionally bound to an STS security token. */
export interface EmulatorAccount {
    accessKeyId: string;
    accessKeySecret: string;
    /** When set, every request signed with this key must carry this exact `x-acs-security-token`. */
    securityToken?: string;
}

/** What to do with a `PageSize` above the maximum: answer 400 (`reject`) or serve the maximum (`clamp`). */
export type PageSizeOverflow = "reject" | "clamp";

/** A token bucket applied to valid requests; an empty bucket answers 400 `Throttling.User`. */
export interface RateLimit {
    /** Tokens added per second. */
    requestsPerSecond: number;
    /** Bucket capacity (the bucket starts full); defaults to `max(1, ceil(requestsPerSecond))`. */
    burst?: number;
}

/** A key pair and certificate (PEM) that make the emulator serve HTTPS. */
export interface EmulatorTls {
    key: string | Buffer;
    cert: string | Buffer;
}

/** STS credentials the emulator issued through `AssumeRole`, as recorded for tests. Never holds the secret. */
export interface IssuedCredential {
    /** `STS.` followed by letters and digits. */
    accessKeyId: string;
    /** The `RoleArn` asked for. */
    roleArn: string;
    /** The `RoleSessionName` asked for. */
    roleSessionName: string;
    /** When the emulator stops accepting the credentials (exact; the answer's `Expiration` is rounded down to the second). */
    expiration: Date;
    /** Issue time on the emulator's clock, epoch milliseconds. */
    issuedAt: number;
}

/** Settings of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
    /** The pending verifications, served in this order. Default: none. */
    verifications?: readonly Verification[];
    /** Contacts that exist but have no pending verification (the seeded verifications' contacts exist too). */
    contacts?: readonly string[];
    /** Accepted AccessKeys; the first is {@link Emulator.account}. Default: one emulator key pair. */
    accounts?: readonly EmulatorAccount[];
    /** TCP port on 127.0.0.1; default 0 (any free port). */
    port?: number;
    /** Delay before handling each request, in milliseconds. Default 0. */
    latencyMs?: number;
    /** Largest `PageSize` served. Default 100. */
    maxPageSize?: number;
    /** What a `PageSize` above `maxPageSize` gets. Default `reject`. */
    pageSizeOverflow?: PageSizeOverflow;
    /** `PageSize` when the request has none. Default 10. */
    defaultPageSize?: number;
    /** The emulator's clock in epoch milliseconds (signature date window, rate limit, records). Default `Date.now`. */
    now?: () => number;
    /** Throttle valid requests with a token bucket. Default: no limit. */
    rateLimit?: RateLimit;
    /**
     * The roles STS `AssumeRole` may assume (ARNs, compared case-insensitively); any other well-formed ARN
     * answers 404 `EntityNotExist.Role`. Default: every well-formed role ARN.
     */
    roles?: readonly string[];
    /**
     * How long issued STS credentials last, in milliseconds, whatever `DurationSeconds` asks (which is still
     * validated); the answer's `Expiration` shows it. Lets tests issue credentials that expire in a second.
     * Default: `DurationSeconds`.
     */
    stsCredentialLifetimeMs?: number;
    /** Serve HTTPS with this key and certificate instead of HTTP. Default: HTTP. */
    tls?: EmulatorTls;
}

/** A misbehaviour the emulator can be told to show; see {@link FaultRule}. */
export type Fault =
    /**
     * Answer this JSON error (with `x-acs-retry-after` when `retryAfterMs` is given). `message` may be a function
     * of the request's signer (its AccessKeyId and security token), for a service whose message echoes them.
     */
    | { kind: "error"; status: number; code: string; message?: string | ((signer: Readonly<EmulatorAccount>) => string); retryAfterMs?: number }
    /** Reset the connection without answering. */
    | { kind: "reset" }
    /** Answer this raw body (HTML page, truncated JSON, wrong shape...). Default status 200, JSON content type. */
    | { kind: "body"; body: string; status?: number; contentType?: string }
    /** Send the headers and half of the normal answer with the full `content-length`, then close the socket. */
    | { kind: "truncate" }
    /** Wait, then carry on (other faults may still apply). */
    | { kind: "delay"; ms: number }
    /** Replace the stored verifications, then carry on: models data changing between pages. */
    | { kind: "mutate"; apply: (list: Verification[]) => Verification[] }
    /** Never answer; the connection stays open until the emulator closes. */
    | { kind: "hang" };

/** The kinds of {@link Fault}. */
export type FaultKind = Fault["kind"];

/** Which requests a {@link FaultRule} applies to; every given field must match. */
export interface FaultMatch {
    /** The request's `PageNumber` (1 when absent). */
    pageNumber?: number;
    /** The request's `x-acs-action`. */
    action?: string;
}

/**
 * A fault to apply to the next matching validly signed requests. Rules are tried in the order they were
 * injected; each matching rule is consumed once per request. `delay` and `mutate` let the request carry on
 * to the next matching rule; the other kinds end it.
 */
export interface FaultRule {
    fault: Fault;
    /** How many matching requests this rule applies to; default 1, `Infinity` allowed. */
    times?: number;
    match?: FaultMatch;
}

/** A request as the emulator saw it, for assertions in tests. */
export interface RecordedRequest {
    method: string;
    /** The path, without the query string. */
    path: string;
    /** The action: the `x-acs-action` header, or for a V1 (HMAC-SHA1) request the `Action` query parameter. */
    action: string | undefined;
    /** Query parameters, names and values decoded. */
    query: Record<string, string>;
    /** For a request with a form-urlencoded body (how V1 clients send parameters): its parameters, decoded. */
    form?: Record<string, string>;
    /** Headers, names lower-cased. */
    headers: Record<string, string>;
    /** HTTP status answered; `undefined` while pending and for `reset` and `hang`. */
    status: number | undefined;
    /** The error `Code` answered, if any. */
    errorCode: string | undefined;
    /** Faults applied to this request, in order. */
    faults: FaultKind[];
    /** Arrival time on the emulator's clock, epoch milliseconds. */
    time: number;
}

/** A running emulator; see {@link startEmulator}. */
export interface Emulator {
    /** Base URL, e.g. `http://127.0.0.1:PORT` (`https://` with the `tls` option). */
    readonly url: string;
    /** `127.0.0.1:PORT`, the value to sign as the `host` header. */
    readonly host: string;
    readonly port: number;
    /** The default (first) account. */
    readonly account: EmulatorAccount;
    /** Every request received, in arrival order. */
    readonly requests: RecordedRequest[];
    /** Every STS credential issued by `AssumeRole`, oldest first (expired ones included). */
    readonly issuedCredentials: readonly IssuedCredential[];
    /** Stops listening and destroys every connection, idle keep-alive and hanging ones included. Idempotent. */
    close(): Promise<void>;
    /** Replaces the stored verifications (their contacts become known contacts). */
    setVerifications(list: readonly Verification[]): void;
    /** A copy of the stored verifications. */
    verifications(): Verification[];
    /** Adds a fault rule. */
    inject(rule: FaultRule): void;
    /** Removes every fault rule. */
    clearFaults(): void;
    /** Empties {@link Emulator.requests} in place. */
    resetRequests(): void;
}
