import { strict as assert } from "node:assert";
import { Emulator, startEmulator, Verification } from "../../emulator";
import { call, expectError, expectPage } from "./client";

const ALICE = "c-Alice000000001";
const BOB = "c-Bob00000000002";
const CAROL = "c-Carol000000003"; // a contact with nothing pending

function verifications(): Verification[] {
    const list: Verification[] = [];
    for (let i = 0; i < 23; i++) list.push({ contactId: i % 3 === 0 ? BOB : ALICE, target: `user${i}***@example.com` });
    return list;
}

describe("emulator: ListMessageContactVerifications", () => {
    let emulator: Emulator;
    const seeded = verifications();

    before(async () => {
        emulator = await startEmulator({ verifications: seeded, contacts: [CAROL] });
    });
    after(() => emulator.close());

    it("serves the first page with the default page size", async () => {
        const page = expectPage(await call(emulator));
        assert.equal(page.TotalCount, 23);
        assert.equal(page.PageSize, 10);
        assert.equal(page.PageNumber, 1);
        assert.deepEqual(
            page.ContactVerifications,
            seeded.slice(0, 10).map((v) => ({ ContactId: v.contactId, Target: v.target })),
        );
    });

    it("pages through every item exactly once, in seeded order, with a short last page", async () => {
        const seen: string[] = [];
        for (let n = 1; n <= 3; n++) {
            const page = expectPage(await call(emulator, { query: { PageNumber: String(n), PageSize: "10" } }));
            assert.equal(page.PageNumber, n);
            assert.equal(page.TotalCount, 23);
            assert.equal(page.ContactVerifications.length, n === 3 ? 3 : 10);
            seen.push(...page.ContactVerifications.map((v) => v.Target));
        }
        assert.deepEqual(
            seen,
            seeded.map((v) => v.target),
        );
    });

    it("answers a page past the end with an empty list and the real TotalCount", async () => {
        const page = expectPage(await call(emulator, { query: { PageNumber: "4", PageSize: "10" } }));
        assert.deepEqual(page.ContactVerifications, []);
        assert.equal(page.TotalCount, 23);
        assert.equal(page.PageNumber, 4);
    });

    it("filters by ContactId and counts only that contact's items", async () => {
        const page = expectPage(await call(emulator, { query: { ContactId: BOB, PageSize: "100" } }));
        const expected = seeded.filter((v) => v.contactId === BOB);
        assert.equal(page.TotalCount, expected.length);
        assert.deepEqual(
            page.ContactVerifications.map((v) => v.Target),
            expected.map((v) => v.target),
        );
        assert.ok(page.ContactVerifications.every((v) => v.ContactId === BOB));
    });

    it("answers an existing contact with nothing pending with an empty page", async () => {
        const page = expectPage(await call(emulator, { query: { ContactId: CAROL } }));
        assert.equal(page.TotalCount, 0);
        assert.deepEqual(page.ContactVerifications, []);
    });

    it("answers 400 MissingParameter.ContactId for an empty ContactId", async () => {
        const error = expectError(await call(emulator, { query: { ContactId: "" } }), 400, "MissingParameter.ContactId");
        assert.equal(error.Message, "You must specify ContactId.");
    });

    for (const bad of ["x-123", "c-", "c-abc def", "c-abc*", "C-abc"]) {
        it(`answers 400 InvalidParameter.ContactId for ${JSON.stringify(bad)}`, async () => {
            const error = expectError(await call(emulator, { query: { ContactId: bad } }), 400, "InvalidParameter.ContactId");
            assert.equal(error.Message, "The ContactId is invalid.");
        });
    }

    it("answers 404 EntityNotExists.Contact for a well-formed unknown contact", async () => {
        const error = expectError(await call(emulator, { query: { ContactId: "c-Nobody00000000" } }), 404, "EntityNotExists.Contact");
        assert.equal(error.Message, "This Contact does not exist.");
    });

    for (const bad of ["0", "-1", "1.5", "abc", "", "+2", "99999999999999999999"]) {
        it(`answers 400 InvalidParameter.PageNumber for ${JSON.stringify(bad)}`, async () => {
            expectError(await call(emulator, { query: { PageNumber: bad } }), 400, "InvalidParameter.PageNumber");
        });
        it(`answers 400 InvalidParameter.PageSize for ${JSON.stringify(bad)}`, async () => {
            expectError(await call(emulator, { query: { PageSize: bad } }), 400, "InvalidParameter.PageSize");
        });
    }

    it("serves PageSize up to the maximum and rejects one more by default", async () => {
        const page = expectPage(await call(emulator, { query: { PageSize: "100" } }));
        assert.equal(page.PageSize, 100);
        assert.equal(page.ContactVerifications.length, 23);
        expectError(await call(emulator, { query: { PageSize: "101" } }), 400, "InvalidParameter.PageSize");
    });

    it("ignores parameters it does not know, such as RegionId", async () => {
        expectPage(await call(emulator, { query: { RegionId: "cn-hangzhou" } }));
    });

    it("keeps knowing a contact after its verifications are gone", async () => {
        const other = await startEmulator({ verifications: [{ contactId: ALICE, target: "138****0000" }] });
        try {
            other.setVerifications([]);
            assert.equal(expectPage(await call(other, { query: { ContactId: ALICE } })).TotalCount, 0);
        } finally {
            await other.close();
        }
    });
});

describe("emulator: page size policy", () => {
    const list = Array.from({ length: 12 }, (_, i) => ({ contactId: ALICE, target: `138****${String(i).padStart(4, "0")}` }));

    it("clamps an oversized PageSize and reports the size it served", async () => {
        const emulator = await startEmulator({ verifications: list, maxPageSize: 5, pageSizeOverflow: "clamp" });
        try {
            const page = expectPage(await call(emulator, { query: { PageSize: "50", PageNumber: "2" } }));
            assert.equal(page.PageSize, 5);
            assert.equal(page.TotalCount, 12);
            assert.deepEqual(
                page.ContactVerifications.map((v) => v.Target),
                list.slice(5, 10).map((v) => v.target),
            );
        } finally {
            await emulator.close();
        }
    });

    it("rejects an oversized PageSize when told to", async () => {
        const emulator = await startEmulator({ verifications: list, maxPageSize: 5, pageSizeOverflow: "reject" });
        try {
            expectError(await call(emulator, { query: { PageSize: "6" } }), 400, "InvalidParameter.PageSize");
            assert.equal(expectPage(await call(emulator, { query: { PageSize: "5" } })).ContactVerifications.length, 5);
        } finally {
            await emulator.close();
        }
    });

    it("uses defaultPageSize when PageSize is absent", async () => {
        const emulator = await startEmulator({ verifications: list, defaultPageSize: 4 });
        try {
            const page = expectPage(await call(emulator));
            assert.equal(page.PageSize, 4);
            assert.equal(page.ContactVerifications.length, 4);
        } finally {
            await emulator.close();
        }
    });

    it("refuses inconsistent settings", async () => {
        await assert.rejects(startEmulator({ maxPageSize: 5, defaultPageSize: 10 }), RangeError);
        await assert.rejects(startEmulator({ maxPageSize: 0 }), RangeError);
        await assert.rejects(startEmulator({ verifications: [{ contactId: "bad", target: "x" }] }), TypeError);
        await assert.rejects(startEmulator({ contacts: ["bad"] }), TypeError);
        await assert.rejects(startEmulator({ accounts: [] }), RangeError);
        await assert.rejects(startEmulator({ rateLimit: { requestsPerSecond: 0 } }), RangeError);
    });
});
