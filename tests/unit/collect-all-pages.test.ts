import { strict as assert } from "node:assert";
import { AlibabaCloudApiError, InconsistentListingError, InvalidResponseError } from "../../provider/alibaba-client";
import { collectAllPages, CollectOptions } from "../../provider/alibaba-client/pagination/collect-all-pages";
import type { Page } from "../../provider/alibaba-client/pagination/page";

type Item = string;

/** A fake server over `data`, answering pages of min(asked, serverMax) items. */
function fakeServer(data: () => Item[], serverMax = 100) {
    const asked: Array<{ pageNumber: number; pageSize: number }> = [];
    const fetchPage = async (pageNumber: number, pageSize: number): Promise<Page<Item>> => {
        asked.push({ pageNumber, pageSize });
        await new Promise((r) => setImmediate(r));
        const size = Math.min(pageSize, serverMax);
        const all = data();
        return { pageNumber, pageSize: size, totalCount: all.length, items: all.slice((pageNumber - 1) * size, pageNumber * size) };
    };
    return { fetchPage, asked };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => `item-${i}`);

function options(fetchPage: CollectOptions<Item>["fetchPage"], extra: Partial<CollectOptions<Item>> = {}): CollectOptions<Item> {
    return {
        operation: "ListThings",
        fetchPage,
        pageSize: 100,
        pageSizeFallbacks: [50, 10],
        isPageSizeRejected: (e) => e instanceof AlibabaCloudApiError && e.code === "InvalidParameter.PageSize",
        concurrency: 4,
        maxListings: 3,
        itemKey: (item) => ["", item],
        ...extra,
    };
}

