import type { CredentialOptions } from "./alibaba-client/credentials";
import type { ClientOptions, ListQuery } from "./alibaba-client/operation/list-options";
import type { MessageContactVerification } from "./alibaba-client/operation/verification";

/** The module part of the resource's type token. */
export const RESOURCE_MODULE = "alicloud";
/** The type part of the resource's type token. */
export const RESOURCE_TYPE = "MessageContactVerifications";
/** The resource's type token, `pulumi-nodejs:dynamic/alicloud:MessageContactVerifications`. */
export const RESOURCE_TYPE_TOKEN = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE}`;

/**
 * The names of the resource's inputs, the only input properties the provider reads: the query and client
 * options of the get functions, except credentials, which reach the provider through `configure` (stack
 * config) or the environment and never through state.
 */
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
    "maxListingBytes",
] as const satisfies readonly Exclude<keyof (ListQuery & ClientOptions), keyof CredentialOptions>[];

/** The resource's inputs, as recorded in state: the options named by {@link RESOURCE_INPUT_NAMES}. */
export type ResourceInputs = Pick<ListQuery & ClientOptions, (typeof RESOURCE_INPUT_NAMES)[number]>;

/** What the listing adds to the inputs in state. No field changes from run to run unless the data does. */
export interface ListingOutputs {
    totalCount: number;
    verifications: MessageContactVerification[];
    /** Every target, sorted, de-duplicated: handy for policies and stack outputs. */
    targets: string[];
    /**
     * Each target and the contacts it is pending for: the same listing keyed by target, so that a preview's diff
     * shows the targets that appeared (`+`) and went away (`-`) by name, whatever their positions in the lists.
     */
    pendingByTarget: Record<string, string[]>;
}

/** Everything in the resource's state, besides `__provider`. */
export type ResourceOutputs = ResourceInputs & ListingOutputs & { secretTargets?: true };

/** The outputs the listing adds, that `secretTargets` makes secret. */
export const TARGET_OUTPUT_NAMES = ["verifications", "targets", "pendingByTarget"] as const;

/** The listing's outputs, computed from the verifications in the service's order. */
export function listingOutputs(verifications: MessageContactVerification[]): ListingOutputs {
    const pendingByTarget: Record<string, string[]> = {};
    for (const { contactId, target } of verifications) {
        const contacts = (pendingByTarget[target] ??= []);
        if (!contacts.includes(contactId)) contacts.push(contactId);
    }
    return {
        totalCount: verifications.length,
        verifications,
        targets: Object.keys(pendingByTarget).sort(),
        pendingByTarget,
    };
}
