/** The `MessageContactVerifications` resource's shape: its inputs (from the option table) and its outputs. */
import { MessageContactVerification, OptionNameSetAs, OptionValues, optionsSetAs } from "./alibaba-client";

/** The resource's inputs that the listing reads: the option table's `resourceInput`s that are arguments. */
export type ListingInputName = Exclude<OptionNameSetAs<"resourceInput">, "secretTargets">;

/**
 * The names of the resource's inputs the listing reads: the query and client options of the get functions,
 * except credentials, which reach a provider through its configuration or the environment and never through state.
 */
export const RESOURCE_INPUT_NAMES = optionsSetAs("resourceInput").filter((name): name is ListingInputName => name !== "secretTargets");

/** The resource's inputs, as recorded in state: the options named by {@link RESOURCE_INPUT_NAMES}. */
export type ResourceInputs = Pick<OptionValues, ListingInputName>;

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

/** Everything in the resource's state, besides a dynamic provider's `__provider`. */
export type ResourceOutputs = ResourceInputs & ListingOutputs & { secretTargets?: true };

/** The names of the listing's outputs. */
export const LISTING_OUTPUT_NAMES = ["totalCount", "verifications", "targets", "pendingByTarget"] as const satisfies readonly (keyof ListingOutputs)[];

/** The outputs the listing adds that hold targets, which `secretTargets` makes secret. */
export const TARGET_OUTPUT_NAMES = ["verifications", "targets", "pendingByTarget"] as const satisfies readonly (keyof ListingOutputs)[];

/** The outputs that hold contact IDs, secret when the `contactId` input is. */
export const CONTACT_OUTPUT_NAMES = ["contactId", "verifications", "pendingByTarget"] as const;

/**
 * What each output means, for every provider's schema (the Pulumi plugin's and the Terraform provider's): written
 * once, here, beside the shape.
 */
export const OUTPUT_DESCRIPTIONS = {
    id: "Stable for the same query: <endpoint host>/ListMessageContactVerifications/<contactId or *>.",
    totalCount: "How many verifications are pending; always the length of verifications.",
    verifications: "Every pending verification, in the service's order: the contact and its masked phone or email.",
    targets: "Every target (masked), sorted, de-duplicated.",
    verification: "A pending verification: the contact, and its masked phone number or email address.",
    verificationContactId: "The message contact's ID (c-...).",
    verificationTarget: "The phone number or email address waiting to be verified, masked by the service.",
} as const;

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
