import type { Page } from "./page";
import { expectedItemCount } from "./plan-pages";

/**
 * Why `page` does not belong to the same snapshot as `first`, or undefined when it does: TotalCount or
 * PageSize moved, or the page does not hold the number of items the first page's counts imply.
 */
export function pageInconsistency(first: Page<unknown>, page: Page<unknown>): string | undefined {
    if (page.totalCount !== first.totalCount) {
        return `TotalCount changed from ${first.totalCount} to ${page.totalCount} at page ${page.pageNumber}`;
    }
    if (page.pageSize !== first.pageSize) {
        return `PageSize changed from ${first.pageSize} to ${page.pageSize} at page ${page.pageNumber}`;
    }
    const expected = expectedItemCount(first, page.pageNumber);
    if (page.items.length !== expected) {
        return `page ${page.pageNumber} held ${page.items.length} items where ${expected} were expected`;
    }
    return undefined;
}

/** An item's identity as two parts (e.g. contact ID and target), so no joined key string is built per item. */
export type ItemKey = readonly [group: string, key: string];

/**
 * The first item that occurs twice, by `key`, or undefined. One set of second parts per group, and one insertion
 * per item: a set that does not grow met that pair before. Groups are contact IDs, interned by the listing, so
 * finding a group's set hashes nothing new, and consecutive items of one group skip even that.
 */
export function firstDuplicate<T>(items: readonly T[], key: (item: T) => ItemKey): T | undefined {
    const byGroup = new Map<string, Set<string>>();
    let lastGroup: string | undefined;
    let keys: Set<string> | undefined;
    for (const item of items) {
        const [group, k] = key(item);
        if (keys === undefined || group !== lastGroup) {
            keys = byGroup.get(group);
            if (keys === undefined) byGroup.set(group, (keys = new Set()));
            lastGroup = group;
        }
        const size = keys.size;
        if (keys.add(k).size === size) return item;
    }
    return undefined;
}
