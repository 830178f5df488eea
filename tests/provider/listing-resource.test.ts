/** The resource's operations shared by both providers (provider/listing-resource.ts), in process, against the emulator. */
import { strict as assert } from "node:assert";
import { Credentials, CredentialsProvider, InvalidArgumentError, StaticCredentialsProvider } from "../../provider/alibaba-client";
import { listingResource, ListingResourceHost } from "../../provider/listing-resource";
import { ALICE, listingOutputsOf, SMALL_LISTING, useEmulator } from "../support/emulator-fixture";

describe("the resource's operations (listing-resource.ts)", () => {
    const fixture = useEmulator({ verifications: SMALL_LISTING, contacts: [] });
    const stsEndpoints: (string | undefined)[] = [];
    let known = true;
    let broken: Error | undefined;
    const host: ListingResourceHost = {
        settings: () => {
            if (broken) throw broken;
            return { endpoint: fixture.emulator.url };
        },
        settingsKnown: () => known,
        credentials(stsEndpoint): CredentialsProvider {
            stsEndpoints.push(stsEndpoint);
            const { accessKeyId, accessKeySecret } = fixture.emulator.account;
            return new StaticCredentialsProvider(new Credentials(accessKeyId, accessKeySecret), "test");
        },
        vocabulary: { setting: (name) => ({ prefix: "test setting ", key: name }) },
        credentialsAdvice: "use the test's settings.",
        protocolKeys: ["__provider"],
    };
    const resource = listingResource(host);
    afterEach(() => {
        stsEndpoints.length = 0;
        known = true;
        broken = undefined;
    });

    it("check lists when every input and setting is known, and asks for credentials with the input's stsEndpoint", async () => {
        const result = await resource.check({ pageSize: 2, stsEndpoint: "sts.example", __provider: "serialized" });
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.inputs, { pageSize: 2, stsEndpoint: "sts.example", ...listingOutputsOf(SMALL_LISTING) });
        assert.deepEqual(result.secret, []);
        assert.deepEqual(stsEndpoints, ["sts.example"]);
    });

    it("check does not list with an unknown input or an unknown setting", async () => {
        assert.equal((await resource.check({ contactId: "placeholder" }, { unknown: ["contactId"] })).inputs.totalCount, undefined);
        known = false;
        assert.equal((await resource.check({})).inputs.totalCount, undefined);
        assert.deepEqual(fixture.emulator.requests, []);
    });

    it("check names every problem: a key that is not an input, a bad value, a credential", async () => {
        const { failures } = await resource.check({ pagesize: 5, secretTargets: "yes", accessKeyId: "LTAIsomething0001", concurrency: 0 });
        const byProperty = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
        assert.deepEqual(Object.keys(byProperty).sort(), ["accessKeyId", "concurrency", "pagesize", "secretTargets"]);
        assert.match(byProperty.pagesize ?? "", /pagesize is not an input of MessageContactVerifications; did you mean pageSize\?/);
        assert.match(byProperty.accessKeyId ?? "", /never lands in state; use the test's settings\./);
        assert.doesNotMatch(JSON.stringify(failures), /LTAIsomething0001/);
        assert.deepEqual(fixture.emulator.requests, []);
    });

    it("names the outputs to keep secret: the targets with secretTargets, the contacts with a secret contactId", async () => {
        assert.deepEqual((await resource.check({ secretTargets: true })).secret.sort(), ["pendingByTarget", "targets", "verifications"]);
        const created = await resource.create({ contactId: ALICE }, { secret: ["contactId"] });
        assert.deepEqual(created.secret.sort(), ["contactId", "pendingByTarget", "verifications"]);
        assert.ok(!created.id.includes(ALICE));
    });

    it("diff is a change when the listing or an input changed, never a replacement", async () => {
        const checked = (await resource.check({ pageSize: 2 })).inputs;
        assert.deepEqual(await resource.diff(checked, checked), { changes: false, replaces: [] });
        assert.deepEqual(await resource.diff(checked, { ...checked, totalCount: 4, verifications: [] }), { changes: true, replaces: [] });
        assert.deepEqual(await resource.diff(checked, { ...checked, pageSize: 3 }), { changes: true, replaces: [] });
    });

    it("inputsOfId: the inputs an import's id names; the endpoint only where the settings list elsewhere", () => {
        const host = new URL(fixture.emulator.url).host;
        assert.deepEqual(resource.inputsOfId(`${host}/ListMessageContactVerifications/*`), {});
        assert.deepEqual(resource.inputsOfId(`${host}/ListMessageContactVerifications/${ALICE}`), { contactId: ALICE });
        assert.deepEqual(resource.inputsOfId(`resourcedirectory-intl.aliyuncs.com/ListMessageContactVerifications/${ALICE}`), {
            contactId: ALICE,
            endpoint: "resourcedirectory-intl.aliyuncs.com",
        });
        for (const [id, why] of [
            ["", /^id must be <endpoint host>\/ListMessageContactVerifications\/<contact ID or \*>, such as .*; got ""\.$/],
            ["/ListMessageContactVerifications/*", /^id must be/],
            [`${host}/ListMessageContactVerifications/`, /^id must be/],
            [`a b/ListMessageContactVerifications/*`, /^id must be/],
            [`${host}/ListMessageContactVerifications/sha256:0123456789abcdef`, /names a secret contact ID by its hash, which cannot be read back/],
            [`${host}/ListMessageContactVerifications/c-a/b`, /^id: contactId must be a message contact ID/],
            [`bad_host!/ListMessageContactVerifications/*`, /^id /],
            [`localhost:1/ListMessageContactVerifications/*`, /^id names the endpoint localhost:1, a loopback host .* set test setting endpoint to its URL/],
        ] as const) {
            assert.throws(
                () => resource.inputsOfId(id),
                (error: unknown) => error instanceof InvalidArgumentError && error.field === "id" && why.test(error.message),
                id,
            );
        }
        assert.deepEqual(fixture.emulator.requests, []);
    });

    it("every operation answers the provider's configuration error instead of listing", async () => {
        broken = new InvalidArgumentError("test setting region", "test setting region must be a region ID.");
        await assert.rejects(resource.check({}), /test setting region must be/);
        await assert.rejects(resource.read("id", {}), /test setting region must be/);
        assert.deepEqual(fixture.emulator.requests, []);
    });
});
