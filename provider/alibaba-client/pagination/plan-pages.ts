import type { Page } from "./page";

/** How many pages a listing of `totalCount` items has at `pageSize` items a page. */
function pageCount(totalCount: number, pageSize: number): number {
    return Math.ceil(totalCount / pageSize);
}

/**
 * The page numbers still to fetch after the first, planned from the `TotalCount` and `PageSize` the server
 * returned (a server that answers with smaller pages than asked still yields every item).
 */
export function remainingPages(first: Page<unknown>): number[] {
    const pages = pageCount(first.totalCount, first.pageSize);
    return Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
}

/** How many items page `pageNumber` must hold if nothing changed since the first page. */
export function expectedItemCount(first: Page<unknown>, pageNumber: number): number {
    return Math.max(0, Math.min(first.pageSize, first.totalCount - (pageNumber - 1) * first.pageSize));
}
