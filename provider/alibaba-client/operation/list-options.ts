import type { CredentialOptions, CredentialsProvider } from "../credentials";
import { DEFAULT_RETRY_OPTIONS } from "../retry/retry-options";
import type { StackSettings } from "../stack-settings";

/** What to list. */
export interface ListQuery {
    /** List only this message contact's pending verifications (`c-...`). Default: every contact's. */
    contactId?: string;
    /** Items asked per page, 1..100. Default 100; stepped down to 50, then 10, if the service rejects it. */
    pageSize?: number;
}

/** How to reach the service and how hard to try. Every field is optional. */
export interface ClientOptions extends CredentialOptions {
    /**
     * Host (`resourcedirectory-intl.aliyuncs.com`) or URL (`http://127.0.0.1:8080`, loopback only for http).
     * Default: env `ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER`, else `resourcedirectory.aliyuncs.com`.
     */
    endpoint?: string;
    /** `vpc` selects `resourcedirectory.vpc-proxy.aliyuncs.com`. Default: stack config, else public. */
    endpointType?: "public" | "vpc";
    /** The region, which chooses the site: international regions use `resourcedirectory-intl.aliyuncs.com`. */
    region?: string;
    /** Where STS `AssumeRole` is called for `alicloud:assumeRole`. Default `sts.aliyuncs.com`. */
    stsEndpoint?: string;
    /** Pages fetched at once after the first, 1..32. Default 4. */
    concurrency?: number;
    /** Attempts per request, the first included, 1..20. Default 5. */
    maxAttempts?: number;
    /** Complete listings attempted when the data changes while it is read, 1..10. Default 3. */
    maxListings?: number;
    /**
     * `checked` (default): one pass; every page is checked against the first (TotalCount, PageSize, item
     * count), duplicates and the total are checked, and a listing that changed starts over.
     * `snapshot`: additionally confirm with a second listing and return only two identical consecutive ones,
     * which also catches a change that keeps every count. Costs twice the requests.
     */
    consistency?: "checked" | "snapshot";
    /** Time limit of the whole listing in milliseconds, retries included. Default 300 000 (5 minutes). */
    timeoutMs?: number;
    /** Largest answer accepted, in bytes. Default 8 MiB. */
    maxResponseBytes?: number;
    /**
     * Most bytes of answers one call reads in all (every page, retries and confirming reads included), so that a
     * broken or hostile endpoint cannot exhaust memory; past it the call fails. Default 256 MiB.
     */
    maxListingBytes?: number;
    /**
     * Time limit of one request's answer in milliseconds (waiting for headers, and between body chunks);
     * a request past it is retried. Default 30 000.
     */
    requestTimeoutMs?: number;
}

/** Options that only code can pass (not stack config or resource inputs). */
export interface RuntimeOptions {
    /** Called after each page: pages done, pages in all. */
    onProgress?(pagesDone: number, pagesTotal: number): void;
    /** Cancels the listing. */
    signal?: AbortSignal;
    /** Where credentials come from, replacing the built-in chain. */
    credentialsProvider?: CredentialsProvider;
    /** The stack's settings (`alicloud:*` config), as the get functions and the dynamic provider read them. */
    stack?: StackSettings;
    /** The environment to read; default `process.env`. */
    env?: Readonly<Record<string, string | undefined>>;
    /** Defaults of the listing's limits that win over the package's (the resource's `consistency: "snapshot"`). */
    limitDefaults?: { consistency?: "checked" | "snapshot" };
}

/** Everything `listMessageContactVerifications` takes. */
export type ListOptions = ListQuery & ClientOptions & RuntimeOptions;

/** Defaults of the numeric options. */
export const LIST_DEFAULTS = {
    pageSize: 100,
    concurrency: 4,
    maxAttempts: DEFAULT_RETRY_OPTIONS.maxAttempts,
    maxListings: 3,
    timeoutMs: 300_000,
    maxListingBytes: 256 * 1024 * 1024,
    consistency: "checked",
} as const;
