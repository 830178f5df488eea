import { createHash } from "node:crypto";

/**
 * The stable id of a listing query: `<endpoint host>/ListMessageContactVerifications/<contactId or *>`. A secret
 * contact ID is not written out: the id then ends with `sha256:` and the first 16 hex digits of its hash, stable
 * for the same query and not the ID itself (an id is never secret in Pulumi's state).
 */
export function verificationsQueryId(endpointHost: string, contactId: string | undefined, contactIdSecret = false): string {
    const contact = contactId === undefined ? "*" : contactIdSecret ? `sha256:${createHash("sha256").update(contactId).digest("hex").slice(0, 16)}` : contactId;
    return `${endpointHost}/ListMessageContactVerifications/${contact}`;
}
