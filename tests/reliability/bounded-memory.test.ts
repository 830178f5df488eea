import { strict as assert } from "node:assert";
import { InvalidArgumentError, listMessageContactVerifications, TransportError } from "../../provider/alibaba-client";
import { useEmulator } from "../support/emulator-fixture";

/** `n` verifications whose targets are `size` characters long: about `size` bytes each on the wire. */
function bulky(n: number, size: number) {
    return Array.from({ length: n }, (_, i) => ({ contactId: "c-aaaaaaaa01", target: `${String(i).padStart(6, "0")}${"x".repeat(size)}***@example.com` }));
}

describe("maxListingBytes bounds the memory of a whole listing", () => {
    // 40 pages of 10 items of ~20 KB: about 8 MB in all, each answer far below maxResponseBytes.
    const fixture = useEmulator({ verifications: bulky(400, 20_000) });
    const list = (extra: object) => {
        const e = fixture.emulator;
        return listMessageContactVerifications({
            endpoint: e.url,
            accessKeyId: e.account.accessKeyId,
            accessKeySecret: e.account.accessKeySecret,
            pageSize: 10,
            ...extra,
        });
    };

    it("stops as answers pass the budget, with a typed error naming the option, before reading every page", async () => {
        await assert.rejects(list({ maxListingBytes: 1024 * 1024, concurrency: 2 }), (error: unknown) => {
            assert.ok(error instanceof TransportError, String(error));
            assert.equal(error.failure, "ListingTooLarge");
            assert.equal(error.retryable, false);
            assert.match(error.message, /passed the 1048576 bytes set by argument maxListingBytes; the endpoint may be broken, or raise the limit/);
            return true;
        });
        const pages = fixture.emulator.requests.filter((r) => r.status === 200).length;
        assert.ok(pages < 10, `${pages} pages were read`);
    });

    it("lists in full within the budget (default 256 MiB)", async () => {
        const listing = await list({});
        assert.equal(listing.totalCount, 400);
    });

    it("refuses a budget that is not an integer number of bytes from 1 MiB, naming the field", async () => {
        await assert.rejects(list({ maxListingBytes: 1000 }), (error: unknown) => error instanceof InvalidArgumentError && error.field === "maxListingBytes");
        assert.equal(fixture.emulator.requests.length, 0);
    });
});
