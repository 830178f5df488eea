/**
 * The error codes `ListMessageContactVerifications` documents (its API page's "Error codes": 400
 * `InvalidParameter.ContactId`, 400 `MissingParameter.ContactId`, 404 `EntityNotExists.Contact`), and which of
 * the listing's arguments each is about: written once, here, so that every provider shows a code at the same
 * argument (the resource's `contactId` property, the data source's `contact_id` attribute).
 */

/** Documented error codes of ListMessageContactVerifications, for callers that branch on them. */
export const LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES = {
    invalidContactId: "InvalidParameter.ContactId",
    missingContactId: "MissingParameter.ContactId",
    contactNotFound: "EntityNotExists.Contact",
} as const;

const CODES = LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES;

/** The service's codes that are about one argument of the listing, by the argument's option name. */
export const ARGUMENT_ERROR_CODES = {
    contactId: [CODES.invalidContactId, CODES.missingContactId, CODES.contactNotFound],
} as const satisfies Record<string, readonly string[]>;

/** An argument some service error codes are about. */
export type ArgumentWithErrorCodes = keyof typeof ARGUMENT_ERROR_CODES;

/** The argument (its option name) a service error code is about, or undefined when the code is about none. */
export function argumentConcernedBy(code: string): ArgumentWithErrorCodes | undefined {
    for (const [argument, codes] of Object.entries(ARGUMENT_ERROR_CODES) as [ArgumentWithErrorCodes, readonly string[]][]) {
        if (codes.includes(code)) return argument;
    }
    return undefined;
}
