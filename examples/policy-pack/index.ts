/**
 * The policy pack: `pulumi preview --policy-pack examples/policy-pack`. The policies come from the Rego policy
 * compiled into `policy.wasm` (`policies.ts`); constructing the pack starts the analyzer's gRPC server, so nothing
 * else belongs here.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("alicloud-message-contacts", { policies });
