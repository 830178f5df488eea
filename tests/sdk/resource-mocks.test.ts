import { strict as assert } from "node:assert";
import { installMocks, leaveMocks, RegisteredResource, valueOf } from "../support/pulumi-mocks";
import { MessageContactVerifications, RESOURCE_TYPE_TOKEN } from "../../sdk";

describe("MessageContactVerifications under Pulumi mocks", () => {
    let registered: RegisteredResource[];
    after(leaveMocks);
    before(async () => {
        registered = await installMocks();
    });

    it("registers with its own type token, equal to the static __pulumiType", async () => {
        const resource = new MessageContactVerifications("by-type", { contactId: "c-abc123" });
        await valueOf(resource.urn);
        assert.equal(MessageContactVerifications.__pulumiType, "pulumi-nodejs:dynamic/alicloud:MessageContactVerifications");
        assert.equal(RESOURCE_TYPE_TOKEN, MessageContactVerifications.__pulumiType);
        const registration = registered.find((r) => r.name === "by-type");
        assert.equal(registration?.type, MessageContactVerifications.__pulumiType);
        assert.ok(MessageContactVerifications.isInstance(resource));
        assert.ok(!MessageContactVerifications.isInstance({}));
    });

    it("serializes its provider (the urn resolves) into a small __provider without credentials", async () => {
        process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "secret-that-must-not-be-captured";
        try {
            const resource = new MessageContactVerifications("serialized", {});
            assert.match(await valueOf(resource.urn), /serialized$/);
            const provider = registered.find((r) => r.name === "serialized")?.inputs.__provider;
            assert.equal(typeof provider, "string");
            assert.ok((provider as string).length < 8 * 1024, `serialized provider is ${(provider as string).length} bytes`);
            assert.doesNotMatch(provider as string, /secret-that-must-not-be-captured/);
        } finally {
            delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
        }
    });

    it("passes the query inputs, seeds the outputs, and never mutates the caller's args", async () => {
        const args = { contactId: "c-abc123", pageSize: 50, secretTargets: false };
        const frozen = JSON.stringify(args);
        const resource = new MessageContactVerifications("inputs", args);
        await valueOf(resource.urn);
        assert.equal(JSON.stringify(args), frozen);
        assert.equal("__provider" in args, false);
        const inputs = registered.find((r) => r.name === "inputs")?.inputs ?? {};
        assert.equal(inputs.contactId, "c-abc123");
        assert.equal(inputs.pageSize, 50);
        assert.equal("secretTargets" in inputs, false);
        assert.equal(await valueOf(resource.contactId), "c-abc123");
    });

    it("shares one serialized provider between resources", async () => {
        const a = new MessageContactVerifications("shared-a", {});
        const b = new MessageContactVerifications("shared-b", {});
        await Promise.all([valueOf(a.urn), valueOf(b.urn)]);
        const providers = registered.filter((r) => r.name.startsWith("shared-")).map((r) => r.inputs.__provider);
        assert.equal(providers.length, 2);
        assert.equal(providers[0], providers[1]);
    });

    it("asks the engine to keep verifications, targets and pendingByTarget secret when secretTargets is set", async () => {
        const options = { protect: false, additionalSecretOutputs: ["totalCount"] };
        const resource = new MessageContactVerifications("secret", { secretTargets: true }, options);
        const plain = new MessageContactVerifications("plain", {});
        await Promise.all([valueOf(resource.urn), valueOf(plain.urn)]);
        const secret = registered.find((r) => r.name === "secret");
        assert.deepEqual([...(secret?.additionalSecretOutputs ?? [])].sort(), ["pendingByTarget", "targets", "totalCount", "verifications"]);
        assert.deepEqual(options.additionalSecretOutputs, ["totalCount"], "the caller's options are not mutated");
        assert.deepEqual(registered.find((r) => r.name === "plain")?.additionalSecretOutputs, []);
    });
});
