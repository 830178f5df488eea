import { strict as assert } from "node:assert";
import { LIST_DEFAULTS } from "../../provider/alibaba-client/operation/list-options";
import { resolveCallEndpoint, resolveListingLimits } from "../../provider/alibaba-client/resolve-settings";

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
});
