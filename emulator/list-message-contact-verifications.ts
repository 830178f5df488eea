import { ApiError, apiError } from "./api-error";
import { PageSizeOverflow, Verification } from "./types";

/** The product, API version and action this module answers. */
export const LIST_MESSAGE_CONTACT_VERIFICATIONS = {
    product: "ResourceDirectoryMaster",
    version: "2022-04-19",
    action: "ListMessageContactVerifications",
} as const;

/** What a well-formed contact ID looks like. */
export const CONTACT_ID_PATTERN = /^c-[A-Za-z0-9]+$/;

/** How pages are sized. */
export interface PagingPolicy {
    defaultPageSize: number;
    maxPageSize: number;
    pageSizeOverflow: PageSizeOverflow;
}

/** The data the operation reads. */
export interface ContactDirectory {
    /** The pending verifications, in serving order. */
    verifications(): readonly Verification[];
    /** Whether a contact exists. */
    hasContact(contactId: string): boolean;
}

/** One item of `ContactVerifications`. */
export interface ContactVerificationItem {
    ContactId: string;
    Target: string;
}

/** A successful answer's body, without its `RequestId`. */
export interface ContactVerificationsPage {
    TotalCount: number;
    PageSize: number;
    PageNumber: number;
    ContactVerifications: ContactVerificationItem[];
}

/** The outcome of an operation: a body to answer with 200, or an error. */
export type OperationResult<T> = { ok: true; body: T } | { ok: false; error: ApiError };

const ERRORS = {
    missingContactId: () => apiError(400, "MissingParameter.ContactId", "You must specify ContactId."),
    invalidContactId: () => apiError(400, "InvalidParameter.ContactId", "The ContactId is invalid."),
    contactNotFound: () => apiError(404, "EntityNotExists.Contact", "This Contact does not exist."),
    invalidPageNumber: () => apiError(400, "InvalidParameter.PageNumber", "The specified parameter PageNumber is not valid."),
    invalidPageSize: () => apiError(400, "InvalidParameter.PageSize", "The specified parameter PageSize is not valid."),
} as const;

/** Parses a positive decimal integer; `undefined` for anything else (empty, sign, fraction, unsafe size). */
export function parsePositiveInteger(value: string): number | undefined {
    if (!/^\d+$/.test(value)) return undefined;
    const n = Number(value);
    return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/**
 * `ListMessageContactVerifications`: validates `ContactId`, `PageNumber` and `PageSize` (in that order, then
 * the contact's existence) and serves one page of the verifications, filtered by contact, in stored order.
 * A page past the end is empty but reports the real `TotalCount`.
 */
export function listMessageContactVerifications(
    query: Readonly<Record<string, string>>,
    directory: ContactDirectory,
    paging: PagingPolicy,
): OperationResult<ContactVerificationsPage> {
    const fail = (error: ApiError): OperationResult<ContactVerificationsPage> => ({ ok: false, error });

    const contactId = query["ContactId"];
    if (contactId !== undefined) {
        if (contactId === "") return fail(ERRORS.missingContactId());
        if (!CONTACT_ID_PATTERN.test(contactId)) return fail(ERRORS.invalidContactId());
    }

    const rawPageNumber = query["PageNumber"];
    const pageNumber = rawPageNumber === undefined ? 1 : parsePositiveInteger(rawPageNumber);
    if (pageNumber === undefined) return fail(ERRORS.invalidPageNumber());

    const rawPageSize = query["PageSize"];
    const askedPageSize = rawPageSize === undefined ? paging.defaultPageSize : parsePositiveInteger(rawPageSize);
    if (askedPageSize === undefined) return fail(ERRORS.invalidPageSize());
    if (askedPageSize > paging.maxPageSize && paging.pageSizeOverflow === "reject") return fail(ERRORS.invalidPageSize());
    const pageSize = Math.min(askedPageSize, paging.maxPageSize);

    if (contactId !== undefined && !directory.hasContact(contactId)) return fail(ERRORS.contactNotFound());

    const all = directory.verifications();
    const matching = contactId === undefined ? all : all.filter((v) => v.contactId === contactId);
    const start = (pageNumber - 1) * pageSize;
    const items = start >= matching.length ? [] : matching.slice(start, start + pageSize);
    return {
        ok: true,
        body: {
            TotalCount: matching.length,
            PageSize: pageSize,
            PageNumber: pageNumber,
            ContactVerifications: items.map((v) => ({ ContactId: v.contactId, Target: v.target })),
        },
    };
}
