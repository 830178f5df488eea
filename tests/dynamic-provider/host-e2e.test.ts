/**
 * End to end through Pulumi's real dynamic-provider host, driven over gRPC as the engine drives it: the
 * package is packed and installed into a fresh consumer project, the provider is serialized there as
 * `pulumi.dynamic.Resource` serializes it, and the host rebuilds it from that text and calls the installed
 * implementation, which lists from a local emulator. Credentials reach the host only through Configure.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Emulator, startEmulator, Verification } from "../../emulator";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { ALICE, BOB, listingOutputsOf, SMALL_LISTING, SMALL_LISTING_CHANGED } from "../support/emulator-fixture";
import { DynamicProviderHost, PROVIDER_KEY, Props, startDynamicProviderHost } from "../support/dynamic-provider-host";
import { SerializedProvider, serializeProvider } from "../support/serialize-provider";

const TYPE = "pulumi-nodejs:dynamic/alicloud:MessageContactVerifications";
const MISSING = "c-doesnotexist1";
const SEEDED = SMALL_LISTING;
const CHANGED = SMALL_LISTING_CHANGED;
const REFRESHED: Verification[] = [{ contactId: ALICE, target: "only***@example.com" }, ...CHANGED.slice(1, 3)];

/** State without `__provider`, after checking that `__provider` is the serialized provider. */
function withoutProvider(props: Props, serialized: SerializedProvider): Props {
    const { [PROVIDER_KEY]: provider, ...rest } = props;
    assert.equal(provider, serialized.text, "the host must echo __provider into the state");
    return rest;
}

