import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { getMessageContactVerificationsOutput, InvalidArgumentError, listMessageContactVerifications } from "../../sdk";
import { useEmulator, verifications } from "../support/emulator-fixture";
import { leaveMocks, valueOf } from "../support/pulumi-mocks";

describe("getMessageContactVerificationsOutput", () => {
    const fixture = useEmulator({ verifications: verifications(42) });
    let createdAt = 0;
    let calledAt = 0;

    before(async () => {
        await pulumi.runtime.setMocks(
            {
                async newResource(args) {
                    await new Promise((r) => setTimeout(r, 150));
                    createdAt = Date.now();
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                // The get functions answer through the mocks (as in a user's unit test); this one lists for real.
                async call(args) {
                    calledAt = Date.now();
                    const listing = await listMessageContactVerifications({ ...fixture.client(), ...args.inputs });
                    return {
                        id: "mocked",
                        ...(listing.contactId ? { contactId: listing.contactId } : {}),
                        totalCount: listing.totalCount,
                        verifications: listing.verifications,
                    };
                },
            },
            "project",
            "stack",
            false,
        );
    });

    after(leaveMocks);

    it("takes Input arguments and returns every verification", async () => {
        const contactId = pulumi.output(Promise.resolve("c-bbbbbbbb02"));
        const result = getMessageContactVerificationsOutput({ ...fixture.client(), contactId });
        const value = await valueOf(result);
        assert.deepEqual(
            value.verifications,
            fixture.emulator.verifications().filter((v) => v.contactId === "c-bbbbbbbb02"),
        );
        assert.equal(value.contactId, "c-bbbbbbbb02");
    });

    it("waits for dependsOn before listing, and carries the dependency", async () => {
        class Contact extends pulumi.CustomResource {}
        const dependency = new Contact("test:index:Contact", "contact", {});
        const result = getMessageContactVerificationsOutput(fixture.client(), { dependsOn: [dependency] });
        assert.equal((await valueOf(result)).totalCount, 42);
        assert.ok(createdAt > 0 && calledAt >= createdAt, "the function was called after the dependency was created");
        const resources = await (result as unknown as { allResources(): Promise<Set<pulumi.Resource>> }).allResources();
        assert.ok(resources.has(dependency));
    });

    it("rejects invalid Input arguments with the typed error", async () => {
        const result = getMessageContactVerificationsOutput({ ...fixture.client(), pageSize: pulumi.output(0) });
        await assert.rejects(valueOf(result), (e: unknown) => e instanceof InvalidArgumentError && e.field === "pageSize");
        assert.equal(fixture.emulator.requests.length, 0);
    });
});
