import * as pulumi from "@pulumi/pulumi";
import type { OptionValues, ResourceOutputValues } from "../provider/alibaba-client";
import { RESOURCE_MODULE, RESOURCE_TYPE, RESOURCE_TYPE_TOKEN } from "../provider/pulumi-names";
import { LISTING_OUTPUT_NAMES, ResourceInputs, TARGET_OUTPUT_NAMES } from "../provider/resource-shape";
import { messageContactVerificationsProvider } from "../provider/dynamic/resource-provider";

/**
 * Arguments of {@link MessageContactVerifications}: the same query and client options as the get functions
 * (`contactId`, `pageSize`, `endpoint`, `region`, `concurrency`, `consistency`, ...), each an `Input`,
 * except credentials, which come from stack config (`alicloud:accessKey`, `alicloud:secretKey`,
 * `alicloud:securityToken`, `alicloud:profile`, `alicloud:assumeRole`) or the environment, through the
 * provider's `configure`, so that they never enter state; and except `outputFile` (the resource's state is its
 * record).
 */
export type MessageContactVerificationsArgs = {
    [K in keyof ResourceInputs]?: pulumi.Input<ResourceInputs[K]>;
} & Pick<OptionValues, "secretTargets">;

/** The resource's outputs (the output table's `resourceOutput`s, with their docs), each an `Output`. */
type RecordedOutputs = { readonly [K in keyof ResourceOutputValues]-?: pulumi.Output<ResourceOutputValues[K]> };

/** The resource's outputs. */
// Declared by merging, as `declare readonly` fields would declare them: the constructor of `pulumi.Resource` assigns
// one property per key of the props, and every output is one (seeded in the constructor below).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface MessageContactVerifications extends RecordedOutputs {}

/**
 * Records the pending message contact verifications in the stack's state, so that they can be exported,
 * compared run to run, checked by policy packs (`validateStackResourcesOfType(MessageContactVerifications, ...)`)
 * and refreshed with `pulumi refresh`. Every preview and `pulumi up` lists again (in the provider's `check`),
 * so previews and policy packs see today's listing, and `up` records it; the resource changes only when the
 * listing or its arguments do. Its outputs are unknown at preview only while an argument is (an Output of
 * another resource). Its listings are confirmed by a second, identical read by default
 * (`consistency: "snapshot"`; one-page listings are read once).
 *
 * @example
 * ```ts
 * const pending = new MessageContactVerifications("pending", { secretTargets: true });
 * export const pendingCount = pending.totalCount;
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- its outputs are the interface above
export class MessageContactVerifications extends pulumi.dynamic.Resource {
    /** The type token, for `validateResourceOfType` in policy packs. */
    static readonly __pulumiType = RESOURCE_TYPE_TOKEN;

    /** Whether `obj` is an instance of this resource, across copies of the package. */
    static override isInstance(obj: unknown): obj is MessageContactVerifications {
        return pulumi.CustomResource.isInstance(obj) && (obj as { __pulumiType?: string }).__pulumiType === RESOURCE_TYPE_TOKEN;
    }

    /**
     * @param name The unique name of the resource in the stack.
     * @param args What to list and how; never mutated.
     * @param opts Resource options; `secretTargets` adds `additionalSecretOutputs` to them.
     */
    constructor(name: string, args: MessageContactVerificationsArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
        const { secretTargets, ...inputs } = args;
        // Outputs are seeded as undefined so that they register even when absent from the inputs. `secretTargets`
        // is an input too: the provider's check returns the listing as secrets when it is set.
        const props = {
            ...Object.fromEntries(LISTING_OUTPUT_NAMES.map((output) => [output, undefined])),
            ...inputs,
            ...(secretTargets ? { secretTargets: true } : {}),
        };
        const options = secretTargets ? pulumi.mergeOptions(opts, { additionalSecretOutputs: [...TARGET_OUTPUT_NAMES] }) : opts;
        super(messageContactVerificationsProvider, name, props, options, RESOURCE_MODULE, RESOURCE_TYPE);
    }
}
