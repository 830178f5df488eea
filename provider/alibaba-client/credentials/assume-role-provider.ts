import { z } from "zod";
import type { Endpoint } from "../endpoint";
import { InvalidResponseError } from "../errors";
import { RpcClient } from "../rpc-client";
import type { AssumeRoleSettings } from "../options/option-values";
import { CredentialRequest, Credentials, CredentialsProvider } from "./credentials";

/** STS `AssumeRole`. */
export const ASSUME_ROLE = { action: "AssumeRole", version: "2015-04-01" } as const;

const assumeRoleAnswer = z.object({
    RequestId: z.string().optional(),
    Credentials: z.object({
        AccessKeyId: z.string().min(1),
        AccessKeySecret: z.string().min(1),
        SecurityToken: z.string().min(1),
        Expiration: z.string().min(1),
    }),
});

/** Longest time before expiry at which temporary credentials are renewed (the official SDKs use 15 minutes). */
export const REFRESH_BEFORE_EXPIRY_MS = 15 * 60_000;

/**
 * Whether credentials obtained at `obtainedAt` and expiring at `expiresAt` should be renewed at `now`: within
 * 15 minutes of expiry, or within the last quarter of their lifetime when that is shorter. Pure.
 */
export function needsRefresh(obtainedAt: number, expiresAt: number, now: number): boolean {
    const margin = Math.min(REFRESH_BEFORE_EXPIRY_MS, (expiresAt - obtainedAt) / 4);
    return now >= expiresAt - margin;
}

/** A renewal in flight, shared by every caller waiting for it; aborted when the last of them stops waiting. */
interface Renewal {
    promise: Promise<Credentials>;
    controller: AbortController;
    waiters: number;
}

/** `promise`, or the abort reason as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) return promise;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
}

/**
 * Temporary credentials from STS `AssumeRole`, called with the base credentials of the rest of the chain.
 * Cached, and renewed before they expire, also in the middle of a long listing (every request asks for
 * credentials afresh). Concurrent callers share one renewal, which keeps to the bounds of the caller that
 * started it (its deadline and retry policy: one retry loop, the one of the STS request) and is aborted when
 * every caller has stopped waiting, so a listing's `timeoutMs` also bounds the credentials it waits for.
 */
export class AssumeRoleProvider implements CredentialsProvider {
    readonly description: string;
    readonly #client: RpcClient;
    readonly #settings: AssumeRoleSettings;
    readonly #now: () => number;
    #current: { credentials: Credentials; obtainedAt: number; expiresAt: number } | undefined;
    #renewal: Renewal | undefined;

    constructor(base: CredentialsProvider, settings: AssumeRoleSettings, stsEndpoint: Endpoint, now: () => number = Date.now) {
        this.description = `assume role ${settings.roleArn} with ${base.description}`;
        this.#client = new RpcClient({ endpoint: stsEndpoint, credentials: base });
        this.#settings = settings;
        this.#now = now;
    }

    async getCredentials(request: CredentialRequest = {}): Promise<Credentials> {
        const current = this.#current;
        if (current && !needsRefresh(current.obtainedAt, current.expiresAt, this.#now())) return current.credentials;
        const renewal = (this.#renewal ??= this.#startRenewal(request));
        renewal.waiters++;
        try {
            return await untilAborted(renewal.promise, request.signal);
        } finally {
            renewal.waiters--;
            if (renewal.waiters === 0) renewal.controller.abort(request.signal?.reason);
        }
    }

    #startRenewal(request: CredentialRequest): Renewal {
        const controller = new AbortController();
        const promise = this.#assume({ ...request, signal: controller.signal }).finally(() => {
            if (this.#renewal?.promise === promise) this.#renewal = undefined;
        });
        // A renewal nobody waits for any longer must not report its abort as unhandled.
        promise.catch(() => undefined);
        return { promise, controller, waiters: 0 };
    }

    async #assume(request: CredentialRequest): Promise<Credentials> {
        const s = this.#settings;
        const query: Record<string, string> = {
            RoleArn: s.roleArn,
            RoleSessionName: s.sessionName ?? "pulumi-alicloud-message-contacts",
            DurationSeconds: String(s.sessionExpiration ?? 3600),
        };
        if (s.externalId) query.ExternalId = s.externalId;
        if (s.policy) query.Policy = s.policy;
        const obtainedAt = this.#now();
        const { data, requestId } = await this.#client.call(ASSUME_ROLE, query, assumeRoleAnswer, request);
        const expiresAt = Date.parse(data.Credentials.Expiration);
        if (!Number.isFinite(expiresAt)) {
            throw new InvalidResponseError({ operation: ASSUME_ROLE.action, httpStatus: 200, requestId, problem: "Credentials.Expiration is not a date" });
        }
        const credentials = new Credentials(
            data.Credentials.AccessKeyId,
            data.Credentials.AccessKeySecret,
            data.Credentials.SecurityToken,
            new Date(expiresAt),
        );
        this.#current = { credentials, obtainedAt, expiresAt };
        return credentials;
    }
}
