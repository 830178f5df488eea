import { strict as assert } from "node:assert";
import { getMessageContactVerifications, InconsistentListingError } from "../../sdk";
import { readStackConfig } from "../../provider/dynamic/stack-config";
import { listMessageContactVerifications } from "../../provider/alibaba-client";
import { useEmulator, verifications } from "../support/emulator-fixture";
import type { Verification } from "../../emulator";

/** Removes the first item and appends a new one: every count stays the same, but items shift by one. */
const swap = (n: number) => (list: Verification[]) => [...list.slice(1), { contactId: "c-aaaaaaaa01", target: `swapped${n}***@example.com` }];

describe("data that changes while it is listed", () => {
    const fixture = useEmulator();
    beforeEach(() => fixture.emulator.setVerifications(verifications(300)));

    it("snapshot consistency catches a change that keeps every count, and returns the data as it now is", async () => {
        fixture.emulator.inject({ fault: { kind: "mutate", apply: swap(1) }, match: { pageNumber: 3 } });
        const result = await getMessageContactVerifications(fixture.client({ consistency: "snapshot", concurrency: 1 }));
        assert.deepEqual(result.verifications, fixture.emulator.verifications());
        const pageOnes = fixture.emulator.requests.filter((r) => r.query.PageNumber === "1").length;
        assert.equal(pageOnes, 3, "a listing, a differing confirmation, then a matching one");
    });

    it("snapshot consistency gives up with a clear error when the data never settles", async () => {
        let n = 0;
        fixture.emulator.inject({ fault: { kind: "mutate", apply: (list) => swap(n++)(list) }, match: { pageNumber: 2 }, times: Infinity });
        await assert.rejects(
            getMessageContactVerifications(fixture.client({ consistency: "snapshot", maxListings: 2 })),
            (e: unknown) => e instanceof InconsistentListingError && e.listings === 3 && /two consecutive listings differed/.test(e.message),
        );
    });

    it("never returns a duplicated list: an item inserted at the front during the listing is caught", async () => {
        fixture.emulator.inject({
            fault: { kind: "mutate", apply: (list) => [{ contactId: "c-aaaaaaaa01", target: "front***@example.com" }, ...list.slice(0, -1)] },
            match: { pageNumber: 2 },
        });
        const result = await getMessageContactVerifications(fixture.client({ concurrency: 1 }));
        assert.deepEqual(result.verifications, fixture.emulator.verifications());
        assert.equal(new Set(result.verifications.map((v) => v.target)).size, 300);
    });

    it("reads listing limits from stack config, arguments winning", async () => {
        const config: Record<string, string> = { "alicloud-message-contacts:concurrency": "1", "alicloud-message-contacts:consistency": "snapshot" };
        const stack = readStackConfig((k) => config[k]);
        assert.deepEqual(stack, { concurrency: 1, consistency: "snapshot" });
        const listing = await listMessageContactVerifications({ ...fixture.client(), settings: stack });
        assert.equal(listing.listings, 2, "snapshot from config: confirmed by a second listing");
        const fast = await listMessageContactVerifications({ ...fixture.client(), settings: stack, consistency: "checked" });
        assert.equal(fast.listings, 1);
        assert.throws(
            () => readStackConfig((k) => ({ "alicloud-message-contacts:maxAttempts": "0" })[k]),
            /stack config alicloud-message-contacts:maxAttempts must be an integer from 1 to 20; got 0\./,
        );
    });
});
