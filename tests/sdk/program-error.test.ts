import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { AlibabaCloudApiError, getMessageContactVerifications, InvalidArgumentError } from "../../sdk";
import { asPulumiRunError } from "../../sdk/program-error";
import { useEmulator, verifications } from "../support/emulator-fixture";

// Pulumi prints an unhandled RunError as its message alone, any other error with its stack
// ("Unhandled exception: ..."); the real engine showed the package's errors with their stacks.
describe("errors of the get functions, as Pulumi reports them", () => {
    const fixture = useEmulator({ verifications: verifications(3) });

    it("an invalid argument is a RunError and still an InvalidArgumentError naming the field", async () => {
        await assert.rejects(getMessageContactVerifications({ ...fixture.client(), contactId: "bad id!" }), (error: unknown) => {
            assert.ok(pulumi.RunError.isInstance(error), "RunError.isInstance");
            assert.ok(error instanceof InvalidArgumentError);
            assert.equal(error.field, "contactId");
            assert.ok(!Object.keys(error).includes("__pulumiRunError"), "the mark is not enumerable (not logged as a field)");
            return true;
        });
    });

    it("a service error is a RunError and keeps its code and RequestId", async () => {
        await assert.rejects(getMessageContactVerifications({ ...fixture.client(), contactId: "c-missing0001" }), (error: unknown) => {
            assert.ok(pulumi.RunError.isInstance(error));
            assert.ok(error instanceof AlibabaCloudApiError);
            assert.equal(error.code, "EntityNotExists.Contact");
            assert.match(error.requestId ?? "", /^[0-9A-F-]{36}$/);
            return true;
        });
    });

    it("leaves other errors (bugs) alone, stack and all", () => {
        const bug = new TypeError("x is undefined");
        assert.equal(asPulumiRunError(bug), bug);
        assert.ok(!pulumi.RunError.isInstance(bug));
        assert.equal(asPulumiRunError("text"), "text");
    });
});
