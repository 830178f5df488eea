import { strict as assert } from "node:assert";
import { AlibabaCloudApiError, getMessageContactVerifications, InvalidArgumentError, LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES as CODES } from "../../sdk";
import { useEmulator, verifications } from "../support/emulator-fixture";

describe("getMessageContactVerifications against the emulator", () => {
    const fixture = useEmulator({ contacts: ["c-nopending0001"] });

    for (const n of [0, 1, 100, 101, 950]) {
        it(`returns exactly the ${n} seeded verifications`, async () => {
            const seeded = verifications(n);
            fixture.emulator.setVerifications(seeded);
            const result = await getMessageContactVerifications(fixture.client());
            assert.deepEqual(result.verifications, seeded);
            assert.equal(result.totalCount, n);
            assert.equal(result.contactId, undefined);
            assert.equal(result.id, `${fixture.emulator.host}/ListMessageContactVerifications/*`);
        });
    }

    it("lists several thousand verifications concurrently over few connections", async () => {
        const seeded = verifications(4321);
        fixture.emulator.setVerifications(seeded);
        const result = await getMessageContactVerifications(fixture.client({ concurrency: 6 }));
        assert.deepEqual(result.verifications, seeded);
        const pages = fixture.emulator.requests.map((r) => Number(r.query.PageNumber)).sort((a, b) => a - b);
        assert.deepEqual(
            pages,
            Array.from({ length: 44 }, (_, i) => i + 1),
        );
        assert.ok(fixture.emulator.requests.every((r) => r.query.PageSize === "100"));
    });

    it("filters by contactId", async () => {
        const seeded = verifications(30);
        fixture.emulator.setVerifications(seeded);
        const result = await getMessageContactVerifications(fixture.client({ contactId: "c-bbbbbbbb02", pageSize: 4 }));
        assert.deepEqual(
            result.verifications,
            seeded.filter((v) => v.contactId === "c-bbbbbbbb02"),
        );
        assert.equal(result.contactId, "c-bbbbbbbb02");
        assert.ok(fixture.emulator.requests.every((r) => r.query.ContactId === "c-bbbbbbbb02"));
    });

    it("returns an empty list for an existing contact with nothing pending", async () => {
        fixture.emulator.setVerifications(verifications(5));
        const result = await getMessageContactVerifications(fixture.client({ contactId: "c-nopending0001" }));
        assert.deepEqual(result.verifications, []);
    });

    it("surfaces EntityNotExists.Contact as the typed error, not retried", async () => {
        fixture.emulator.setVerifications(verifications(5));
        await assert.rejects(
            getMessageContactVerifications(fixture.client({ contactId: "c-doesnotexist1" })),
            (e: unknown) =>
                e instanceof AlibabaCloudApiError &&
                e.code === CODES.contactNotFound &&
                e.httpStatus === 404 &&
                e.operation === "ListMessageContactVerifications" &&
                typeof e.requestId === "string" &&
                e.message.includes(e.requestId) &&
                !e.retryable,
        );
        assert.equal(fixture.emulator.requests.length, 1);
    });

    for (const [code, status] of [
        [CODES.invalidContactId, 400],
        [CODES.missingContactId, 400],
    ] as const) {
        it(`surfaces ${code} from the service as the typed error`, async () => {
            fixture.emulator.inject({ fault: { kind: "error", status, code, message: "from the service" } });
            await assert.rejects(
                getMessageContactVerifications(fixture.client()),
                (e: unknown) => e instanceof AlibabaCloudApiError && e.code === code && e.httpStatus === status && /from the service/.test(e.message),
            );
        });
    }

    it("rejects a malformed contactId before any request", async () => {
        await assert.rejects(
            getMessageContactVerifications(fixture.client({ contactId: "bad id" })),
            (e: unknown) => e instanceof InvalidArgumentError && e.field === "contactId",
        );
        assert.equal(fixture.emulator.requests.length, 0);
    });

    it("signs every attempt afresh: a new nonce and signature per request", async () => {
        fixture.emulator.setVerifications(verifications(300));
        fixture.emulator.inject({ fault: { kind: "error", status: 503, code: "ServiceUnavailable" }, match: { pageNumber: 2 } });
        await getMessageContactVerifications(fixture.client({ pageSize: 100 }));
        const nonces = fixture.emulator.requests.map((r) => r.headers["x-acs-signature-nonce"]);
        assert.equal(new Set(nonces).size, nonces.length);
        assert.equal(fixture.emulator.requests.filter((r) => r.query.PageNumber === "2").length, 2);
        assert.ok(
            fixture.emulator.requests.every(
                (r) => r.headers["x-acs-action"] === "ListMessageContactVerifications" && r.headers["x-acs-version"] === "2022-04-19",
            ),
        );
    });

    it("fails with SignatureDoesNotMatch for a wrong secret, and never prints the secret", async () => {
        const secret = "definitely-the-wrong-secret";
        await assert.rejects(getMessageContactVerifications(fixture.client({ accessKeySecret: secret })), (e: unknown) => {
            assert.ok(e instanceof AlibabaCloudApiError && e.code === "SignatureDoesNotMatch");
            assert.doesNotMatch(`${e.message} ${e.stack} ${JSON.stringify(e)}`, new RegExp(secret));
            return true;
        });
    });

    it("fails with InvalidAccessKeyId.NotFound for an unknown key", async () => {
        await assert.rejects(
            getMessageContactVerifications(fixture.client({ accessKeyId: "unknown-key-id" })),
            (e: unknown) => e instanceof AlibabaCloudApiError && e.code === "InvalidAccessKeyId.NotFound" && e.httpStatus === 404,
        );
    });
});
