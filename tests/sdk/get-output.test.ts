import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { getMessageContactVerificationsOutput, InvalidArgumentError } from "../../sdk";
import { useEmulator, verifications } from "../support/emulator-fixture";
import { valueOf } from "../support/pulumi-mocks";

describe("getMessageContactVerificationsOutput", () => {
    const fixture = useEmulator({ verifications: verifications(42) });
    let createdAt = 0;

    before(() => {
        pulumi.runtime.setMocks(
            {
                async newResource(args) {
                    await new Promise((r) => setTimeout(r, 150));
                    createdAt = Date.now();
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: (args) => args.inputs,
            },
            "project",
            "stack",
            false,
        );
    });

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
        const firstRequest = Math.min(...fixture.emulator.requests.map((r) => r.time));
        assert.ok(createdAt > 0 && firstRequest >= createdAt, "the listing started after the dependency was created");
        const resources = await (result as unknown as { allResources(): Promise<Set<pulumi.Resource>> }).allResources();
        assert.ok(resources.has(dependency));
    });

    it("rejects invalid Input arguments with the typed error", async () => {
        const result = getMessageContactVerificationsOutput({ ...fixture.client(), pageSize: pulumi.output(0) });
        await assert.rejects(valueOf(result), (e: unknown) => e instanceof InvalidArgumentError && e.field === "pageSize");
        assert.equal(fixture.emulator.requests.length, 0);
    });
});
