/**
 * The `MessageContactVerifications` resource's shape: its inputs (from the option table) and its outputs (from the
 * output table's `resourceOutput`s).
 */
import { OptionNameSetAs, OptionValues, optionsSetAs, outputsAt, outputsHolding, ResourceOutputValues } from "./alibaba-client";

/** The resource's inputs that the listing reads: the option table's `resourceInput`s that are arguments. */
export type ListingInputName = Exclude<OptionNameSetAs<"resourceInput">, "secretTargets">;

/**
 * The names of the resource's inputs the listing reads: the query and client options of the get functions,
 * except credentials, which reach a provider through its configuration or the environment and never through state,
 * and `outputFile` (the resource's state is its record).
 */
export const RESOURCE_INPUT_NAMES = optionsSetAs("resourceInput").filter((name): name is ListingInputName => name !== "secretTargets");

/** The resource's inputs, as recorded in state: the options named by {@link RESOURCE_INPUT_NAMES}. */
export type ResourceInputs = Pick<OptionValues, ListingInputName>;

/** What the listing adds to the inputs in state. No field changes from run to run unless the data does. */
export type ListingOutputs = ResourceOutputValues;

/** Everything in the resource's state, besides a dynamic provider's `__provider`. */
export type ResourceOutputs = ResourceInputs & ListingOutputs & { secretTargets?: true };

/** The names of the listing's outputs (the generated {@link ListingOutputs} has exactly these). */
export const LISTING_OUTPUT_NAMES = outputsAt("resourceOutput") as (keyof ListingOutputs)[];

/** The outputs the listing adds that hold targets, which `secretTargets` makes secret. */
export const TARGET_OUTPUT_NAMES = outputsHolding("targets", "resourceOutput");

/** The outputs that hold contact IDs, secret when the `contactId` input is. */
export const CONTACT_OUTPUT_NAMES = outputsHolding("contactIds", "resourceOutput");
