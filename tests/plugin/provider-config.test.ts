/**
 * The plugin's configuration as the engine drives it (CheckConfig, then Configure, then the calls), each case on
 * a fresh plugin process, since one process serves one provider's configuration: what is refused and named, what
 * is kept secret, what stays unknown, and where STS `AssumeRole` goes.
 */
import { strict as assert } from "node:assert";
import { Emulator, startEmulator } from "../../emulator";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { SMALL_LISTING } from "../support/emulator-fixture";
import { Props, rpcSecret, SECRET_SIG, SPECIAL_SIG_KEY } from "../support/dynamic-provider-host";
import { PluginRpcError } from "../support/grpc-plugin";
import { FUNCTION_TOKEN, ProviderPlugin, startProviderPlugin } from "../support/provider-plugin";
import { UNKNOWN_VALUE } from "../../provider/wire-format";

const ROLE = "acs:ram::123456789012:role/pulumi-reader";
/** A loopback port nothing listens on: a request sent to the wrong place fails fast, and never leaves the machine. */
const NOWHERE = "http://127.0.0.1:9";

describe("provider plugin configuration (CheckConfig, Configure, and the calls after them)", function () {
    let project: ConsumerProject;
    let emulator: Emulator;
    const plugins: ProviderPlugin[] = [];
    const fresh = async (env: Record<string, string> = {}) => {
        const plugin = await startProviderPlugin({ projectDir: project.dir, env });
        plugins.push(plugin);
        return plugin;
    };

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        emulator = await startEmulator({ verifications: SMALL_LISTING, contacts: [], roles: [ROLE] });
    });

    afterEach(() => emulator.resetRequests());

    after(async function () {
        this.timeout(30_000);
        await Promise.all(plugins.map((p) => p.close()));
        await emulator?.close();
    });

    it("CheckConfig refuses half a key pair and a malformed region, naming the plugin's keys", async () => {
        const plugin = await fresh();
        const half = await plugin.checkConfig({ accessKey: "LTAIonlyTheId0001" });
        assert.deepEqual(
            half.failures.map((f) => f.property),
            ["secretKey"],
        );
        assert.match(
            half.failures[0]?.reason ?? "",
            /alicloud-message-contacts:secretKey.*alicloud-message-contacts:accessKey|alicloud-message-contacts:accessKey.*alicloud-message-contacts:secretKey/,
        );
        const region = await plugin.checkConfig({ region: "not a region!" });
        assert.equal(region.failures[0]?.property, "region");
        assert.match(region.failures[0]?.reason ?? "", /alicloud-message-contacts:region must be a region ID such as cn-hangzhou/);
    });

    it("CheckConfig wraps the keys the schema marks secret, even when they were set without --secret", async () => {
        const plugin = await fresh();
        const result = await plugin.checkConfig({ accessKey: "LTAIplainKeyId001", secretKey: "plain-secret-value", region: "cn-hangzhou" });
        assert.deepEqual(result.failures, []);
        for (const key of ["accessKey", "secretKey"]) assert.equal((result.inputs[key] as Props)[SPECIAL_SIG_KEY], SECRET_SIG, key);
        assert.equal(result.inputs.region, "cn-hangzhou");
    });

    it("a failed Configure is the answer to every later call: nothing is signed with the environment's keys", async () => {
        const plugin = await fresh({ ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId, ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret });
        await assert.rejects(plugin.configureProvider({ endpoint: emulator.url, maxAttempts: 0 }), /alicloud-message-contacts:maxAttempts/);
        await assert.rejects(plugin.invoke(FUNCTION_TOKEN, { endpoint: emulator.url }), /alicloud-message-contacts:maxAttempts/);
        await assert.rejects(plugin.check({}, { endpoint: emulator.url }, { name: "r" }), /alicloud-message-contacts:maxAttempts/);
        assert.equal(emulator.requests.length, 0);
    });

    it("names the plugin's keys when no credentials are found, never the dynamic provider's stack config", async () => {
        const plugin = await fresh({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" });
        await plugin.configureProvider({ endpoint: emulator.url });
        await assert.rejects(plugin.invoke(FUNCTION_TOKEN, {}), (error: Error) => {
            assert.match(error.message, /alicloud-message-contacts:accessKey\/alicloud-message-contacts:secretKey/);
            assert.match(error.message, /alicloud-message-contacts:profile/);
            assert.match(error.message, /argument accessKeyId\/accessKeySecret/);
            assert.doesNotMatch(error.message, /alicloud:accessKey|alicloud:profile|stack config/);
            return true;
        });
        const checked = await plugin.check({}, {}, { name: "r" });
        const reason = checked.failures[0]?.reason ?? "";
        assert.match(reason, /Looked in: alicloud-message-contacts:accessKey\/alicloud-message-contacts:secretKey/);
        assert.doesNotMatch(reason, /alicloud:accessKey|argument/);
    });

    it("a missing profile is named by the plugin's key", async () => {
        const plugin = await fresh({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" });
        await plugin.configureProvider({ endpoint: emulator.url, profile: "nowhere" });
        await assert.rejects(plugin.invoke(FUNCTION_TOKEN, {}), (error: Error) => {
            assert.match(error.message, /"nowhere" named by alicloud-message-contacts:profile/);
            assert.doesNotMatch(error.message, /alicloud:profile/);
            return true;
        });
    });

    it("stsEndpoint is where the function and the resource assume the provider's role", async () => {
        const plugin = await fresh();
        await plugin.configureProvider(
            {
                endpoint: emulator.url,
                accessKey: emulator.account.accessKeyId,
                secretKey: emulator.account.accessKeySecret,
                assumeRole: { roleArn: ROLE },
                // Where AssumeRole goes without the argument: a loopback port nothing listens on.
                endpoints: { sts: NOWHERE },
            },
            ["secretKey"],
        );
        const invoked = await plugin.invoke(FUNCTION_TOKEN, { stsEndpoint: emulator.url });
        assert.deepEqual(invoked.failures, []);
        assert.equal(invoked.outputs.totalCount, SMALL_LISTING.length);
        const checked = await plugin.check({}, { stsEndpoint: emulator.url }, { name: "r" });
        assert.deepEqual(checked.failures, []);
        assert.equal(checked.inputs.totalCount, SMALL_LISTING.length);
        assert.ok(emulator.requests.filter((r) => r.action === "AssumeRole").length >= 1);
        const wrong = await plugin.check({}, { stsEndpoint: NOWHERE }, { name: "r" });
        assert.equal(wrong.failures.length, 1, "a role assumed at another stsEndpoint is not reused");
    });

    it("an unknown configuration value is never used as a value: the listing stays unknown", async () => {
        const plugin = await fresh({ ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId, ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret });
        const checked = await plugin.checkConfig({ endpoint: UNKNOWN_VALUE, region: "cn-hangzhou" });
        assert.deepEqual(checked.failures, []);
        await plugin.configureProvider({ endpoint: UNKNOWN_VALUE });
        const result = await plugin.check({}, { pageSize: 5 }, { name: "r" });
        assert.deepEqual(result.failures, []);
        assert.equal(result.inputs.totalCount, undefined);
        assert.equal(emulator.requests.length, 0);
    });

    it("argument errors are INVALID_ARGUMENT, not UNKNOWN", async () => {
        const plugin = await fresh();
        await assert.rejects(plugin.configureProvider({ concurrency: 99 }), (error: unknown) => {
            assert.ok(error instanceof PluginRpcError);
            assert.equal(error.codeName, "INVALID_ARGUMENT");
            return true;
        });
    });

    it("a secret given as a config value to an explicit provider keeps its envelope in CheckConfig", async () => {
        const plugin = await fresh();
        const result = await plugin.checkConfig({ secretKey: rpcSecret("s3cr3t"), accessKey: "LTAIplainKeyId001" });
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.inputs.secretKey, rpcSecret("s3cr3t"));
    });
});
