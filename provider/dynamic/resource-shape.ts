import type { MessageContactVerification } from "../operation/verification";

/** The type token of the resource: `pulumi-nodejs:dynamic/<module>:<type>`. */
export const RESOURCE_MODULE = "alicloud";
export const RESOURCE_TYPE = "MessageContactVerifications";
export const RESOURCE_TYPE_TOKEN = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE}`;

/**
 * The resource's inputs, as recorded in state. Credentials are deliberately absent: they reach the provider
 * through `configure` (stack config) or the environment, never through state.
 */
export interface ResourceInputs {
    contactId?: string;
    pageSize?: number;
    endpoint?: string;
    endpointType?: "public" | "vpc";
    region?: string;
    stsEndpoint?: string;
    concurrency?: number;
    maxAttempts?: number;
    maxListings?: number;
    consistency?: "checked" | "snapshot";
    timeoutMs?: number;
    requestTimeoutMs?: number;
    maxResponseBytes?: number;
}

/** The names of {@link ResourceInputs}, the only input properties the provider reads. */
export const RESOURCE_INPUT_NAMES = [
    "contactId",
    "pageSize",
    "endpoint",
    "endpointType",
    "region",
    "stsEndpoint",
    "concurrency",
    "maxAttempts",
    "maxListings",
    "consistency",
    "timeoutMs",
    "requestTimeoutMs",
    "maxResponseBytes",
] as const satisfies readonly (keyof ResourceInputs)[];

/** What the listing adds to the inputs in state. No field changes from run to run unless the data does. */
export interface ListingOutputs {
    totalCount: number;
    verifications: MessageContactVerification[];
    /** Every target, sorted, de-duplicated: handy for policies and stack outputs. */
    targets: string[];
}

/** Everything in the resource's state, besides `__provider`. */
export type ResourceOutputs = ResourceInputs & ListingOutputs;
