import { allowListenersFor } from "../transport/signal-listeners";
import { InconsistentListingError, InvalidResponseError } from "../errors";
import { MAX_PLAUSIBLE_TOTAL_COUNT } from "../operation/operation";
import { firstDuplicate, ItemKey, pageInconsistency } from "./check-listing";
import { mapBounded } from "./map-bounded";
import type { Page, PageFetcher } from "./page";
import { remainingPages } from "./plan-pages";

/** How to collect every page of a listing. */
export interface CollectOptions<T> {
    /** The operation's name, for errors. */
    operation: string;
    fetchPage: PageFetcher<T>;
    /** The page size to ask for first. */
    pageSize: number;
    /** Smaller sizes to try, largest first, when the server rejects a size (see `isPageSizeRejected`). */
    pageSizeFallbacks: readonly number[];
    isPageSizeRejected(error: unknown): boolean;
    /** Pages fetched at once after the first. */
    concurrency: number;
    /** Complete listings attempted before giving up on data that keeps changing (1 = no re-list). */
    maxListings: number;
    /**
     * Confirm each listing of several pages with a second one and return only two identical consecutive
     * listings: catches even a change that keeps every count (an item removed and another added between two
     * page reads). A one-page listing is a single answer and needs no confirmation.
     */
    confirm?: boolean;
    /** Identity of an item, to detect duplicates across pages. */
    itemKey(item: T): ItemKey;
    /** Called after each page with the pages done and the pages in all. */
    onProgress?(pagesDone: number, pagesTotal: number): void;
    signal?: AbortSignal;
}

/** A complete, consistent listing. */
export interface Listing<T> {
    items: T[];
    totalCount: number;
    /** The page size the server used. */
    pageSize: number;
    /** Pages fetched in the listing that was returned. */
    pages: number;
    /** Listings attempted (more than 1 when the data changed while it was read). */
    listings: number;
}

/** Internal: the data changed during this listing; a re-list may succeed. */
class ListingChanged extends Error {
    constructor(
        readonly problem: string,
        readonly requestId: string | undefined,
    ) {
        super(problem);
    }
}

function wrongPage(operation: string, asked: number, page: Page<unknown>): InvalidResponseError {
    return new InvalidResponseError({
        operation,
        httpStatus: 200,
        requestId: page.requestId,
        problem: `asked for page ${asked}, the answer is page ${page.pageNumber}`,
    });
}

async function fetchFirstPage<T>(o: CollectOptions<T>, pageSize: number): Promise<{ page: Page<T>; pageSize: number }> {
    const sizes = [pageSize, ...o.pageSizeFallbacks.filter((size) => size < pageSize)];
    for (let i = 0; ; i++) {
        const size = sizes[i] as number;
        try {
            return { page: await o.fetchPage(1, size, o.signal), pageSize: size };
        } catch (error) {
            if (i + 1 >= sizes.length || !o.isPageSizeRejected(error)) throw error;
        }
    }
}

/** One listing from page 1. `size.value` is the page size to ask for; a rejected size is stepped down there for good. */
async function collectOnce<T>(o: CollectOptions<T>, size: { value: number }): Promise<Omit<Listing<T>, "listings">> {
    const { page: first, pageSize: askedSize } = await fetchFirstPage(o, size.value);
    size.value = askedSize;
    if (first.pageNumber !== 1) throw wrongPage(o.operation, 1, first);
    if (first.totalCount > MAX_PLAUSIBLE_TOTAL_COUNT) {
        throw new InvalidResponseError({
            operation: o.operation,
            httpStatus: 200,
            requestId: first.requestId,
            problem: `TotalCount ${first.totalCount} is not plausible (more than ${MAX_PLAUSIBLE_TOTAL_COUNT})`,
        });
    }
    const firstProblem = pageInconsistency(first, first);
    if (firstProblem) throw new ListingChanged(firstProblem, first.requestId);

    const rest = remainingPages(first);
    const pagesTotal = rest.length + 1;
    let pagesDone = 1;
    o.onProgress?.(pagesDone, pagesTotal);
    const stop = new AbortController();
    const signal = o.signal ? AbortSignal.any([o.signal, stop.signal]) : stop.signal;
    allowListenersFor(signal, o.concurrency);
    const pages = await mapBounded(rest, o.concurrency, async (pageNumber) => {
        const page = await o.fetchPage(pageNumber, askedSize, signal);
        if (page.pageNumber !== pageNumber) throw wrongPage(o.operation, pageNumber, page);
        const problem = pageInconsistency(first, page);
        if (problem) {
            stop.abort(new ListingChanged(problem, page.requestId));
            throw new ListingChanged(problem, page.requestId);
        }
        o.onProgress?.(++pagesDone, pagesTotal);
        return page;
    }).catch((error: unknown) => {
        // A fetch cut short because another page saw a change reports that change, not the abort.
        throw stop.signal.aborted && !(error instanceof ListingChanged) ? stop.signal.reason : error;
    });

    // A loop, not flatMap: this runs over every item of the listing, and flatMap costs several times more.
    const items = first.items.slice();
    for (const page of pages) for (const item of page.items) items.push(item);
    const duplicate = firstDuplicate(items, o.itemKey);
    if (duplicate !== undefined) {
        throw new ListingChanged(`${JSON.stringify(o.itemKey(duplicate))} appeared on two pages`, pages.at(-1)?.requestId ?? first.requestId);
    }
    if (items.length !== first.totalCount) {
        throw new ListingChanged(`${items.length} items were listed where TotalCount is ${first.totalCount}`, first.requestId);
    }
    return { items, totalCount: first.totalCount, pageSize: first.pageSize, pages: pagesTotal };
}

/**
 * Fetches every page of a listing: the first page, then the rest planned from the server's TotalCount and
 * PageSize, `concurrency` at a time, assembled in page order. The result is complete and free of duplicates,
 * or an error: when the data changes while it is read, the listing starts over, at most `maxListings` times
 * in all, then fails with {@link InconsistentListingError}. With `confirm`, a listing counts only when the
 * next one is identical.
 */
export async function collectAllPages<T>(o: CollectOptions<T>): Promise<Listing<T>> {
    const size = { value: o.pageSize };
    const limit = o.maxListings + (o.confirm ? 1 : 0);
    let previous: Omit<Listing<T>, "listings"> | undefined;
    for (let listings = 1; ; listings++) {
        let current: Omit<Listing<T>, "listings">;
        try {
            current = await collectOnce(o, size);
        } catch (error) {
            if (!(error instanceof ListingChanged)) throw error;
            if (listings >= limit) throw new InconsistentListingError(o.operation, error.problem, listings, error.requestId);
            previous = undefined;
            continue;
        }
        // A single page is one answer, consistent by itself: only listings of several pages need confirming.
        if (!o.confirm || current.pages === 1 || (previous && sameItems(previous.items, current.items, o.itemKey))) return { ...current, listings };
        if (listings >= limit) {
            throw new InconsistentListingError(
                o.operation,
                previous ? "two consecutive listings differed" : "no listing could be confirmed by a second one",
                listings,
            );
        }
        previous = current;
    }
}

function sameItems<T>(a: readonly T[], b: readonly T[], key: (item: T) => ItemKey): boolean {
    return (
        a.length === b.length &&
        a.every((item, i) => {
            const [groupA, keyA] = key(item);
            const [groupB, keyB] = key(b[i] as T);
            return groupA === groupB && keyA === keyB;
        })
    );
}
