/**
 * The one place a call's settings are resolved: the argument, else the stack's config, else the environment,
 * else the default, for the listing's limits and for the endpoint. The get functions, the dynamic provider and
 * the CLI all list through `listMessageContactVerifications`, which resolves here; the provider's `create` asks
 * here for the endpoint its id names.
 */
import { Endpoint, resolveEndpoint } from "./endpoint";
import { LIST_DEFAULTS, ListOptions } from "./operation/list-options";
import type { StackSettings } from "./stack-settings";

/** Every limit of a listing, resolved. */
export interface ListingLimits {
    pageSize: number;
    concurrency: number;
    maxAttempts: number;
    maxListings: number;
    timeoutMs: number;
    maxListingBytes: number;
    consistency: "checked" | "snapshot";
}

/**
 * The listing's limits: each from the argument, else stack config `alicloud-message-contacts:<name>` (for the
 * limits a stack may set), else `defaults` (a caller's own, such as the resource's `snapshot`), else
 * {@link LIST_DEFAULTS}.
 */
export function resolveListingLimits(options: ListOptions, stack: StackSettings = {}, defaults: Partial<ListingLimits> = {}): ListingLimits {
    const fromStack = stack.listing ?? {};
    const pick = <K extends keyof ListingLimits>(name: K, stackValue?: ListingLimits[K]): ListingLimits[K] =>
        (options[name] as ListingLimits[K] | undefined) ?? stackValue ?? defaults[name] ?? (LIST_DEFAULTS[name] as ListingLimits[K]);
    return {
        pageSize: pick("pageSize"),
        concurrency: pick("concurrency", fromStack.concurrency),
        maxAttempts: pick("maxAttempts", fromStack.maxAttempts),
        maxListings: pick("maxListings"),
        timeoutMs: pick("timeoutMs", fromStack.timeoutMs),
        maxListingBytes: pick("maxListingBytes"),
        consistency: pick("consistency", fromStack.consistency),
    };
}

/** The endpoint of a call: the argument, else `alicloud:endpoints`, else the environment, the endpoint type, the region. */
export function resolveCallEndpoint(
    options: Pick<ListOptions, "endpoint" | "endpointType" | "region">,
    stack: StackSettings = {},
    env: Readonly<Record<string, string | undefined>> = process.env,
): Endpoint {
    return resolveEndpoint({
        explicit: options.endpoint,
        endpoints: stack.endpoints,
        endpointType: options.endpointType ?? stack.endpointType,
        region: options.region ?? stack.region,
        env,
    });
}
