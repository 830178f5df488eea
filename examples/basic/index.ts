/**
 * Reads the pending message contact verifications with the Output function, records them with the
 * resource, and exports the count, the targets and the full list as stack outputs.
 *
 * Config (all optional): `contactId` (only this contact), `secretTargets` (true marks targets secret).
 * Credentials, region and endpoints come from the same `alicloud:*` config as @pulumi/alicloud.
 */
import * as pulumi from "@pulumi/pulumi";
import { getMessageContactVerificationsOutput, MessageContactVerifications } from "pulumi-alicloud-message-contacts";

const config = new pulumi.Config();
const contactId = config.get("contactId");

// Known at preview: the data function runs on every preview and update.
const pending = getMessageContactVerificationsOutput({ contactId });

// Recorded in state: visible to policy packs, compared run to run, refreshed by `pulumi refresh`.
const recorded = new MessageContactVerifications("pending-verifications", {
    contactId,
    secretTargets: config.getBoolean("secretTargets") ?? false,
});

/** How many verifications are pending, as read at preview/update time. */
export const pendingCount = pending.totalCount;
/** The masked targets recorded in state, sorted. */
export const pendingTargets = recorded.targets;
/** Every pending verification recorded in state. */
export const pendingVerifications = recorded.verifications;
