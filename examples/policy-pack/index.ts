/**
 * The policy pack: `pulumi preview --policy-pack examples/policy-pack`. The policies and their helpers live in
 * `policies.ts`; constructing the pack starts the analyzer's gRPC server, so nothing else belongs here.
 */
import { PolicyPack } from "@pulumi/policy";
import { messageContactVerificationTargetsAllowed, noPendingMessageContactVerifications } from "./policies";

new PolicyPack("alicloud-message-contacts", {
    policies: [noPendingMessageContactVerifications, messageContactVerificationTargetsAllowed],
});