describe("collectAllPages", () => {
    for (const n of [0, 1, 99, 100, 101, 1000, 1234]) {
        it(`returns exactly ${n} items in order`, async () => {
            const data = range(n);
            const listing = await collectAllPages(options(fakeServer(() => data).fetchPage));
            assert.deepEqual(listing.items, data);
            assert.equal(listing.totalCount, n);
            assert.equal(listing.pages, Math.max(1, Math.ceil(n / 100)));
        });
    }

    it("plans from the page size the server used, not the one asked", async () => {
        const data = range(95);
        const server = fakeServer(() => data, 10);
        const listing = await collectAllPages(options(server.fetchPage));
        assert.deepEqual(listing.items, data);
        assert.equal(listing.pageSize, 10);
        assert.equal(server.asked.length, 10);
    });

    it("keeps at most `concurrency` pages in flight", async () => {
        let inFlight = 0;
        let peak = 0;
        const data = range(2000);
        const inner = fakeServer(() => data).fetchPage;
        await collectAllPages(
            options(
                async (n, s) => {
                    peak = Math.max(peak, ++inFlight);
                    try {
                        return await inner(n, s);
                    } finally {
                        inFlight--;
                    }
                },
                { concurrency: 3 },
            ),
        );
        assert.equal(peak, 3);
    });

    it("steps the page size down when the service rejects it", async () => {
        const data = range(120);
        const inner = fakeServer(() => data);
        const listing = await collectAllPages(
            options(async (n, size) => {
                if (size > 50) throw new AlibabaCloudApiError({ operation: "ListThings", httpStatus: 400, code: "InvalidParameter.PageSize", message: "bad" });
                return inner.fetchPage(n, size);
            }),
        );
        assert.deepEqual(listing.items, data);
        assert.equal(listing.pageSize, 50);
    });

    it("re-lists when an item is added between pages and returns the new snapshot", async () => {
        let data = range(250);
        let calls = 0;
        const server = fakeServer(() => data);
        const listing = await collectAllPages(
            options(async (n, s) => {
                if (++calls === 2) data = [...data, "late"];
                return server.fetchPage(n, s);
            }),
        );
        assert.equal(listing.listings, 2);
        assert.deepEqual(listing.items, [...range(250), "late"]);
    });

    it("detects an item seen on two pages even when the counts agree", async () => {
        const data = range(200);
        const listing = collectAllPages(
            options(async (n, s) => ({ pageNumber: n, pageSize: s, totalCount: 200, items: data.slice(0, 100) }), { maxListings: 2 }),
        );
        await assert.rejects(listing, (e: unknown) => e instanceof InconsistentListingError && /appeared on two pages/.test(e.message) && e.listings === 2);
    });

    it("fails with a clear error when the data keeps changing", async () => {
        let data = range(300);
        const server = fakeServer(() => data);
        const listing = collectAllPages(
            options(async (n, s) => {
                data = [...data, `new-${data.length}`];
                return server.fetchPage(n, s);
            }),
        );
        await assert.rejects(listing, (e: unknown) => e instanceof InconsistentListingError && e.listings === 3 && /TotalCount changed/.test(e.message));
    });

    it("refuses an answer for another page than the one asked", async () => {
        const data = range(300);
        const listing = collectAllPages(
            options(async (_n, s) => ({ pageNumber: 1, pageSize: s, totalCount: 300, items: data.slice(0, 100), requestId: "R-1" })),
        );
        await assert.rejects(
            listing,
            (e: unknown) => e instanceof InvalidResponseError && /asked for page 2, the answer is page 1/.test(e.message) && /R-1/.test(e.message),
        );
    });

    it("refuses an absurd TotalCount instead of planning millions of pages", async () => {
        const listing = collectAllPages(options(async (n, s) => ({ pageNumber: n, pageSize: s, totalCount: 5e9, items: range(s) })));
        await assert.rejects(listing, (e: unknown) => e instanceof InvalidResponseError && /not plausible/.test(e.message));
    });

    it("confirms a listing of several pages with a second, identical one, and a single page not at all", async () => {
        const many = fakeServer(() => range(250));
        const confirmed = await collectAllPages(options(many.fetchPage, { confirm: true }));
        assert.equal(confirmed.listings, 2);
        assert.equal(many.asked.length, 6);
        const one = fakeServer(() => range(40));
        const single = await collectAllPages(options(one.fetchPage, { confirm: true }));
        assert.equal(single.listings, 1);
        assert.equal(one.asked.length, 1);
    });

    it("confirms page by page: a second listing that repeats the first keeps none of its items, and the first's are returned", async () => {
        const data = range(250);
        const served: { id: string }[][] = [];
        const fetchPage = async (pageNumber: number, pageSize: number): Promise<Page<{ id: string }>> => {
            const items = data.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((id) => ({ id }));
            served.push(items);
            return { pageNumber, pageSize, totalCount: data.length, items };
        };
        const confirmed = await collectAllPages({
            ...options(async () => ({ pageNumber: 1, pageSize: 1, totalCount: 0, items: [] })),
            fetchPage,
            itemKey: (item: { id: string }) => ["", item.id],
            confirm: true,
        });
        assert.equal(confirmed.listings, 2);
        assert.deepEqual(
            confirmed.items.map((item) => item.id),
            data,
        );
        const firstListing = served.slice(0, 3).flat();
        assert.ok(
            confirmed.items.every((item, i) => item === firstListing[i]),
            "the first listing's items, not copies of the second's",
        );
    });

    it("confirms page by page: a page changed in the second listing (counts kept) is caught, and the next identical listing returned", async () => {
        let data = range(250);
        let calls = 0;
        const server = fakeServer(() => data);
        const listing = await collectAllPages(
            options(
                async (n, s) => {
                    if (++calls === 5) data = data.map((item) => (item === "item-120" ? "item-120b" : item)); // page 2 of the second listing
                    return server.fetchPage(n, s);
                },
                { confirm: true, concurrency: 1 },
            ),
        );
        assert.equal(listing.listings, 3);
        assert.deepEqual(listing.items, data);
        assert.ok(listing.items.includes("item-120b"));
    });

    it("confirms a listing whose page size the server changed: the listings are compared whole", async () => {
        const data = range(250);
        let max = 100;
        const server = (n: number, s: number) => fakeServer(() => data, max).fetchPage(n, s);
        let calls = 0;
        const listing = await collectAllPages(
            options(
                async (n, s) => {
                    if (++calls === 4) max = 50;
                    return server(n, s);
                },
                { confirm: true },
            ),
        );
        assert.equal(listing.listings, 2);
        assert.equal(listing.pageSize, 50);
        assert.deepEqual(listing.items, data);
    });

    it("reports progress per page", async () => {
        const seen: string[] = [];
        await collectAllPages(options(fakeServer(() => range(350)).fetchPage, { onProgress: (d, t) => seen.push(`${d}/${t}`), concurrency: 1 }));
        assert.deepEqual(seen, ["1/4", "2/4", "3/4", "4/4"]);
    });
});