describe("dynamic provider through the real dynamic-provider host (gRPC, installed package)", function () {
    let project: ConsumerProject;
    let emulator: Emulator;
    let serialized: SerializedProvider;
    let host: DynamicProviderHost;
    let configureResult: Awaited<ReturnType<DynamicProviderHost["configure"]>>;
    let inputs: Props; // what the program passes, as the engine sends it to Check
    let checked: Props; // Check's inputs, which the engine records and sends to Create/Diff/Update
    let id: string;
    let state: Props;

    const secret = () => emulator.account.accessKeySecret;
    const keyId = () => emulator.account.accessKeyId;
    const stackConfig = () => ({
        "alicloud:accessKey": keyId(),
        "alicloud:secretKey": secret(),
        "alicloud:region": "cn-hangzhou",
        "consumer-project:unrelated": "value",
    });

    before(async function () {
        // Packing and installing from the npm cache takes seconds; a cold cache falls back to the network.
        this.timeout(600_000);
        project = await consumerProject();
        emulator = await startEmulator({ verifications: SEEDED, contacts: [] });
        serialized = await serializeProvider(project.dir, {
            // The same module object the package's `MessageContactVerifications` passes to dynamic.Resource
            // (through its relative require): required by its file, since the package's `exports` do not list it.
            module: join(project.dir, "node_modules", project.packageName, "dist", "provider", "dynamic", "resource-provider.js"),
            exportName: "messageContactVerificationsProvider",
        });
        host = await startDynamicProviderHost({ projectDir: project.dir, resourceType: TYPE });
        // As the engine: Configure first, with the whole stack config; the secret key is sent as a secret.
        configureResult = await host.configure(stackConfig(), { secretKeys: ["alicloud:secretKey"] });
        inputs = { endpoint: emulator.url, pageSize: 2, [PROVIDER_KEY]: serialized.text };
    });

    after(async function () {
        this.timeout(30_000);
        await host?.close();
        await emulator?.close();
    });

    it("installs the packed package next to the repository's @pulumi/pulumi", () => {
        assert.ok(existsSync(project.tarball));
        const installed = JSON.parse(readFileSync(`${project.dir}/node_modules/@pulumi/pulumi/package.json`, "utf8"));
        assert.equal(installed.version, project.pulumiVersion);
    });

    it("serializes a small provider that holds no credential and requires the installed package", () => {
        assert.ok(serialized.bytes < 8 * 1024, `the serialized provider is ${serialized.bytes} bytes`);
        assert.equal(serialized.containsSecrets, false);
        assert.ok(!serialized.text.includes(secret()), "the serialized provider contains the AccessKey secret");
        assert.ok(!serialized.text.includes(keyId()), "the serialized provider contains the AccessKey ID");
        assert.match(serialized.text, /exports\.handler = /);
        assert.ok(serialized.text.includes(`require("${project.packageName}/dist/`), "the implementation must be required, not inlined");
    });

    it("every module the serialized provider requires resolves from the consumer project", () => {
        const specifiers = [...serialized.text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? "");
        assert.ok(specifiers.length > 0);
        // The host rebuilds the provider with require-from-string, resolving from its working directory.
        const consumerRequire = createRequire(join(project.dir, "package.json"));
        for (const specifier of specifiers) {
            assert.doesNotThrow(() => consumerRequire.resolve(specifier), `require("${specifier}") does not resolve in a consumer project`);
        }
    });

    it("runs the host without Alibaba Cloud variables in its environment", function () {
        const environ = `/proc/${host.pid}/environ`;
        if (!existsSync(environ)) this.skip();
        const names = readFileSync(environ, "utf8")
            .split("\0")
            .map((entry) => entry.split("=")[0] ?? "");
        // The one switch allowed turns the ECS metadata lookup of the default chain off; it carries nothing.
        const switches = new Set(["ALIBABA_CLOUD_ECS_METADATA_DISABLED"]);
        assert.deepEqual(
            names.filter((name) => /^(ALIBABA_CLOUD_|ALICLOUD_)/i.test(name) && !switches.has(name)),
            [],
        );
    });

    it("Configure is accepted (the host asks for secrets unwrapped)", () => {
        assert.equal(configureResult.acceptSecrets, false);
    });

    it("Check lists: the listing joins the checked inputs (what a preview shows and policies check)", async () => {
        emulator.resetRequests();
        const result = await host.check({}, inputs, { name: "pending" });
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.inputs, { ...inputs, ...listingOutputsOf(SEEDED) });
        checked = result.inputs;
        // Five items two per page: three pages, listed twice (the resource confirms its listings by default),
        // each request validly signed with the configured key.
        const calls = emulator.requests;
        assert.equal(calls.length, 6);
        assert.deepEqual(calls.map((r) => r.query.PageNumber ?? "1").sort(), ["1", "1", "2", "2", "3", "3"]);
    });

    it("Check with an unknown input (preview) does not list, and leaves the listing unknown", async () => {
        emulator.resetRequests();
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const result = await host.check({}, { ...inputs, contactId: unknown }, { name: "later" });
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.inputs, { ...inputs, contactId: unknown });
        assert.equal(emulator.requests.length, 0);
    });

    it("Check with secretTargets returns the listing as secrets", async () => {
        const result = await host.check({}, { ...inputs, secretTargets: true }, { name: "secret" });
        const secretSig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
        assert.deepEqual(result.inputs.verifications, { ...secretSig, value: listingOutputsOf(SEEDED).verifications });
        assert.deepEqual(result.inputs.targets, { ...secretSig, value: listingOutputsOf(SEEDED).targets });
        assert.deepEqual(result.inputs.pendingByTarget, { ...secretSig, value: listingOutputsOf(SEEDED).pendingByTarget });
        assert.equal(result.inputs.totalCount, SEEDED.length);
    });

    it("Check names each bad property", async () => {
        const result = await host.check({}, { ...inputs, pageSize: 0, contactId: "bad" }, { name: "bad" });
        assert.deepEqual(result.failures.map((f) => f.property).sort(), ["contactId", "pageSize"]);
        for (const failure of result.failures) assert.match(failure.reason, new RegExp(failure.property));
    });

    it("Check rejects a credential passed as an input, without echoing it", async () => {
        const result = await host.check({}, { ...inputs, accessKeySecret: secret() }, { name: "leaky" });
        assert.deepEqual(
            result.failures.map((f) => f.property),
            ["accessKeySecret"],
        );
        assert.ok(!JSON.stringify(result).includes(secret()));
    });

    it("Create records what Check listed, without a request", async () => {
        emulator.resetRequests();
        const created = await host.create(checked, { name: "pending" });
        id = created.id;
        state = created.properties;
        assert.equal(typeof id, "string");
        assert.ok(id.endsWith("/ListMessageContactVerifications/*"), `unexpected id ${id}`);
        assert.deepEqual(withoutProvider(state, serialized), { endpoint: emulator.url, pageSize: 2, ...listingOutputsOf(SEEDED) });
        assert.ok(!JSON.stringify(state).includes(secret()), "the state contains the AccessKey secret");
        assert.ok(!JSON.stringify(state).includes(keyId()), "the state contains the AccessKey ID");
        assert.equal(emulator.requests.length, 0);
    });

    it("Diff with the same inputs and unchanged data reports no change", async () => {
        const diff = await host.diff(id, state, checked, { oldInputs: checked, name: "pending" });
        assert.equal(diff.changes, "DIFF_NONE");
        assert.deepEqual(diff.replaces, []);
    });

    it("Diff brings a state recorded by an older version (no pendingByTarget) up to date once", async () => {
        const { pendingByTarget, ...older } = state;
        assert.ok(pendingByTarget, "the state has pendingByTarget");
        const diff = await host.diff(id, older, checked, { oldInputs: checked, name: "pending" });
        assert.equal(diff.changes, "DIFF_SOME");
    });

    it("Diff reports a change, never a replacement, when the data changed (as Check listed it)", async () => {
        emulator.setVerifications(CHANGED);
        checked = (await host.check(checked, inputs, { name: "pending" })).inputs;
        emulator.resetRequests();
        const diff = await host.diff(id, state, checked, { oldInputs: checked, name: "pending" });
        assert.equal(emulator.requests.length, 0, "Diff does not list");
        assert.equal(diff.changes, "DIFF_SOME");
        assert.deepEqual(diff.replaces, []);
        assert.equal(diff.deleteBeforeReplace, false);
    });

    it("Diff reports a change when the inputs changed", async () => {
        const news = { ...checked, pageSize: 3 };
        const diff = await host.diff(id, state, news, { oldInputs: checked, name: "pending" });
        assert.equal(diff.changes, "DIFF_SOME");
        assert.deepEqual(diff.replaces, []);
    });

    it("Update records the listing Check made, without a request", async () => {
        emulator.resetRequests();
        const updated = await host.update(id, state, checked, { oldInputs: checked, name: "pending" });
        state = updated.properties;
        assert.equal(emulator.requests.length, 0);
        assert.deepEqual(withoutProvider(state, serialized), { endpoint: emulator.url, pageSize: 2, ...listingOutputsOf(CHANGED) });
    });

    it("Read refreshes the state from the service", async () => {
        emulator.setVerifications(REFRESHED);
        const read = await host.read(id, state, { inputs: checked, name: "pending" });
        assert.equal(read.id, id);
        assert.deepEqual(withoutProvider(read.properties, serialized), {
            endpoint: emulator.url,
            pageSize: 2,
            ...listingOutputsOf(emulator.verifications()),
        });
        state = read.properties;
    });

    it("Delete sends no request: the record goes, nothing in Alibaba Cloud changes", async () => {
        emulator.resetRequests();
        const before = emulator.verifications();
        await host.delete(id, state, { oldInputs: checked, name: "pending" });
        assert.deepEqual(emulator.requests, []);
        assert.deepEqual(emulator.verifications(), before);
    });

    it("Create with contactId lists only that contact's verifications", async () => {
        emulator.setVerifications(SEEDED);
        const news = { ...inputs, contactId: BOB };
        const result = await host.check({}, news, { name: "bob" });
        assert.deepEqual(result.failures, []);
        const created = await host.create(result.inputs, { name: "bob" });
        assert.ok(created.id.endsWith(`/ListMessageContactVerifications/${BOB}`), `unexpected id ${created.id}`);
        assert.deepEqual(withoutProvider(created.properties, serialized), {
            endpoint: emulator.url,
            pageSize: 2,
            contactId: BOB,
            ...listingOutputsOf(SEEDED.filter((v) => v.contactId === BOB)),
        });
    });

    it("an API error is a Check failure on the property it is about, naming the service's code", async () => {
        const news = { ...inputs, contactId: MISSING };
        const result = await host.check({}, news, { name: "missing" });
        assert.deepEqual(
            result.failures.map((f) => f.property),
            ["contactId"],
        );
        assert.match(
            result.failures[0]?.reason ?? "",
            /ListMessageContactVerifications failed with HTTP 404 EntityNotExists\.Contact: .*\(RequestId [0-9A-F-]{36}\)/,
        );
        assert.ok(!JSON.stringify(result).includes(secret()));
        assert.ok(emulator.requests.some((r) => r.query.ContactId === MISSING && r.errorCode === "EntityNotExists.Contact"));
    });

    it("every request the emulator received was signed with the configured AccessKey and accepted", () => {
        const calls = emulator.requests;
        assert.ok(calls.length > 0);
        for (const call of calls) {
            assert.equal(call.action, "ListMessageContactVerifications");
            assert.match(call.headers.authorization ?? "", new RegExp(`^ACS3-HMAC-SHA256 Credential=${keyId()},`));
            assert.ok(!JSON.stringify(call).includes(secret()), "the AccessKey secret was sent over the wire");
            if (call.query.ContactId !== MISSING) assert.equal(call.status, 200, `${call.path} ${JSON.stringify(call.query)}: ${call.errorCode}`);
        }
    });

    it("the host's output never shows the AccessKey secret", () => {
        assert.ok(!host.stderr.includes(secret()), "the host's stderr shows the AccessKey secret");
        assert.ok(!host.stdout.includes(secret()), "the host's stdout shows the AccessKey secret");
    });

    describe("without credentials in Configure", () => {
        let bare: DynamicProviderHost;

        before(async function () {
            this.timeout(60_000);
            // Valid credentials in this process's environment must not reach the host: it would then succeed.
            const names = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"] as const;
            const saved = names.map((name) => process.env[name]);
            process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = keyId();
            process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = secret();
            let starting: Promise<DynamicProviderHost>;
            try {
                starting = startDynamicProviderHost({
                    projectDir: project.dir,
                    resourceType: TYPE,
                    // Not a credential: keeps Alibaba Cloud's default chain off the ECS metadata service
                    // (100.100.100.200), which is not on loopback and would only make this test slow.
                    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
                }); // spawns synchronously
            } finally {
                names.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])));
            }
            bare = await starting;
            await bare.configure({ "alicloud:region": "cn-hangzhou" });
        });

        after(async () => {
            await bare?.close();
        });

        it("Check fails before any request: the host's environment holds no credentials either", async () => {
            emulator.resetRequests();
            const result = await bare.check({}, inputs, { name: "bare" });
            assert.deepEqual(
                result.failures.map((f) => f.property),
                [""],
            );
            assert.match(result.failures[0]?.reason ?? "", /No Alibaba Cloud credentials found\. Looked in: stack config alicloud:accessKey/);
            assert.doesNotMatch(result.failures[0]?.reason ?? "", /arguments/, "the resource takes no credential arguments");
            assert.deepEqual(emulator.requests, []);
        });
    });
});
