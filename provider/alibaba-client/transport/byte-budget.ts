import { TransportError } from "../errors";

/**
 * The bytes of answers one call may read in all (`maxListingBytes`): every exchange of the call takes from it as
 * chunks arrive, so an endpoint that answers page after page of megabytes is stopped once the total passes the
 * budget, with a typed error naming the option, instead of growing the process until it dies.
 */
export class ByteBudget {
    #used = 0;

    /**
     * @param limitName The limit as messages name it, in the caller's words (`the 1048576 bytes set by argument
     * max_listing_bytes`).
     */
    constructor(
        readonly limit: number,
        readonly limitName = `the ${limit}-byte budget`,
    ) {}

    /** Bytes read so far. */
    get used(): number {
        return this.#used;
    }

    /** Whether `bytes` more would pass the budget. */
    wouldExceed(bytes: number): boolean {
        return this.#used + bytes > this.limit;
    }

    /** Counts `bytes` read for `operation`; throws when the total passes the budget. */
    take(bytes: number, operation: string): void {
        this.#used += bytes;
        if (this.#used > this.limit) throw this.exceeded(operation);
    }

    /** The error for passing the budget. */
    exceeded(operation: string): TransportError {
        return new TransportError(
            "ListingTooLarge",
            operation,
            `the answers of this call passed ${this.limitName}; the endpoint may be broken, or raise the limit`,
        );
    }
}
