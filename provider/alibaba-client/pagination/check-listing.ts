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
 * The first item that occurs twice, by `key`, or undefined. The common case (every key's second part, a target,
 * occurs once) costs one set insertion per item: a set that does not grow met a second part again. Only then is
 * the listing checked again by {@link firstDuplicateOfPairs}, which tells a repeated pair from a second part
 * shared by two groups (one target pending for two contacts), at twice the cost.
 */
export function firstDuplicate<T>(items: readonly T[], key: (item: T) => ItemKey): T | undefined {
    const seen = new Set<string>();
    for (const item of items) {
        const size = seen.size;
        if (seen.add(key(item)[1]).size === size) return firstDuplicateOfPairs(items, key);
    }
    return undefined;
}

/**
 * The first item whose (group, key) pair occurred before, or undefined. Indexed by the key's second part,
 * holding the group seen with it, or a set of groups once a second one shares it: no joined string is built.
 */
export function firstDuplicateOfPairs<T>(items: readonly T[], key: (item: T) => ItemKey): T | undefined {
    const seen = new Map<string, string | Set<string>>();
    for (const item of items) {
        const [group, k] = key(item);
        const groups = seen.get(k);
        if (groups === undefined) {
            seen.set(k, group);
        } else if (typeof groups === "string") {
            if (groups === group) return item;
            seen.set(k, new Set([groups, group]));
        } else {
            if (groups.has(group)) return item;
            groups.add(group);
        }
    }
    return undefined;
}
