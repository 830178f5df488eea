/**
 * The type tokens a `MessageContactVerifications` has in a stack's state, written where each is defined and
 * listed here once, for policy packs and other tools that select the resource by type.
 */
import { RESOURCE_TOKEN } from "../provider/plugin/schema";
import { RESOURCE_TYPE_TOKEN } from "../provider/resource-shape";

/**
 * Every type a `MessageContactVerifications` has in state: the dynamic resource of Node.js programs
 * (`pulumi-nodejs:dynamic/alicloud:MessageContactVerifications`) and the provider plugin's resource of YAML,
 * Python and Go programs (`alicloud-message-contacts:index:MessageContactVerifications`). Both record the same
 * outputs (`totalCount`, `verifications`, `targets`, `pendingByTarget`).
 */
export const RESOURCE_TYPE_TOKENS: readonly string[] = Object.freeze([RESOURCE_TYPE_TOKEN, RESOURCE_TOKEN]);
