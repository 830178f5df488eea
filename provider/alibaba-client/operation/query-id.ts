import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../errors";
import { quotedText } from "../errors/service-text";

/** Between the endpoint's host and the contact in an id. */
const OPERATION_PART = "/ListMessageContactVerifications/";

/** The contact part of an id that names every contact. */
const EVERY_CONTACT = "*";

/** How a secret contact ID is written in an id: its hash's first 16 hex digits after this. */
const HASHED_CONTACT = "sha256:";

/**
 * The stable id of a listing query: `<endpoint host>/ListMessageContactVerifications/<contactId or *>`. A secret
 * contact ID is not written out: the id then ends with `sha256:` and the first 16 hex digits of its hash, stable
 * for the same query and not the ID itself (an id is never secret in Pulumi's state).
 */
export function verificationsQueryId(endpointHost: string, contactId: string | undefined, contactIdSecret = false): string {
    const contact =
        contactId === undefined
            ? EVERY_CONTACT
            : contactIdSecret
              ? `${HASHED_CONTACT}${createHash("sha256").update(contactId).digest("hex").slice(0, 16)}`
              : contactId;
    return `${endpointHost}${OPERATION_PART}${contact}`;
}

/** What an id names: the endpoint's host, and one contact (as written: not checked here) or every contact. */
export interface QueryIdParts {
    endpointHost: string;
    /** The contact ID, or undefined for every contact (`*`). */
    contactId: string | undefined;
}

/**
 * The parts of an id that {@link verificationsQueryId} made, for reading a listing back from its id alone (an
 * import). Refused, naming `field` and the form it takes: another form, and an id whose contact is a secret's
 * hash, which names the contact without telling it.
 */
export function queryIdParts(id: string, field = "id"): QueryIdParts {
    const at = id.lastIndexOf(OPERATION_PART);
    const endpointHost = at > 0 ? id.slice(0, at) : "";
    const contact = at > 0 ? id.slice(at + OPERATION_PART.length) : "";
    if (endpointHost === "" || /[/\s@]/.test(endpointHost) || contact === "") {
        throw new InvalidArgumentError(
            field,
            `${field} must be <endpoint host>${OPERATION_PART}<contact ID or ${EVERY_CONTACT}>, such as ` +
                `resourcedirectory.aliyuncs.com${OPERATION_PART}${EVERY_CONTACT}; got ${quotedText(id, 200)}.`,
        );
    }
    if (contact.startsWith(HASHED_CONTACT)) {
        throw new InvalidArgumentError(
            field,
            `${field} ${quotedText(id, 200)} names a secret contact ID by its hash, which cannot be read back: ` +
                `use the id with the contact ID itself (<endpoint host>${OPERATION_PART}c-...), and mark contactId secret in the program.`,
        );
    }
    return { endpointHost, contactId: contact === EVERY_CONTACT ? undefined : contact };
}
