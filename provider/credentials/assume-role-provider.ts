import { z } from "zod";
import type { Endpoint } from "../endpoint";
import { InvalidResponseError } from "../errors";
import { RpcClient } from "../rpc-client";
import type { AssumeRoleSettings } from "../stack-settings";
import { Credentials, CredentialsProvider } from "./credentials";

/** STS `AssumeRole`. */
export const ASSUME_ROLE = { action: "AssumeRole", version: "2015-04-01" } as const;

/** The default STS endpoint. */
export const DEFAULT_STS_HOST = "sts.aliyuncs.com";

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

/**
 * Temporary credentials from STS `AssumeRole`, called with the base credentials of the rest of the chain.
 * Cached, and renewed before they expire, also in the middle of a long listing (every request asks for
 * credentials afresh); concurrent requests share one renewal.
 */
export class AssumeRoleProvider implements CredentialsProvider {
    readonly description: string;
    readonly #client: RpcClient;
    readonly #settings: AssumeRoleSettings;
    readonly #now: () => number;
    #current: { credentials: Credentials; obtainedAt: number; expiresAt: number } | undefined;
    #pending: Promise<Credentials> | undefined;

    constructor(base: CredentialsProvider, settings: AssumeRoleSettings, stsEndpoint: Endpoint, now: () => number = Date.now) {
        this.description = `assume role ${settings.roleArn} with ${base.description}`;
        this.#client = new RpcClient({ endpoint: stsEndpoint, credentials: base, retry: { maxAttempts: 3 } });
        this.#settings = settings;
        this.#now = now;
    }

    getCredentials(): Promise<Credentials> {
        const current = this.#current;
        if (current && !needsRefresh(current.obtainedAt, current.expiresAt, this.#now())) return Promise.resolve(current.credentials);
        this.#pending ??= this.#assume().finally(() => {
            this.#pending = undefined;
        });
        return this.#pending;
    }

    async #assume(): Promise<Credentials> {
        const s = this.#settings;
        const query: Record<string, string> = {
            RoleArn: s.roleArn,
            RoleSessionName: s.sessionName ?? "pulumi-alicloud-message-contacts",
            DurationSeconds: String(s.sessionExpiration ?? 3600),
        };
        if (s.externalId) query.ExternalId = s.externalId;
        if (s.policy) query.Policy = s.policy;
        const obtainedAt = this.#now();
        const { data, requestId } = await this.#client.call(ASSUME_ROLE, query, assumeRoleAnswer);
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
