import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { getMessageContactVerifications, InvalidArgumentError, listMessageContactVerifications } from "../../sdk";
import { nearestName } from "../../provider/alibaba-client";
import { useEmulator, verifications } from "../support/emulator-fixture";

// JavaScript callers have no compiler: they get the same checks at run time.
describe("JavaScript callers get the checks TypeScript gives", () => {
    const fixture = useEmulator({ verifications: verifications(25) });

    for (const [name, call] of [
        ["getMessageContactVerifications", (args: object) => getMessageContactVerifications(args as never)],
        ["listMessageContactVerifications", (args: object) => listMessageContactVerifications(args as never)],
    ] as const) {
        it(`${name}: an unknown key is refused before any request, naming the key and the nearest valid one`, async () => {
            await assert.rejects(call({ ...fixture.client(), pagesize: 5 }), (error: unknown) => {
                assert.ok(error instanceof InvalidArgumentError, String(error));
                assert.equal(error.field, "pagesize");
                assert.match(error.message, /pagesize is not an option; did you mean pageSize\?/);
                return true;
            });
            assert.equal(fixture.emulator.requests.length, 0);
        });

        it(`${name}: each option is read once, so a getter cannot change a value after it was validated`, async () => {
            let reads = 0;
            const args = Object.defineProperty({ ...fixture.client() }, "pageSize", {
                enumerable: true,
                get: () => (++reads === 1 ? 10 : 0),
            });
            const result = await call(args);
            assert.equal((result as { totalCount: number }).totalCount, 25);
            assert.equal(reads, 1);
            assert.ok(fixture.emulator.requests.every((r) => r.query.PageSize === "10"));
        });
    }

    it("the get function's error is still a RunError for Pulumi", async () => {
        await assert.rejects(getMessageContactVerifications({ contactld: "c-abc" } as never), (error: unknown) => pulumi.RunError.isInstance(error));
    });

    it("suggests only names that are close", () => {
        assert.equal(nearestName("pagesize", ["pageSize", "contactId"]), "pageSize");
        assert.equal(nearestName("contactID", ["pageSize", "contactId"]), "contactId");
        assert.equal(nearestName("timeout", ["timeoutMs", "pageSize"]), "timeoutMs");
        assert.equal(nearestName("color", ["pageSize", "contactId"]), undefined);
    });
});
