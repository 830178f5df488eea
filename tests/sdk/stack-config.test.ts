import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { getMessageContactVerifications } from "../../sdk";
import * as providerImpl from "../../provider/dynamic/provider-impl";
import { useEmulator, verifications } from "../support/emulator-fixture";

const ROLE = "acs:ram::123456789012:role/pulumi-reader";
const CONFIG_KEY = { accessKeyId: "LTAIconfigKeyId01", accessKeySecret: "config-secret-value" };

/** The AccessKey IDs that signed the emulator's requests. */
function signingKeyIds(requests: { headers: Record<string, string> }[]): string[] {
    return [...new Set(requests.map((r) => /Credential=([^,]+)/.exec(r.headers.authorization ?? "")?.[1] ?? "?"))];
}

describe("stack config reaches the program and the dynamic provider alike", () => {
    const fixture = useEmulator({ accounts: [CONFIG_KEY], verifications: verifications(120) });
    const roleFixture = useEmulator({ roles: [ROLE], verifications: verifications(120) });
    const config = () => ({
        "alicloud:accessKey": CONFIG_KEY.accessKeyId,
        "alicloud:secretKey": CONFIG_KEY.accessKeySecret,
        "alicloud:endpoints": JSON.stringify([{ resourcedirectory: fixture.emulator.url }]),
    });

    after(() => pulumi.runtime.setAllConfig({}));

    it("the get function signs with alicloud:accessKey and reaches alicloud:endpoints", async () => {
        pulumi.runtime.setAllConfig(config(), ["alicloud:secretKey"]);
        const result = await getMessageContactVerifications();
        assert.equal(result.totalCount, 120);
        assert.deepEqual(signingKeyIds(fixture.emulator.requests), [CONFIG_KEY.accessKeyId]);
    });

    it("the dynamic provider, configured with the same config, signs with the same key", async () => {
        const values: Record<string, string> = config();
        providerImpl.configure((key) => values[key]);
        const { outs } = await providerImpl.create({});
        assert.equal(outs.totalCount, 120);
        assert.deepEqual(signingKeyIds(fixture.emulator.requests), [CONFIG_KEY.accessKeyId]);
        assert.doesNotMatch(JSON.stringify(outs), /config-secret-value|LTAIconfigKeyId01/);
    });

    it("a provider whose stack config is broken refuses every operation instead of signing with something else", async () => {
        const broken: Record<string, string> = { ...config(), "alicloud:assumeRole": "{not json" };
        assert.throws(() => providerImpl.configure((key) => broken[key]), /alicloud:assumeRole/);
        process.env.ALICLOUD_ACCESS_KEY = CONFIG_KEY.accessKeyId;
        process.env.ALICLOUD_SECRET_KEY = CONFIG_KEY.accessKeySecret;
        try {
            await assert.rejects(providerImpl.create({ endpoint: fixture.emulator.url }), /alicloud:assumeRole/);
            await assert.rejects(providerImpl.check({}), /alicloud:assumeRole/);
            assert.equal(fixture.emulator.requests.length, 0);
        } finally {
            delete process.env.ALICLOUD_ACCESS_KEY;
            delete process.env.ALICLOUD_SECRET_KEY;
        }
    });

    it("the resource's stsEndpoint is where the dynamic provider assumes alicloud:assumeRole", async () => {
        const e = roleFixture.emulator;
        const values: Record<string, string> = {
            "alicloud:accessKey": e.account.accessKeyId,
            "alicloud:secretKey": e.account.accessKeySecret,
            "alicloud:assumeRole": JSON.stringify({ roleArn: ROLE }),
            // Where AssumeRole would go without the input: a loopback port nothing listens on.
            "alicloud:endpoints": JSON.stringify([{ sts: "http://127.0.0.1:9" }]),
        };
        providerImpl.configure((key) => values[key]);
        const { inputs, failures } = await providerImpl.check({ endpoint: e.url, stsEndpoint: e.url, maxAttempts: 1 });
        assert.deepEqual(failures, []);
        assert.equal(inputs.totalCount, 120);
        assert.equal(e.requests.filter((r) => r.action === "AssumeRole").length, 1);
    });

    it("explicit arguments win over stack config", async () => {
        pulumi.runtime.setAllConfig({ ...config(), "alicloud:accessKey": "LTAIwrongKeyId999" }, ["alicloud:secretKey"]);
        const result = await getMessageContactVerifications({ ...CONFIG_KEY, endpoint: fixture.emulator.url });
        assert.equal(result.totalCount, 120);
    });
});
