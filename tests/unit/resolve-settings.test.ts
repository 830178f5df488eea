import { strict as assert } from "node:assert";
import { LIST_DEFAULTS } from "../../provider/alibaba-client/operation/list-options";
import { limitText, resolveCallEndpoint, resolveLimits, resolveListingLimits } from "../../provider/alibaba-client/resolve-settings";
import { FUNCTION_VOCABULARY } from "../../provider/plugin/plugin-config";
import { TERRAFORM_VOCABULARY } from "../../provider/terraform/terraform-names";

describe("settings resolved in one place: argument, else stack config, else a caller's default, else the package's", () => {
    it("takes the package's defaults when nothing is set", () => {
        // The documented defaults, written out here rather than read from the table the code reads.
        assert.deepEqual(resolveListingLimits({}), {
            pageSize: 100,
            endpointType: "public",
            concurrency: 4,
            maxAttempts: 5,
            maxListings: 3,
            consistency: "checked",
            timeoutMs: 300_000,
            requestTimeoutMs: 30_000,
            maxResponseBytes: 8 * 1024 * 1024,
            maxListingBytes: 256 * 1024 * 1024,
        });
        assert.deepEqual(resolveListingLimits({}), { ...LIST_DEFAULTS });
    });

    it("applies the precedence for every limit a stack may set", () => {
        const stack = { concurrency: 8, maxAttempts: 7, timeoutMs: 60_000, consistency: "snapshot" as const };
        const fromStack = resolveListingLimits({}, stack);
        assert.deepEqual([fromStack.concurrency, fromStack.maxAttempts, fromStack.timeoutMs, fromStack.consistency], [8, 7, 60_000, "snapshot"]);
        const fromArguments = resolveListingLimits({ concurrency: 2, maxAttempts: 3, timeoutMs: 5_000, consistency: "checked" }, stack);
        assert.deepEqual([fromArguments.concurrency, fromArguments.maxAttempts, fromArguments.timeoutMs, fromArguments.consistency], [2, 3, 5_000, "checked"]);
    });

    it("lets a caller's default (the resource's snapshot) sit between stack config and the package's default", () => {
        assert.equal(resolveListingLimits({}, {}, { consistency: "snapshot" }).consistency, "snapshot");
        assert.equal(resolveListingLimits({}, { consistency: "checked" }, { consistency: "snapshot" }).consistency, "checked");
        assert.equal(resolveListingLimits({ consistency: "checked" }, {}, { consistency: "snapshot" }).consistency, "checked");
    });

    it("resolves the endpoint with the same precedence for the listing and the resource's id", () => {
        assert.equal(resolveCallEndpoint({}, {}, {}).host, "resourcedirectory.aliyuncs.com");
        assert.equal(resolveCallEndpoint({}, { region: "ap-southeast-1" }, {}).host, "resourcedirectory-intl.aliyuncs.com");
        assert.equal(resolveCallEndpoint({ region: "cn-hangzhou" }, { region: "ap-southeast-1" }, {}).host, "resourcedirectory.aliyuncs.com");
        assert.equal(resolveCallEndpoint({}, { endpoints: { resourcedirectory: "http://127.0.0.1:9" } }, {}).host, "127.0.0.1:9");
        assert.equal(
            resolveCallEndpoint({ endpoint: "http://localhost:1" }, { endpoints: { resourcedirectory: "http://127.0.0.1:9" } }, {}).host,
            "localhost:1",
        );
    });

    it("the time limit: the smaller of a listing's argument and its provider's setting holds; other limits take the argument", () => {
        const stricterSetting = resolveLimits({ timeoutMs: 60_000 }, { timeoutMs: 1_000 });
        assert.deepEqual([stricterSetting.limits.timeoutMs, stricterSetting.sources.timeoutMs], [1_000, "setting"]);
        const stricterArgument = resolveLimits({ timeoutMs: 1_000 }, { timeoutMs: 60_000 });
        assert.deepEqual([stricterArgument.limits.timeoutMs, stricterArgument.sources.timeoutMs], [1_000, "argument"]);
        const onlyDefault = resolveLimits({});
        assert.deepEqual([onlyDefault.limits.timeoutMs, onlyDefault.sources.timeoutMs], [300_000, "default"]);
        const concurrency = resolveLimits({ concurrency: 8 }, { concurrency: 2 });
        assert.deepEqual([concurrency.limits.concurrency, concurrency.sources.concurrency], [8, "argument"], "an argument wins over a setting");
    });

    it("names a limit where the caller's users set it: timeouts.read or timeout_ms for Terraform, timeoutMs for Pulumi", () => {
        assert.equal(limitText("timeoutMs", 1_000, "setting", TERRAFORM_VOCABULARY), "the 1000 ms set by provider attribute timeout_ms");
        assert.equal(limitText("timeoutMs", 1_000, "argument", TERRAFORM_VOCABULARY), "the 1000 ms set by timeouts.read");
        assert.equal(
            limitText("timeoutMs", 300_000, "default", TERRAFORM_VOCABULARY),
            "the 300000 ms default of timeouts.read and provider attribute timeout_ms",
        );
        assert.equal(limitText("maxListingBytes", 1_048_576, "argument", TERRAFORM_VOCABULARY), "the 1048576 bytes set by argument max_listing_bytes");
        assert.equal(limitText("timeoutMs", 1_000, "argument", FUNCTION_VOCABULARY), "the 1000 ms set by argument timeoutMs");
        assert.equal(limitText("timeoutMs", 1_000, "setting", FUNCTION_VOCABULARY), "the 1000 ms set by alicloud-message-contacts:timeoutMs");
    });
});
