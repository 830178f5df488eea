/**
 * Every environment variable that gives an option when no argument or setting does is held to that option's rule,
 * before any request, with a message naming the variable: the client's rule for each variable of the option table,
 * then the in-process surfaces (the get functions, the dynamic provider). The plugin, the Terraform provider and
 * the CLI, which read their own process's environment, are tested in their processes (tests/plugin,
 * tests/terraform, tests/cli).
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import {
    credentialsFor,
    InvalidArgumentError,
    OPTION_DEFINITIONS,
    OPTION_NAMES,
    optionFromEnv,
    resolveCallEndpoint,
    Rule,
} from "../../provider/alibaba-client";
import * as providerImpl from "../../provider/dynamic/provider-impl";
import { getMessageContactVerifications } from "../../sdk";
import { SMALL_LISTING, useEmulator } from "../support/emulator-fixture";
import { withEnv } from "../support/with-env";

/** A value the rule refuses that an environment variable can hold (a non-empty string), if there is one. */
function refusedText(rule: Rule): string | undefined {
    switch (rule.kind) {
        case "pattern":
            return "bad region";
        case "endpoint":
            return "http://10.0.0.1";
        case "choice":
            return "neither";
        case "integer":
            return "many";
        default:
            // `text` accepts every non-empty string; an empty variable is not set.
            return undefined;
    }
}

/** Every variable of the table with a value its option refuses. */
const REFUSED = OPTION_NAMES.flatMap((name) => {
    const value = refusedText(OPTION_DEFINITIONS[name].rule);
    return value === undefined ? [] : (OPTION_DEFINITIONS[name].env ?? []).map((variable) => ({ name, variable, value }));
});

describe("environment fallbacks are held to their option's rule", () => {
    it("covers the region's and the endpoint's variables (the ones a string can break)", () => {
        assert.deepEqual(REFUSED.map((r) => r.variable).sort(), ["ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER", "ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"]);
    });

    for (const { name, variable, value } of REFUSED) {
        it(`${variable}=${JSON.stringify(value)} is refused as ${name} would be, naming the variable`, () => {
            assert.throws(
                () => optionFromEnv(name, { [variable]: value }),
                (e: unknown) => e instanceof InvalidArgumentError && e.field === `env ${variable}` && e.message.startsWith(`env ${variable} `),
            );
            assert.throws(() => resolveCallEndpoint({}, {}, { [variable]: value }), new RegExp(`env ${variable}`));
        });
    }

    it("a variable is read only when no argument or setting gives its option", () => {
        assert.equal(resolveCallEndpoint({ region: "ap-southeast-1" }, {}, { ALICLOUD_REGION: "bad region" }).host, "resourcedirectory-intl.aliyuncs.com");
        assert.equal(resolveCallEndpoint({}, { region: "cn-hangzhou" }, { ALICLOUD_REGION: "bad region" }).host, "resourcedirectory.aliyuncs.com");
        assert.equal(resolveCallEndpoint({}, {}, { ALICLOUD_REGION: "ap-southeast-1" }).host, "resourcedirectory-intl.aliyuncs.com");
    });

    it("the credential chain reads its variables through the same rule (an empty one is not set)", () => {
        assert.doesNotThrow(() => credentialsFor({ env: { ALICLOUD_ACCESS_KEY: "", ALICLOUD_SECRET_KEY: "", ALICLOUD_PROFILE: "" } }));
        assert.throws(() => credentialsFor({ env: { ALICLOUD_ACCESS_KEY: "LTAIonly" } }), /env ALICLOUD_SECRET_KEY is missing/);
    });

    describe("on the in-process surfaces", () => {
        const fixture = useEmulator({ verifications: SMALL_LISTING, contacts: [] });
        after(() => pulumi.runtime.setAllConfig({}));

        it("the get functions refuse ALICLOUD_REGION='bad region' before any request", async () => {
            const { accessKeyId, accessKeySecret } = fixture.emulator.account;
            await withEnv({ ALICLOUD_REGION: "bad region" }, {}, async () => {
                await assert.rejects(
                    getMessageContactVerifications({ endpoint: fixture.emulator.url, accessKeyId, accessKeySecret }),
                    /env ALICLOUD_REGION must be a region ID such as cn-hangzhou or ap-southeast-1; got "bad region"/,
                );
            });
            assert.deepEqual(fixture.emulator.requests, []);
        });

        it("the dynamic provider's check fails on the resource (not an input) before any request", async () => {
            const { accessKeyId, accessKeySecret } = fixture.emulator.account;
            const config: Record<string, string> = {
                "alicloud:accessKey": accessKeyId,
                "alicloud:secretKey": accessKeySecret,
                "alicloud:endpoints": JSON.stringify({ resourcedirectory: fixture.emulator.url }),
            };
            providerImpl.configure((key) => config[key]);
            await withEnv({ ALIBABA_CLOUD_REGION: "bad region" }, {}, async () => {
                const { failures } = await providerImpl.check({ pageSize: 2 });
                assert.deepEqual(
                    failures.map((f) => f.property),
                    [""],
                );
                assert.match(failures[0]?.reason ?? "", /env ALIBABA_CLOUD_REGION must be a region ID/);
            });
            assert.deepEqual(fixture.emulator.requests, []);
        });
    });
});
