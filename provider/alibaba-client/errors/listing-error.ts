import { hasErrorBrand, MessageContactsError, requestIdSuffix } from "./base-error";
import type { PackageErrorCode } from "./package-codes";
import { SERVICE_MESSAGE_LIMIT, serviceText } from "./service-text";

const IS_INCONSISTENT_LISTING = Symbol.for("pulumi-alicloud-message-contacts.error.InconsistentListingError");

/**
 * The listing kept changing while it was read (items added or removed between pages, a TotalCount that moved,
 * duplicates across pages) and no consistent snapshot was obtained within the allowed re-lists. No partial
 * list is returned.
 */
export class InconsistentListingError extends MessageContactsError {
    declare readonly code: PackageErrorCode;
    /** What was seen on the last attempt (it may quote the service's data: escaped and bounded). */
    readonly problem: string;
    /** How many complete listings were attempted. */
    readonly listings: number;

    constructor(operation: string, problem: string, listings: number, requestId?: string) {
        const shownProblem = serviceText(problem, SERVICE_MESSAGE_LIMIT);
        super(
            "InconsistentListing",
            `${operation}: the listing changed while it was read (${shownProblem}); gave up after ${listings} ` +
                `listing${listings === 1 ? "" : "s"} rather than return an incomplete or duplicated list` +
                requestIdSuffix(requestId),
            { operation, requestId, retryable: true },
        );
        this.problem = shownProblem;
        this.listings = listings;
    }

    /** The brand of this class. */
    get [IS_INCONSISTENT_LISTING](): true {
        return true;
    }

    static override [Symbol.hasInstance](value: unknown): boolean {
        return hasErrorBrand(value, IS_INCONSISTENT_LISTING);
    }
}
