import { MessageContactsError, requestIdSuffix } from "./base-error";

/**
 * The listing kept changing while it was read (items added or removed between pages, a TotalCount that moved,
 * duplicates across pages) and no consistent snapshot was obtained within the allowed re-lists. No partial
 * list is returned.
 */
export class InconsistentListingError extends MessageContactsError {
    /** What was seen on the last attempt. */
    readonly problem: string;
    /** How many complete listings were attempted. */
    readonly listings: number;

    constructor(operation: string, problem: string, listings: number, requestId?: string) {
        super(
            "InconsistentListing",
            `${operation}: the listing changed while it was read (${problem}); gave up after ${listings} ` +
                `listing${listings === 1 ? "" : "s"} rather than return an incomplete or duplicated list` +
                requestIdSuffix(requestId),
            { operation, requestId, retryable: true },
        );
        this.problem = problem;
        this.listings = listings;
    }
}
