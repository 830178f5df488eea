import { randomUUID } from "node:crypto";
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { buffer } from "node:stream/consumers";
import { setTimeout as sleep } from "node:timers/promises";
import { HEADER } from "../provider/alibaba-client";
import { ApiError, COMMON_ERRORS, KNOWN_MESSAGES } from "./api-error";
import { CredentialRegistry } from "./credential-registry";
import { FaultSchedule } from "./faults";
import { PagingPolicy, parsePositiveInteger } from "./list-message-contact-verifications";
import { NonceCache } from "./nonce-cache";
import { resolveOptions, ResolvedOptions } from "./options";
import { deliver, failure, JSON_CONTENT_TYPE, Outcome } from "./outcome";
import { parseFormBody, parseRawQuery } from "./query-string";
import { findRoute, ROUTES } from "./routes";
import { TokenBucket } from "./token-bucket";
import { Emulator, EmulatorAccount, EmulatorOptions, FaultRule, IssuedCredential, RecordedRequest, Verification } from "./types";
import { VerificationStore } from "./verification-store";
import { SignatureVerifier } from "./verify-signature";
import { isV1Query, V1SignatureVerifier } from "./verify-signature-v1";

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
    const flat = new Map<string, string>();
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined) flat.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : value);
    }
    return Object.fromEntries(flat);
}

function splitUrl(rawUrl: string): { path: string; rawQuery: string } {
    const q = rawUrl.indexOf("?");
    return q < 0 ? { path: rawUrl, rawQuery: "" } : { path: rawUrl.slice(0, q), rawQuery: rawUrl.slice(q + 1) };
}

/** The decoded parameters of a form-urlencoded body; `undefined` for any other body. */
function formOf(headers: Readonly<Record<string, string>>, body: Buffer): Record<string, string> | undefined {
    const form = parseFormBody(headers[HEADER.contentType], body);
    return form?.ok ? form.params : undefined;
}

function pageNumberOf(query: Readonly<Record<string, string>>): number {
    const raw = query["PageNumber"];
    return raw === undefined ? 1 : (parsePositiveInteger(raw) ?? Number.NaN);
}

/** The running emulator behind {@link startEmulator}. */
class EmulatorServer implements Emulator {
    readonly requests: RecordedRequest[] = [];
    private readonly server: Server;
    private readonly store: VerificationStore;
    private readonly credentials: CredentialRegistry;
    private readonly verifier: SignatureVerifier;
    private readonly v1Verifier: V1SignatureVerifier;
    private readonly faults = new FaultSchedule();
    private readonly bucket: TokenBucket | undefined;
    private readonly paging: PagingPolicy;
    private readonly shutdown = new AbortController();
    private closed: Promise<void> | undefined;
    private boundPort = 0;

    constructor(private readonly settings: ResolvedOptions) {
        this.store = new VerificationStore(settings.verifications, settings.contacts);
        this.credentials = new CredentialRegistry(settings.accounts, settings.now);
        // One nonce memory for both signature versions: a nonce is spent whichever way it was signed.
        const verifierOptions = { accounts: this.credentials, now: settings.now, nonces: new NonceCache(100_000) };
        this.verifier = new SignatureVerifier(verifierOptions);
        this.v1Verifier = new V1SignatureVerifier(verifierOptions);
        this.bucket = settings.rateLimit ? new TokenBucket(settings.rateLimit.requestsPerSecond, settings.rateLimit.burst, settings.now) : undefined;
        this.paging = {
            defaultPageSize: settings.defaultPageSize,
            maxPageSize: settings.maxPageSize,
            pageSizeOverflow: settings.pageSizeOverflow,
        };
        const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
        this.server = settings.tls ? createHttpsServer({ ...settings.tls }, handler) : createServer(handler);
    }

    /** Starts listening on 127.0.0.1. */
    async listen(): Promise<void> {
        await new Promise<void>((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(this.settings.port, "127.0.0.1", () => {
                this.server.off("error", reject);
                resolve();
            });
        });
        const address = this.server.address();
        if (address === null || typeof address === "string") throw new Error("the emulator is not listening on TCP");
        this.boundPort = address.port;
    }

    get port(): number {
        return this.boundPort;
    }

    get host(): string {
        return `127.0.0.1:${this.boundPort}`;
    }

    get url(): string {
        return `${this.settings.tls ? "https" : "http"}://${this.host}`;
    }

    get account(): EmulatorAccount {
        const [first] = this.settings.accounts;
        if (!first) throw new Error("the emulator has no account");
        return { ...first };
    }

