import { ROLE_ARN_PATTERN } from "./assume-role";
import { EmulatorAccount, EmulatorOptions, EmulatorTls, PageSizeOverflow, RateLimit, Verification } from "./types";

/** The AccessKey the emulator accepts when no accounts are given. These are fake keys. */
export const DEFAULT_ACCOUNT: Readonly<EmulatorAccount> = Object.freeze({
    accessKeyId: "emulator-access-key-id",
    accessKeySecret: "emulator-access-key-secret",
});

/** {@link EmulatorOptions} with every default filled in and every value checked. */
export interface ResolvedOptions {
    verifications: readonly Verification[];
    contacts: readonly string[];
    accounts: readonly EmulatorAccount[];
    port: number;
    latencyMs: number;
    maxPageSize: number;
    pageSizeOverflow: PageSizeOverflow;
    defaultPageSize: number;
    now: () => number;
    rateLimit: Required<RateLimit> | undefined;
    /** The assumable role ARNs, lower-cased; `undefined` for any. */
    roles: ReadonlySet<string> | undefined;
    stsCredentialLifetimeMs: number | undefined;
    tls: EmulatorTls | undefined;
}

function positiveInteger(name: string, value: number): number {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
    return value;
}

function accountList(accounts: readonly EmulatorAccount[] | undefined): readonly EmulatorAccount[] {
    if (accounts === undefined) return [DEFAULT_ACCOUNT];
    if (accounts.length === 0) throw new RangeError("accounts must not be empty");
    const ids = new Set<string>();
    return accounts.map((account, i) => {
        if (!account.accessKeyId || !account.accessKeySecret) {
            throw new TypeError(`accounts[${i}] needs a non-empty accessKeyId and accessKeySecret`);
        }
        if (account.securityToken === "") throw new TypeError(`accounts[${i}].securityToken must not be empty`);
        if (ids.has(account.accessKeyId)) throw new TypeError(`accounts[${i}].accessKeyId is repeated`);
        ids.add(account.accessKeyId);
        return { ...account };
    });
}

function roleSet(roles: readonly string[] | undefined): ReadonlySet<string> | undefined {
    if (roles === undefined) return undefined;
    if (!Array.isArray(roles)) throw new TypeError("roles must be an array of role ARNs");
    return new Set(
        roles.map((arn, i) => {
            if (typeof arn !== "string" || !ROLE_ARN_PATTERN.test(arn)) {
                throw new TypeError(`roles[${i}] must match ${ROLE_ARN_PATTERN}, got ${JSON.stringify(arn)}`);
            }
            return arn.toLowerCase();
        }),
    );
}

function tlsSettings(tls: EmulatorTls | undefined): EmulatorTls | undefined {
    if (tls === undefined) return undefined;
    if (!tls.key || !tls.cert) throw new TypeError("tls needs a key and a cert");
    return { key: tls.key, cert: tls.cert };
}

/** Fills in the defaults of {@link EmulatorOptions} and rejects nonsensical values with a RangeError or TypeError. */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0..65535, got ${port}`);
    const latencyMs = options.latencyMs ?? 0;
    if (!(Number.isFinite(latencyMs) && latencyMs >= 0)) throw new RangeError(`latencyMs must be >= 0, got ${latencyMs}`);
    const maxPageSize = positiveInteger("maxPageSize", options.maxPageSize ?? 100);
    const defaultPageSize = positiveInteger("defaultPageSize", options.defaultPageSize ?? Math.min(10, maxPageSize));
    if (defaultPageSize > maxPageSize) throw new RangeError("defaultPageSize must not exceed maxPageSize");
    const pageSizeOverflow = options.pageSizeOverflow ?? "reject";
    if (pageSizeOverflow !== "reject" && pageSizeOverflow !== "clamp") {
        throw new TypeError(`pageSizeOverflow must be "reject" or "clamp"`);
    }
    let rateLimit: Required<RateLimit> | undefined;
    if (options.rateLimit) {
        const { requestsPerSecond } = options.rateLimit;
        rateLimit = { requestsPerSecond, burst: options.rateLimit.burst ?? Math.max(1, Math.ceil(requestsPerSecond)) };
    }
    const lifetime = options.stsCredentialLifetimeMs;
    if (lifetime !== undefined && !(Number.isFinite(lifetime) && lifetime > 0)) {
        throw new RangeError(`stsCredentialLifetimeMs must be > 0, got ${lifetime}`);
    }
    return {
        verifications: options.verifications ?? [],
        contacts: options.contacts ?? [],
        accounts: accountList(options.accounts),
        port,
        latencyMs,
        maxPageSize,
        pageSizeOverflow,
        defaultPageSize,
        now: options.now ?? Date.now,
        rateLimit,
        roles: roleSet(options.roles),
        stsCredentialLifetimeMs: lifetime,
        tls: tlsSettings(options.tls),
    };
}
