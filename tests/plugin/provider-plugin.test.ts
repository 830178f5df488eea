/**
 * The packed provider plugin, `pulumi-resource-alicloud-message-contacts`, driven over gRPC as the engine drives
 * it: installed from the `npm pack` tarball into a consumer project, started through the executable the package
 * ships, configured with the emulator's endpoint and keys (as secrets), and every RPC a program causes.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { consumerProject, ConsumerProject, REPO_ROOT } from "../support/consumer-project";
import { BOB, listingOutputsOf, SMALL_LISTING, SMALL_LISTING_CHANGED } from "../support/emulator-fixture";
import type { Props } from "../support/dynamic-provider-host";
import { rpcSecret, SECRET_SIG, SPECIAL_SIG_KEY } from "../support/dynamic-provider-host";
import { FUNCTION_TOKEN, ProviderPlugin, RESOURCE_TOKEN, startProviderPlugin } from "../support/provider-plugin";

const SEEDED = SMALL_LISTING;
const CHANGED = SMALL_LISTING_CHANGED;

describe("provider plugin over gRPC (packed, started as the engine starts it)", function () {
    let project: ConsumerProject;
    let emulator: Emulator;
    let plugin: ProviderPlugin;
    const config = () => ({ endpoint: emulator.url, accessKey: emulator.account.accessKeyId, secretKey: emulator.account.accessKeySecret });

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        emulator = await startEmulator({ verifications: SEEDED, contacts: [] });
        plugin = await startProviderPlugin({ projectDir: project.dir });
    });

    after(async function () {
        this.timeout(30_000);
        await plugin?.close();
        await emulator?.close();
    });

    it("GetPluginInfo gives package.json's version, and GetSchema a schema with the function, the resource and secret credentials", async () => {
        const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
        assert.equal(await plugin.pluginVersion(), version);
        const schema = JSON.parse(await plugin.schema());
        assert.equal(schema.name, "alicloud-message-contacts");
        assert.equal(schema.version, version);
        assert.deepEqual(Object.keys(schema.functions), [FUNCTION_TOKEN]);
        assert.deepEqual(Object.keys(schema.resources), [RESOURCE_TOKEN]);
        for (const key of ["accessKey", "secretKey", "securityToken"]) assert.equal(schema.config.variables[key].secret, true, key);
        assert.deepEqual(schema.functions[FUNCTION_TOKEN].outputs.required, ["id", "totalCount", "verifications"]);
        for (const [name, property] of Object.entries<{ description?: string }>(schema.resources[RESOURCE_TOKEN].properties)) {
            assert.ok(property.description, `${name} has no description`);
        }
    });

    it("CheckConfig refuses a bad value, naming the plugin's key and what is accepted, and an unknown key with the valid ones", async () => {
        const bad = await plugin.checkConfig({ ...config(), maxAttempts: "99", regoin: "cn-hangzhou" });
        const byProperty = Object.fromEntries(bad.failures.map((f) => [f.property, f.reason]));
        assert.deepEqual(Object.keys(byProperty).sort(), ["maxAttempts", "regoin"]);
        assert.match(byProperty.maxAttempts ?? "", /alicloud-message-contacts:maxAttempts.*an integer from 1 to 20/);
        assert.match(byProperty.regoin ?? "", /alicloud-message-contacts:regoin is not a setting.*region/);
        const endpoint = await plugin.checkConfig({ endpoint: "http://example.com" });
        assert.equal(endpoint.failures[0]?.property, "endpoint");
        assert.match(endpoint.failures[0]?.reason ?? "", /loopback|https/);
        const role = await plugin.checkConfig({ assumeRole: { sessionName: "x" } });
        assert.equal(role.failures[0]?.property, "assumeRole");
        assert.match(role.failures[0]?.reason ?? "", /alicloud-message-contacts:assumeRole must be an object \{roleArn/);
    });

    it("CheckConfig passes good settings back as they came, the secret keys as secrets", async () => {
        const news = { ...config(), secretKey: rpcSecret(emulator.account.accessKeySecret), maxAttempts: 3 };
        const result = await plugin.checkConfig(news);
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.inputs, { ...news, accessKey: rpcSecret(emulator.account.accessKeyId) });
        assert.equal(await plugin.diffConfig(news, news), "DIFF_NONE");
        assert.equal(await plugin.diffConfig(news, { ...news, maxAttempts: 4 }), "DIFF_SOME");
    });

    it("Invoke lists exactly the emulator's data with the configured endpoint and keys", async () => {
        await plugin.configureProvider(config(), ["secretKey", "accessKey"]);
        const result = await plugin.invoke(FUNCTION_TOKEN, { pageSize: 2 });
        assert.deepEqual(result.failures, []);
        assert.deepEqual(result.outputs, {
            id: `${new URL(emulator.url).host}/ListMessageContactVerifications/*`,
            totalCount: SEEDED.length,
            verifications: listingOutputsOf(SEEDED).verifications,
        });
        const filtered = await plugin.invoke(FUNCTION_TOKEN, { contactId: BOB });
        assert.deepEqual(filtered.outputs.verifications, listingOutputsOf(SEEDED.filter((v) => v.contactId === BOB)).verifications);
        assert.equal(filtered.outputs.contactId, BOB);
    });

    it("Invoke refuses bad and unknown arguments before any request, naming them", async () => {
        emulator.resetRequests();
        const result = await plugin.invoke(FUNCTION_TOKEN, { pageSize: 0, pagesize: 5 });
        assert.deepEqual(result.failures.map((f) => f.property).sort(), ["pageSize", "pagesize"]);
        assert.match(result.failures.find((f) => f.property === "pagesize")?.reason ?? "", /pageSize/);
        assert.equal(emulator.requests.length, 0);
    });

    it("an error from the service reaches the engine as the package's message: code, RequestId, no stack, no secret", async () => {
        emulator.inject({ fault: { kind: "error", status: 403, code: "NoPermission", message: "You are not authorized" }, times: Infinity });
        try {
            await assert.rejects(plugin.invoke(FUNCTION_TOKEN, {}), (error: Error) => {
                assert.match(error.message, /NoPermission/);
                assert.match(error.message, /RequestId/);
                assert.doesNotMatch(error.message, /\n\s+at /);
                assert.ok(!error.message.includes(emulator.account.accessKeySecret));
                return true;
            });
        } finally {
            emulator.clearFaults();
        }
    });

    it("an error answer of megabytes full of terminal escapes reaches the engine bounded and escaped, and the plugin serves the next call", async () => {
        const hostile = "\u001b]0;owned\u0007\u001b[2J\u202e\r\n";
        const body = JSON.stringify({
            RequestId: "R-" + hostile.repeat(2_000),
            Code: "Forbidden" + hostile.repeat(1_000),
            Message: (hostile + "denied ").repeat(150_000),
            Recommend: hostile.repeat(10_000),
        });
        assert.ok(Buffer.byteLength(body) > 4_000_000 && Buffer.byteLength(body) < 8 * 1024 * 1024, `the answer is ${Buffer.byteLength(body)} bytes`);
        emulator.inject({ fault: { kind: "body", status: 403, body } });
        await assert.rejects(plugin.invoke(FUNCTION_TOKEN, {}), (error: Error & { details?: string }) => {
            for (const text of [error.message, error.details ?? ""]) {
                assert.ok(text.length < 2_000, `${text.length} characters reached the engine`);
                assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u202e]/);
            }
            assert.match(error.details ?? "", /Forbidden\\u001b\]0;owned\\u0007.*RequestId R-\\u001b.*more characters/);
            return true;
        });
        const next = await plugin.invoke(FUNCTION_TOKEN, {});
        assert.deepEqual(next.failures, []);
        assert.equal(next.outputs.totalCount, SEEDED.length);
    });

    it("an environment variable its option's rule refuses is refused before any request, naming the variable, by the function and the resource", async () => {
        const badRegion = await startProviderPlugin({ projectDir: project.dir, env: { ALICLOUD_REGION: "bad region" } });
        try {
            emulator.resetRequests();
            await badRegion.configureProvider(config(), ["secretKey", "accessKey"]);
            await assert.rejects(badRegion.invoke(FUNCTION_TOKEN, {}), (error: Error & { code?: number; details?: string }) => {
                assert.equal(error.code, 3, "INVALID_ARGUMENT");
                assert.match(error.details ?? "", /env ALICLOUD_REGION must be a region ID such as cn-hangzhou or ap-southeast-1; got "bad region"/);
                return true;
            });
            const checked = await badRegion.check({}, { pageSize: 2 }, { name: "bad-region" });
            assert.deepEqual(
                checked.failures.map((f) => f.property),
                [""],
                "about the provider, not an input",
            );
            assert.match(checked.failures[0]?.reason ?? "", /env ALICLOUD_REGION must be a region ID/);
            assert.equal(emulator.requests.length, 0, "nothing was sent");
        } finally {
            await badRegion.close();
        }
    });

    describe("the resource", () => {
        let checked: Props;
        let id: string;
        let state: Props;
        const inputs = () => ({ pageSize: 2 });

        it("Check lists: the listing joins the checked inputs, which the engine plans as outputs at preview", async () => {
            const result = await plugin.check({}, inputs(), { name: "pending" });
            assert.deepEqual(result.failures, []);
            assert.deepEqual(result.inputs, { ...inputs(), ...listingOutputsOf(SEEDED) });
            checked = result.inputs;
        });

        it("Create records what Check listed, without listing again; the id names the query", async () => {
            emulator.resetRequests();
            const created = await plugin.create(checked, { name: "pending" });
            assert.equal(emulator.requests.length, 0);
            assert.equal(created.id, `${new URL(emulator.url).host}/ListMessageContactVerifications/*`);
            assert.deepEqual(created.properties, { ...inputs(), ...listingOutputsOf(SEEDED) });
            id = created.id;
            state = created.properties;
        });

        it("Diff finds no change while the data stays, and a change once it changed; Update records the new listing", async () => {
            const again = await plugin.check(state, inputs(), { name: "pending" });
            assert.equal((await plugin.diff(id, state, again.inputs, { name: "pending" })).changes, "DIFF_NONE");
            emulator.setVerifications(CHANGED);
            const changed = await plugin.check(state, inputs(), { name: "pending" });
            const diff = await plugin.diff(id, state, changed.inputs, { name: "pending" });
            assert.equal(diff.changes, "DIFF_SOME");
            assert.deepEqual(diff.replaces, []);
            const updated = await plugin.update(id, state, changed.inputs, { name: "pending" });
            assert.deepEqual(updated.properties, { ...inputs(), ...listingOutputsOf(CHANGED) });
            state = updated.properties;
        });

        it("Read (refresh) lists again; Delete changes nothing in the service", async () => {
            emulator.setVerifications(SEEDED);
            const read = await plugin.read(id, state, { name: "pending", inputs: inputs() });
            assert.equal(read.id, id);
            assert.deepEqual(read.properties, { ...inputs(), ...listingOutputsOf(SEEDED) });
            emulator.resetRequests();
            await plugin.delete(id, read.properties, { name: "pending" });
            assert.equal(emulator.requests.length, 0);
            assert.deepEqual(emulator.verifications(), SEEDED);
        });

        it("Read (refresh) of a state holding the listing, with secrets: outputs secret as before, the inputs (listing included) back as they came", async () => {
            emulator.setVerifications(SEEDED);
            const checkedSecret = await plugin.check({}, { contactId: rpcSecret(BOB), secretTargets: true }, { name: "secret-read" });
            assert.deepEqual(checkedSecret.failures, []);
            const created = await plugin.create(checkedSecret.inputs, { name: "secret-read" });
            for (const name of ["contactId", "verifications", "targets", "pendingByTarget"]) {
                assert.equal((created.properties[name] as Props)[SPECIAL_SIG_KEY], SECRET_SIG, name);
            }
            const read = await plugin.read(created.id, created.properties, { name: "secret-read", inputs: checkedSecret.inputs });
            assert.deepEqual(read, { id: created.id, properties: created.properties, inputs: checkedSecret.inputs });
        });

        it("Read with the id alone (pulumi import) gives back the inputs the id names, and the listing: every contact, or one", async () => {
            emulator.setVerifications(SEEDED);
            const every = await plugin.read(id, {}, { name: "imported" });
            assert.deepEqual(every, { id, properties: listingOutputsOf(SEEDED), inputs: {} });
            const oneId = id.replace(/\*$/, BOB);
            const one = await plugin.read(oneId, {}, { name: "imported" });
            const bobs = SEEDED.filter((v) => v.contactId === BOB);
            assert.ok(bobs.length > 0 && bobs.length < SEEDED.length);
            assert.deepEqual(one, { id: oneId, properties: { contactId: BOB, ...listingOutputsOf(bobs) }, inputs: { contactId: BOB } });
        });

        it("Read with an id that cannot be read back refuses the import, naming id and why, before any request", async () => {
            emulator.resetRequests();
            const host = new URL(emulator.url).host;
            for (const [bad, why] of [
                ["c-123", /id must be <endpoint host>\/ListMessageContactVerifications\/<contact ID or \*>/],
                [`${host}/ListMessageContactVerifications/sha256:0123456789abcdef`, /names a secret contact ID by its hash, which cannot be read back/],
                [`${host}/ListMessageContactVerifications/not-a-contact`, /id: contactId must be a message contact ID/],
                [
                    "127.0.0.2:1/ListMessageContactVerifications/*",
                    /a loopback host where this provider does not list, and not its scheme: set alicloud-message-contacts:endpoint to its URL/,
                ],
            ] as const) {
                await assert.rejects(plugin.read(bad, {}, { name: "imported" }), (error: Error) => {
                    assert.match(error.message, why);
                    return true;
                });
            }
            assert.equal(emulator.requests.length, 0);
        });

        it("secretTargets: the targets' outputs leave Check and Create as secrets", async () => {
            const result = await plugin.check({}, { secretTargets: true }, { name: "secret" });
            const created = await plugin.create(result.inputs, { name: "secret" });
            for (const props of [result.inputs, created.properties]) {
                for (const name of ["verifications", "targets", "pendingByTarget"]) {
                    assert.equal((props[name] as Props)[SPECIAL_SIG_KEY], SECRET_SIG, name);
                }
                assert.equal(props.totalCount, SEEDED.length);
            }
        });

        it("an input given as a secret stays a secret in the checked inputs and in the outputs", async () => {
            const result = await plugin.check({}, { contactId: rpcSecret(BOB) }, { name: "secret-contact" });
            assert.deepEqual(result.failures, []);
            assert.deepEqual(result.inputs.contactId, rpcSecret(BOB));
            assert.equal(result.inputs.totalCount, SEEDED.filter((v) => v.contactId === BOB).length);
            const created = await plugin.create(result.inputs, { name: "secret-contact" });
            assert.deepEqual(created.properties.contactId, rpcSecret(BOB));
        });

        it("Check refuses unknown and mistyped inputs, naming them (a mistyped secretTargets must not store targets in plain text)", async () => {
            emulator.resetRequests();
            const result = await plugin.check({}, { pagesize: 5, secretTargets: "yes" }, { name: "typo" });
            const byProperty = Object.fromEntries(result.failures.map((f) => [f.property, f.reason]));
            assert.deepEqual(Object.keys(byProperty).sort(), ["pagesize", "secretTargets"]);
            assert.match(byProperty.pagesize ?? "", /did you mean pageSize\?/);
            assert.match(byProperty.secretTargets ?? "", /secretTargets must be true or false/);
            assert.equal(emulator.requests.length, 0);
        });

        it("a contactId given as a secret leaves no plain copy: not in the id, the verifications or pendingByTarget", async () => {
            const result = await plugin.check({}, { contactId: rpcSecret(BOB) }, { name: "secret-contact-id" });
            assert.deepEqual(result.failures, []);
            const created = await plugin.create(result.inputs, { name: "secret-contact-id" });
            assert.ok(!created.id.includes(BOB), created.id);
            for (const props of [result.inputs, created.properties]) {
                for (const name of ["contactId", "verifications", "pendingByTarget"]) {
                    assert.equal((props[name] as Props)[SPECIAL_SIG_KEY], SECRET_SIG, name);
                }
            }
            const again = await plugin.create(result.inputs, { name: "secret-contact-id-2" });
            assert.equal(again.id, created.id, "the id is still stable for the same query");
        });

        it("Check refuses credentials as inputs (they would land in state) and names the provider's keys instead", async () => {
            const result = await plugin.check({}, { accessKeySecret: "x" }, { name: "creds" });
            assert.equal(result.failures[0]?.property, "accessKeySecret");
            assert.match(result.failures[0]?.reason ?? "", /alicloud-message-contacts:accessKey/);
        });

        it("no credential appears in any output", () => {
            const text = JSON.stringify([checked, state]);
            assert.ok(!text.includes(emulator.account.accessKeySecret));
            assert.ok(!text.includes(emulator.account.accessKeyId));
        });
    });
});