    close(): Promise<void> {
        this.closed ??= new Promise<void>((resolve) => {
            this.shutdown.abort();
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
        return this.closed;
    }

    get issuedCredentials(): readonly IssuedCredential[] {
        return this.credentials.issued;
    }

    setVerifications(list: readonly Verification[]): void {
        this.store.replace(list);
    }

    verifications(): Verification[] {
        return this.store.snapshot();
    }

    inject(rule: FaultRule): void {
        this.faults.add(rule);
    }

    clearFaults(): void {
        this.faults.clear();
    }

    resetRequests(): void {
        this.requests.length = 0;
    }

    private async pause(ms: number): Promise<void> {
        if (ms > 0) await sleep(ms, undefined, { signal: this.shutdown.signal });
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const requestId = randomUUID().toUpperCase();
        const { path, rawQuery } = splitUrl(req.url ?? "/");
        const headers = flattenHeaders(req.headers);
        const parsedQuery = parseRawQuery(rawQuery);
        const v1 = parsedQuery.ok && isV1Query(parsedQuery.params);
        const record: RecordedRequest = {
            method: req.method ?? "",
            path,
            action: v1 ? parsedQuery.params["Action"] : headers[HEADER.action],
            query: parsedQuery.ok ? parsedQuery.params : {},
            headers,
            status: undefined,
            errorCode: undefined,
            faults: [],
            time: this.settings.now(),
        };
        this.requests.push(record);
        const hostId = headers[HEADER.host] || this.host;
        let outcome: Outcome;
        try {
            const body = await buffer(req);
            const form = formOf(headers, body);
            if (form) record.form = form;
            await this.pause(this.settings.latencyMs);
            outcome = await this.decide(req.method ?? "", path, rawQuery, headers, body, record, v1);
        } catch {
            if (this.shutdown.signal.aborted || res.destroyed) {
                res.destroy();
                return;
            }
            outcome = failure(COMMON_ERRORS.internalError());
        }
        try {
            deliver(res, outcome, record, requestId, hostId);
        } catch {
            // Say, a body fault with a content type Node refuses as a header value: drop the connection.
            res.destroy();
        }
    }

    /**
     * Decides the answer: method and path, signature (V1 when `v1`, else V3), action, version, rate limit,
     * faults, then the operation.
     */
    private async decide(
        method: string,
        path: string,
        rawQuery: string,
        headers: Record<string, string>,
        body: Buffer,
        record: RecordedRequest,
        v1: boolean,
    ): Promise<Outcome> {
        const action = record.action ?? "";
        const route = findRoute(ROUTES, action);
        if (method !== "POST" || path !== "/") return failure(COMMON_ERRORS.actionNotFound(), route?.product);
        const call = { method, rawQuery, headers, body };
        const verdict = v1 ? this.v1Verifier.verify(call) : this.verifier.verify(call);
        if (!verdict.ok) return failure(verdict.error, route?.product);
        if (!route) return failure(COMMON_ERRORS.actionNotFound());
        const version = v1 ? verdict.query["Version"] : headers[HEADER.version];
        if (version !== route.version) return failure(COMMON_ERRORS.invalidVersion(), route.product);
        if (this.bucket) {
            const grant = this.bucket.take();
            if (!grant.ok) return failure(COMMON_ERRORS.throttlingUser(grant.retryAfterMs), route.product);
        }

        let truncate = false;
        for (const fault of this.faults.take({ action, pageNumber: pageNumberOf(verdict.query) })) {
            record.faults.push(fault.kind);
            switch (fault.kind) {
                case "delay":
                    await this.pause(fault.ms);
                    break;
                case "mutate":
                    this.store.replace(fault.apply(this.store.snapshot()));
                    break;
                case "truncate":
                    truncate = true;
                    break;
                case "error": {
                    const error: ApiError = {
                        status: fault.status,
                        code: fault.code,
                        message:
                            typeof fault.message === "function"
                                ? fault.message(verdict.account)
                                : (fault.message ?? KNOWN_MESSAGES[fault.code] ?? `Injected fault ${fault.code}.`),
                    };
                    if (fault.retryAfterMs !== undefined) error.retryAfterMs = fault.retryAfterMs;
                    return failure(error, route.product);
                }
                case "body":
                    return {
                        kind: "raw",
                        status: fault.status ?? 200,
                        body: fault.body,
                        contentType: fault.contentType ?? JSON_CONTENT_TYPE,
                    };
                case "reset":
                case "hang":
                    return { kind: fault.kind };
            }
        }

        const result = route.handle({
            query: verdict.query,
            store: this.store,
            paging: this.paging,
            credentials: this.credentials,
            assumeRole: { roles: this.settings.roles, lifetimeMs: this.settings.stsCredentialLifetimeMs },
        });
        return result.ok ? { kind: "ok", body: result.body, truncate } : { kind: "error", error: result.error, product: route.product, truncate };
    }
}

/**
 * Starts an emulator of Alibaba Cloud's Resource Directory `ListMessageContactVerifications` API, and of STS
 * `AssumeRole`, on 127.0.0.1 (HTTP, or HTTPS with the `tls` option). It answers `POST /` requests signed by
 * one of its accounts, or by STS credentials it issued and that have not expired, with ACS3-HMAC-SHA256 (V3)
 * or, when the query has a `Signature` or `SignatureVersion=1.0`, with the older HMAC-SHA1 (V1).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const emulator = new EmulatorServer(resolveOptions(options));
    await emulator.listen();
    return emulator;
}
