import { strict as assert } from "node:assert";
import fc from "fast-check";
import { collectAllPages } from "../../provider/alibaba-client/pagination/collect-all-pages";
import type { Page } from "../../provider/alibaba-client/pagination/page";

describe("property: the paginator returns exactly the items", () => {
    it("for any total, any page size the server picks, any concurrency and any completion order", async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.integer({ min: 0, max: 1500 }),
                fc.integer({ min: 1, max: 100 }),
                fc.integer({ min: 1, max: 100 }),
                fc.integer({ min: 1, max: 8 }),
                fc.scheduler(),
                async (total, asked, serverMax, concurrency, scheduler) => {
                    const items = Array.from({ length: total }, (_, i) => `item-${i}`);
                    const fetchPage = (pageNumber: number, pageSize: number): Promise<Page<string>> => {
                        const size = Math.min(pageSize, serverMax);
                        const page = { pageNumber, pageSize: size, totalCount: total, items: items.slice((pageNumber - 1) * size, pageNumber * size) };
                        return scheduler.schedule(Promise.resolve(page), `page ${pageNumber}`);
                    };
                    const listing = scheduler.waitFor(
                        collectAllPages({
                            operation: "Prop",
                            fetchPage,
                            pageSize: asked,
                            pageSizeFallbacks: [],
                            isPageSizeRejected: () => false,
                            concurrency,
                            maxListings: 1,
                            itemKey: (item) => ["", item],
                        }),
                    );
                    const result = await listing;
                    assert.deepEqual(result.items, items);
                    assert.equal(result.totalCount, total);
                },
            ),
            { numRuns: 150 },
        );
    });
});
