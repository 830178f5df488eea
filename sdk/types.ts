import type * as pulumi from "@pulumi/pulumi";
import type { ClientOptions, ListQuery, MessageContactVerification } from "../provider/alibaba-client";

export type { MessageContactVerification };

/** Arguments of {@link getMessageContactVerifications}: what to list and how to reach the service. */
export interface GetMessageContactVerificationsArgs extends ListQuery, ClientOptions {}

/** Arguments of {@link getMessageContactVerificationsOutput}: the same, each accepting an `Input`. */
export type GetMessageContactVerificationsOutputArgs = {
    [K in keyof GetMessageContactVerificationsArgs]?: pulumi.Input<GetMessageContactVerificationsArgs[K]>;
};

/** What the get functions return: every pending verification, from every page. */
export interface GetMessageContactVerificationsResult {
    /** Stable for the same query: `<endpoint host>/ListMessageContactVerifications/<contactId or *>`. */
    readonly id: string;
    /** The contact the listing is filtered to, when `contactId` was given. */
    readonly contactId?: string;
    /** How many verifications are pending; always `verifications.length`. */
    readonly totalCount: number;
    /** Every pending verification, in the service's order: the contact and its masked phone or email. */
    readonly verifications: MessageContactVerification[];
}

/**
 * Options of {@link getMessageContactVerificationsOutput}: Pulumi's `InvokeOutputOptions` (declared here so
 * that `@pulumi/pulumi` versions before 3.141, which lack that type, still compile). `dependsOn` makes the
 * listing wait until those resources are created.
 */
export interface GetMessageContactVerificationsOutputOptions extends pulumi.InvokeOptions {
    dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
}
