import type * as pulumi from "@pulumi/pulumi";
import type { ClientOptions, ListQuery, MessageContactVerification, ResultOptions, ResultValues } from "../provider/alibaba-client";

export type { MessageContactVerification };

/** Arguments of {@link getMessageContactVerifications}: what to list, how to reach the service, and where to write the result. */
export interface GetMessageContactVerificationsArgs extends ListQuery, ClientOptions, ResultOptions {}

/** Arguments of {@link getMessageContactVerificationsOutput}: the same, each accepting an `Input`. */
export type GetMessageContactVerificationsOutputArgs = {
    [K in keyof GetMessageContactVerificationsArgs]?: pulumi.Input<GetMessageContactVerificationsArgs[K]>;
};

/** What the get functions return: every pending verification, from every page (see the output table). */
export type GetMessageContactVerificationsResult = ResultValues;

/**
 * Options of {@link getMessageContactVerificationsOutput}: Pulumi's `InvokeOutputOptions` (declared here so
 * that `@pulumi/pulumi` versions before 3.141, which lack that type, still compile). `dependsOn` makes the
 * listing wait until those resources are created.
 */
export interface GetMessageContactVerificationsOutputOptions extends pulumi.InvokeOptions {
    dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
}
