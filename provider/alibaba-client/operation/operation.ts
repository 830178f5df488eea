/** An API operation: its action name and version. */
export interface Operation {
    action: string;
    version: string;
}

/** Resource Directory's `ListMessageContactVerifications`, product ResourceDirectoryMaster. */
export const LIST_MESSAGE_CONTACT_VERIFICATIONS: Operation = {
    action: "ListMessageContactVerifications",
    version: "2022-04-19",
};

/** The largest `PageSize` asked for; the service's own maximum is not documented. */
export const MAX_PAGE_SIZE = 100;

/** Page sizes tried, largest first, when the service rejects a size as invalid. */
export const PAGE_SIZE_FALLBACKS: readonly number[] = [50, 10];

/** A `TotalCount` above this is treated as a broken answer, not as a listing to fetch. */
export const MAX_PLAUSIBLE_TOTAL_COUNT = 1_000_000;
