/** One page of a listing, as the server described it (not as it was asked for). */
export interface Page<T> {
    pageNumber: number;
    pageSize: number;
    totalCount: number;
    items: T[];
    requestId?: string;
}

/** Fetches one page; `pageSize` is the size asked for. */
export type PageFetcher<T> = (pageNumber: number, pageSize: number, signal?: AbortSignal) => Promise<Page<T>>;
