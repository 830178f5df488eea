import { strict as assert } from "node:assert";

/** The first item of a list a test expects to be non-empty (fails the test, naming `what`, when it is empty). */
export function first<T>(items: readonly T[], what = "the list"): T {
    const [item] = items;
    assert.ok(item !== undefined, `${what} is empty`);
    return item;
}
