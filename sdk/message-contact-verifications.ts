import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE, RESOURCE_TYPE, RESOURCE_TYPE_TOKEN } from "../provider/pulumi-names";
import { ResourceInputs, TARGET_OUTPUT_NAMES } from "../provider/resource-shape";
import { messageContactVerificationsProvider } from "../provider/dynamic/resource-provider";
import type { MessageContactVerification } from "./types";

/**
 * Arguments of {@link MessageContactVerifications}: the same query and client options as the get functions
 * (`contactId`, `pageSize`, `endpoint`, `region`, `concurrency`, `consistency`, ...), each an `Input`,
 * except credentials, which come from stack config (`alicloud:accessKey`, `alicloud:secretKey`,
 * `alicloud:securityToken`, `alicloud:profile`, `alicloud:assumeRole`) or the environment, through the
 * provider's `configure`, so that they never enter state.
 */
export type MessageContactVerificationsArgs = {
    [K in keyof ResourceInputs]?: pulumi.Input<ResourceInputs[K]>;
} & {
    /**
     * Mark `verifications`, `targets` and `pendingByTarget` secret in state, inputs and outputs (the provider returns
     * them as secrets, and `additionalSecretOutputs`), also in previews, for teams that
     * treat contact details as sensitive. Default false.
     */
    secretTargets?: boolean;
};

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
export class MessageContactVerifications extends pulumi.dynamic.Resource {
    /** The type token, for `validateResourceOfType` in policy packs. */
    static readonly __pulumiType = RESOURCE_TYPE_TOKEN;

    /** Whether `obj` is an instance of this resource, across copies of the package. */
    static override isInstance(obj: unknown): obj is MessageContactVerifications {
        return pulumi.CustomResource.isInstance(obj) && (obj as { __pulumiType?: string }).__pulumiType === RESOURCE_TYPE_TOKEN;
    }

    /** The contact the listing is filtered to, when `contactId` was given. */
    declare readonly contactId: pulumi.Output<string | undefined>;
    /** How many verifications are pending. */
    declare readonly totalCount: pulumi.Output<number>;
    /** Every pending verification, in the service's order. */
    declare readonly verifications: pulumi.Output<MessageContactVerification[]>;
    /** The masked targets (phone numbers and email addresses), sorted and de-duplicated. */
    declare readonly targets: pulumi.Output<string[]>;
    /**
     * Each target and the contacts it is pending for (the same listing, keyed by target): a preview's diff shows
     * the targets that appeared (`+`) and went away (`-`) here by name.
     */
    declare readonly pendingByTarget: pulumi.Output<Record<string, string[]>>;

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
            ...inputs,
            ...(secretTargets ? { secretTargets: true } : {}),
            contactId: inputs.contactId,
            totalCount: undefined,
            verifications: undefined,
            targets: undefined,
            pendingByTarget: undefined,
        };
        const options = secretTargets ? pulumi.mergeOptions(opts, { additionalSecretOutputs: [...TARGET_OUTPUT_NAMES] }) : opts;
        super(messageContactVerificationsProvider, name, props, options, RESOURCE_MODULE, RESOURCE_TYPE);
    }
}
