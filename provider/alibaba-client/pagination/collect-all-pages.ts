import { allowListenersFor } from "../transport/signal-listeners";
import { InconsistentListingError, InvalidResponseError } from "../errors";
import { MAX_PLAUSIBLE_TOTAL_COUNT } from "../operation/operation";
import { firstDuplicate, ItemKey, pageInconsistency } from "./check-listing";
import { mapBounded } from "./map-bounded";
import type { Page, PageFetcher } from "./page";
import { expectedItemCount, remainingPages } from "./plan-pages";

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
    /**
     * Identity of an item, to detect duplicates across pages and to compare listings: two items with the same key are
     * the same item (a listing that confirms another keeps the other's items, see {@link collectAllPages}).
     */
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

/** A listing before its count of attempts. */
type OneListing<T> = Omit<Listing<T>, "listings">;

/** A page that repeats the listing being confirmed, its items left there (only its RequestId kept, for messages). */
interface RepeatedPage {
    repeated: true;
    requestId?: string;
}

/** Whether `page` holds, by key, the items `items` holds at its place (pages of `pageSize` items, numbered from 1). */
function repeats<T>(items: readonly T[], page: Page<T>, pageSize: number, key: (item: T) => ItemKey): boolean {
    const offset = (page.pageNumber - 1) * pageSize;
    if (offset + page.items.length > items.length) return false;
    return page.items.every((item, i) => {
        const [group, k] = key(item);
        const [groupThere, kThere] = key(items[offset + i] as T);
        return group === groupThere && k === kThere;
    });
}

/**
 * One listing from page 1. `size.value` is the page size to ask for; a rejected size is stepped down there for good.
 * With `confirming` (the previous listing, which this one confirms), a page that holds what that listing holds at its
 * place is not kept: the listing is then made of that listing's items, so a confirmation never holds two copies of
 * a listing; `repeated` says whether every page was the same.
 */
async function collectOnce<T>(o: CollectOptions<T>, size: { value: number }, confirming?: OneListing<T>): Promise<OneListing<T> & { repeated?: boolean }> {
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

    // Pages compare place by place when the counts agree; else the listings are compared whole (collectAllPages).
    const against = confirming && confirming.totalCount === first.totalCount && confirming.pageSize === first.pageSize ? confirming.items : undefined;
    const kept = <P extends Page<T>>(page: P): P | RepeatedPage =>
        against && repeats(against, page, first.pageSize, o.itemKey)
            ? { repeated: true, ...(page.requestId !== undefined ? { requestId: page.requestId } : {}) }
            : page;
    const firstKept = kept(first);
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
        return kept(page);
    }).catch((error: unknown) => {
        // A fetch cut short because another page saw a change reports that change, not the abort.
        throw stop.signal.aborted && !(error instanceof ListingChanged) ? stop.signal.reason : error;
    });

    if (against && "repeated" in firstKept && pages.every((page) => "repeated" in page)) {
        return { items: against as T[], totalCount: first.totalCount, pageSize: first.pageSize, pages: pagesTotal, repeated: true };
    }
    // A loop, not flatMap: this runs over every item of the listing, and flatMap costs several times more. A page
    // that repeated the confirmed listing is taken from there.
    const items: T[] = [];
    const pageItems = (page: Page<T> | RepeatedPage, pageNumber: number): readonly T[] =>
        "repeated" in page
            ? (against as T[]).slice((pageNumber - 1) * first.pageSize, (pageNumber - 1) * first.pageSize + expectedItemCount(first, pageNumber))
            : page.items;
    for (const item of pageItems(firstKept, 1)) items.push(item);
    pages.forEach((page, index) => {
        for (const item of pageItems(page, index + 2)) items.push(item);
    });
    const duplicate = firstDuplicate(items, o.itemKey);
    if (duplicate !== undefined) {
        throw new ListingChanged(`${JSON.stringify(o.itemKey(duplicate))} appeared on two pages`, pages.at(-1)?.requestId ?? first.requestId);
    }
    if (items.length !== first.totalCount) {
        throw new ListingChanged(`${items.length} items were listed where TotalCount is ${first.totalCount}`, first.requestId);
    }
    return { items, totalCount: first.totalCount, pageSize: first.pageSize, pages: pagesTotal, ...(against ? { repeated: false } : {}) };
}

/**
 * Fetches every page of a listing: the first page, then the rest planned from the server's TotalCount and
 * PageSize, `concurrency` at a time, assembled in page order. The result is complete and free of duplicates,
 * or an error: when the data changes while it is read, the listing starts over, at most `maxListings` times
 * in all, then fails with {@link InconsistentListingError}. With `confirm`, a listing counts only when the
 * next one is identical: compared page by page as the pages come, a page that repeats the first listing is not
 * kept, so a confirmation holds one listing's items, not two, and returns the first's.
 */
export async function collectAllPages<T>(o: CollectOptions<T>): Promise<Listing<T>> {
    const size = { value: o.pageSize };
    const limit = o.maxListings + (o.confirm ? 1 : 0);
    let previous: OneListing<T> | undefined;
    for (let listings = 1; ; listings++) {
        let current: OneListing<T> & { repeated?: boolean };
        try {
            current = await collectOnce(o, size, o.confirm ? previous : undefined);
        } catch (error) {
            if (!(error instanceof ListingChanged)) throw error;
            if (listings >= limit) throw new InconsistentListingError(o.operation, error.problem, listings, error.requestId);
            previous = undefined;
            continue;
        }
        // A single page is one answer, consistent by itself: only listings of several pages need confirming.
        const { repeated, ...listing } = current;
        const same = previous !== undefined && (repeated ?? sameItems(previous.items, listing.items, o.itemKey));
        if (!o.confirm || listing.pages === 1 || same) return { ...listing, listings };
        if (listings >= limit) {
            throw new InconsistentListingError(
                o.operation,
                previous ? "two consecutive listings differed" : "no listing could be confirmed by a second one",
                listings,
            );
        }
        previous = listing;
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
