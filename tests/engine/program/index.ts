/**
 * The user's program the engine tests run: the examples/basic program's calls (the Output function and the
 * resource), plus the Promise function, each exported in full so that the stack's outputs can be compared with
 * the emulator's data.
 *
 * Config: `contactId` (only that contact), `secretTargets` (true marks the resource's targets secret), `parts`
 * (`functions`, `resource` or `all`, the default: which calls the program makes).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    getMessageContactVerifications,
    getMessageContactVerificationsOutput,
    GetMessageContactVerificationsResult,
    MessageContactVerifications,
} from "pulumi-alicloud-message-contacts";

const config = new pulumi.Config();
const contactId = config.get("contactId");
const parts = config.get("parts") ?? "all";

/** The Output function's result (known at preview). */
export const fromOutput: pulumi.Output<GetMessageContactVerificationsResult> | undefined =
    parts === "resource" ? undefined : getMessageContactVerificationsOutput({ contactId });

/** The Promise function's result. */
export const fromPromise: Promise<GetMessageContactVerificationsResult> | undefined =
    parts === "resource" ? undefined : getMessageContactVerifications({ contactId });

const recorded =
    parts === "functions" ? undefined : new MessageContactVerifications("pending", { contactId, secretTargets: config.getBoolean("secretTargets") ?? false });

/** The listing recorded in state. */
export const resourceTotalCount = recorded?.totalCount;
export const resourceVerifications = recorded?.verifications;
export const resourceTargets = recorded?.targets;
export const resourceId = recorded?.id;
