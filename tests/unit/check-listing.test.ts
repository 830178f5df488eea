import { strict as assert } from "node:assert";
import { firstDuplicate, ItemKey } from "../../provider/alibaba-client/pagination/check-listing";

const key = (item: { contact: string; target: string }): ItemKey => [item.contact, item.target];
const item = (contact: string, target: string) => ({ contact, target });

describe("firstDuplicate", () => {
    it("finds nothing when every (group, key) pair is new, a key shared by several groups included", () => {
        const items = [item("c1", "a"), item("c2", "a"), item("c3", "a"), item("c1", "b"), item("c4", "a")];
        assert.equal(firstDuplicate(items, key), undefined);
    });

    it("returns the second occurrence of a pair, whether its key was seen with one group or with several", () => {
        const once = [item("c1", "a"), item("c1", "b"), item("c1", "a")];
        assert.equal(firstDuplicate(once, key), once[2]);
        const shared = [item("c1", "a"), item("c2", "a"), item("c3", "a"), item("c2", "a")];
        assert.equal(firstDuplicate(shared, key), shared[3]);
    });

    it("does not take a group for a key: (c1, a) and (a, c1) are different items", () => {
        assert.equal(firstDuplicate([item("c1", "a"), item("a", "c1")], key), undefined);
    });
});
