import { randomUUID } from "node:crypto";
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from "node:http";
import { buffer } from "node:stream/consumers";
import { setTimeout as sleep } from "node:timers/promises";
import { HEADER } from "../provider/signing";
import { ApiError, COMMON_ERRORS, KNOWN_MESSAGES } from "./api-error";
import { FaultSchedule } from "./faults";
import { PagingPolicy, parsePositiveInteger } from "./list-message-contact-verifications";
import { resolveOptions, ResolvedOptions } from "./options";
import { deliver, failure, JSON_CONTENT_TYPE, Outcome } from "./outcome";
import { parseRawQuery } from "./query-string";
import { findRoute, ROUTES } from "./routes";
import { TokenBucket } from "./token-bucket";
import {
    Emulator,
    EmulatorAccount,
    EmulatorOptions,
    FaultRule,
    RecordedRequest,
    Verification,
} from "./types";
import { VerificationStore } from "./verification-store";
import { SignatureVerifier } from "./verify-signature";

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

function pageNumberOf(query: Readonly<Record<string, string>>): number {
    const raw = query["PageNumber"];
    return raw === undefined ? 1 : parsePositiveInteger(raw) ?? Number.NaN;
}

/** The running emulator behind {@link startEmulator}. */
class EmulatorServer implements Emulator {
    readonly requests: RecordedRequest[] = [];
    private readonly server: Server;
    private readonly store: VerificationStore;
    private readonly verifier: SignatureVerifier;
    private readonly faults = new FaultSchedule();
    private readonly bucket: TokenBucket | undefined;
    private readonly paging: PagingPolicy;
    private readonly shutdown = new AbortController();
    private closed: Promise<void> | undefined;
    private boundPort = 0;

    constructor(private readonly settings: ResolvedOptions) {
        this.store = new VerificationStore(settings.verifications, settings.contacts);
        this.verifier = new SignatureVerifier({ accounts: settings.accounts, now: settings.now });
        this.bucket = settings.rateLimit
            ? new TokenBucket(settings.rateLimit.requestsPerSecond, settings.rateLimit.burst, settings.now)
            : undefined;
        this.paging = {
            defaultPageSize: settings.defaultPageSize,
            maxPageSize: settings.maxPageSize,
            pageSizeOverflow: settings.pageSizeOverflow,
        };
        this.server = createServer((req, res) => void this.handle(req, res));
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
        return `http://${this.host}`;
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
        const record: RecordedRequest = {
            method: req.method ?? "",
            path,
            action: headers[HEADER.action],
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
            await this.pause(this.settings.latencyMs);
            outcome = await this.decide(req.method ?? "", path, rawQuery, headers, body, record);
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

    /** Decides the answer: routing, signature, version, rate limit, faults, then the operation. */
    private async decide(
        method: string,
        path: string,
        rawQuery: string,
        headers: Record<string, string>,
        body: Buffer,
        record: RecordedRequest,
    ): Promise<Outcome> {
        if (method !== "POST" || path !== "/") return failure(COMMON_ERRORS.actionNotFound());
        const verdict = this.verifier.verify({ method, rawQuery, headers, body });
        if (!verdict.ok) return failure(verdict.error);
        const action = headers[HEADER.action] ?? "";
        const route = findRoute(ROUTES, action);
        if (!route) return failure(COMMON_ERRORS.actionNotFound());
        if (headers[HEADER.version] !== route.version) return failure(COMMON_ERRORS.invalidVersion(), route.product);
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
                        message: fault.message ?? KNOWN_MESSAGES[fault.code] ?? `Injected fault ${fault.code}.`,
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

        const result = route.handle({ query: verdict.query, store: this.store, paging: this.paging });
        return result.ok
            ? { kind: "ok", body: result.body, truncate }
            : { kind: "error", error: result.error, product: route.product, truncate };
    }

}

/**
 * Starts an emulator of Alibaba Cloud's Resource Directory `ListMessageContactVerifications` API on
 * 127.0.0.1. It answers `POST /` requests signed with ACS3-HMAC-SHA256 by one of its accounts.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const emulator = new EmulatorServer(resolveOptions(options));
    await emulator.listen();
    return emulator;
}
