/**
 * The packed Terraform provider over gRPC, given what no CLI sends but a hostile or broken client may. A
 * configuration that is not the schema's object (an undeclared attribute, an integer or `__proto__` key, a missing
 * attribute, a read-only attribute set, none at all) is refused with an error diagnostic, as terraform-plugin-go
 * and terraform-plugin-framework refuse it, and nothing is read or copied into a state; a wholly unknown one
 * answers a wholly unknown state, deferred when the CLI allows it. Text it echoes comes back escaped and bounded
 * (a 1 MB data source type, C1 controls, bidi overrides and line separators in a type or a `contact_id`).
 */
import { strict as assert } from "node:assert";
import * as msgpack from "@msgpack/msgpack";
import { Emulator, startEmulator } from "../../emulator";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { SMALL_LISTING } from "../support/emulator-fixture";
import {
    ctyDecode,
    ctyEncode,
    DATA_SOURCE_ATTRIBUTES,
    objectValue,
    PROVIDER_ATTRIBUTES,
    startTerraformProvider,
    TerraformProviderClient,
    TestDiagnostic,
    UNKNOWN_VALUE,
} from "../support/terraform-provider";

/** msgpack of an object whose entries are `entries` (keys of any msgpack type, values as cty values). */
function rawMap(entries: readonly [unknown, unknown][]): Buffer {
    const header = entries.length < 16 ? Buffer.from([0x80 | entries.length]) : Buffer.from([0xde, entries.length >> 8, entries.length & 0xff]);
    return Buffer.concat([header, ...entries.flatMap(([key, value]) => [Buffer.from(msgpack.encode(key)), Buffer.from(ctyEncode(value))])]);
}

/** The data source's configuration with every attribute null, and `extra` entries after them. */
const dataSourceWith = (...extra: [unknown, unknown][]) => rawMap([...DATA_SOURCE_ATTRIBUTES.map((name): [unknown, unknown] => [name, null]), ...extra]);

/** Characters that must never reach a terminal as they are (line feeds aside, which details use between paragraphs). */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
/** A bidi override, C1 controls (NEL, CSI), the line and paragraph separators, an escape sequence. */
const HOSTILE = "\u202eevil\u202c\u0085\u009b31m\u2028\u2029\u001b]0;owned\u0007";
/** How HOSTILE must come back. */
const HOSTILE_SHOWN = "\\u202eevil\\u202c\\u0085\\u009b31m\\u2028\\u2029\\u001b]0;owned\\u0007";

const texts = (diagnostics: TestDiagnostic[]) => diagnostics.flatMap((d) => [d.summary, d.detail.replace(/\n/g, " ")]);

describe("Terraform provider: hostile configurations and names", function () {
    this.timeout(60_000);
    let project: ConsumerProject;
    let emulator: Emulator;
    let client: TerraformProviderClient;
    const keys = () => ({ endpoint: emulator.url, access_key: emulator.account.accessKeyId, secret_key: emulator.account.accessKeySecret });
    const requests = () => emulator.requests.length;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        emulator = await startEmulator({ verifications: SMALL_LISTING });
        client = await startTerraformProvider(project.dir);
        assert.deepEqual(await client.configure(keys()), []);
    });
    after(async () => {
        await client?.close();
        await emulator?.close();
    });
    afterEach(() => emulator.resetRequests());

    /** A data source RPC with the configuration as given (`config` undefined: no config field at all). */
    const dataSourceCall = async (
        rpc: "ValidateDataResourceConfig" | "ReadDataSource",
        config: { msgpack?: Uint8Array; json?: Uint8Array } | undefined,
        deferralAllowed = false,
    ) => {
        const answer = await client.call(rpc, {
            typeName: "alicloudmessagecontacts_verifications",
            ...(config ? { config } : {}),
            ...(rpc === "ReadDataSource" ? { clientCapabilities: { deferralAllowed } } : {}),
        });
        const state = (answer.state as { msgpack?: Buffer } | null)?.msgpack;
        return {
            diagnostics: (answer.diagnostics as { severity: string; summary: string; detail: string }[]) ?? [],
            state: state && state.length > 0 ? Buffer.from(state) : undefined,
            deferred: (answer.deferred as { reason?: string } | null)?.reason,
        };
    };

    /** Both data source RPCs refuse `config` with one error whose summary and detail match; nothing is read. */
    const refusedByBoth = async (config: { msgpack?: Uint8Array; json?: Uint8Array } | undefined, summary: RegExp, detail: RegExp) => {
        for (const rpc of ["ValidateDataResourceConfig", "ReadDataSource"] as const) {
            const answer = await dataSourceCall(rpc, config);
            assert.equal(answer.diagnostics.length, 1, `${rpc}: ${JSON.stringify(answer.diagnostics)}`);
            assert.equal(answer.diagnostics[0]?.severity, "ERROR");
            assert.match(answer.diagnostics[0]?.summary ?? "", summary, `${rpc}: ${JSON.stringify(answer.diagnostics)}`);
            assert.match(answer.diagnostics[0]?.detail ?? "", detail, `${rpc}: ${JSON.stringify(answer.diagnostics)}`);
            assert.equal(answer.state, undefined, `${rpc} answers no state`);
        }
        assert.equal(requests(), 0, "nothing was sent to the service");
    };

    describe("configurations that should fail", () => {
        it("a data source configuration with an integer key: refused as no cty value (an object's keys are strings), nothing read or copied into a state", async () => {
            await refusedByBoth(
                { msgpack: dataSourceWith([7, "x"]) },
                /^Invalid configuration$/,
                /could not be decoded: not a cty value in msgpack: a map key is not a string \(head byte 0x7\)/,
            );
            // In JSON the key is a string: an attribute the schema does not declare, named.
            const json = JSON.stringify(objectValue(DATA_SOURCE_ATTRIBUTES, {})).replace(/}$/, ',"7":"x"}');
            await refusedByBoth(
                { json: Buffer.from(json) },
                /^Unsupported attribute$/,
                /has an attribute its schema does not declare: "7"\. It declares contact_id, page_size/,
            );
        });

        it("a __proto__ key: refused, from msgpack (which cannot decode it) and from JSON (named)", async () => {
            await refusedByBoth(
                { msgpack: dataSourceWith(["__proto__", { polluted: true }]) },
                /^Invalid configuration$/,
                /could not be decoded: not a cty value in msgpack: The key __proto__ is not allowed/,
            );
            const json = JSON.stringify(objectValue(DATA_SOURCE_ATTRIBUTES, {})).replace(/}$/, ',"__proto__":{"polluted":true}}');
            await refusedByBoth({ json: Buffer.from(json) }, /^Unsupported attribute$/, /does not declare: "__proto__"/);
        });

        it("an undeclared attribute in a nested block, a missing attribute, a read-only attribute set: refused at their paths", async () => {
            const nested = await dataSourceCall("ReadDataSource", {
                msgpack: ctyEncode(objectValue(DATA_SOURCE_ATTRIBUTES, { timeouts: { read: "1m", create: "1m" } })),
            });
            assert.deepEqual(
                nested.diagnostics.map((d) => d.summary),
                ["Unsupported attribute"],
            );
            assert.match(nested.diagnostics[0]?.detail ?? "", /The timeouts block has an attribute its schema does not declare: "create"\. It declares read\./);
            const { contact_id: _dropped, ...withoutContactId } = objectValue(DATA_SOURCE_ATTRIBUTES, {});
            await refusedByBoth(
                { msgpack: ctyEncode(withoutContactId) },
                /^Incomplete configuration$/,
                /lacks "contact_id": Terraform and OpenTofu send every attribute/,
            );
            const readOnly = await client.validateDataSource({ total_count: 5, targets: ["a"] });
            assert.deepEqual(
                readOnly.map((d) => [d.summary, d.path.join(".")]),
                [
                    ["Invalid Configuration for Read-Only Attribute", "total_count"],
                    ["Invalid Configuration for Read-Only Attribute", "targets"],
                ],
            );
            assert.equal(requests(), 0);
        });

        it("no configuration at all, or a null one: refused, not read with defaults", async () => {
            await refusedByBoth(undefined, /^Missing configuration$/, /came empty \(null\): Terraform and OpenTofu send an object with every attribute/);
            await refusedByBoth({ msgpack: Buffer.from([0xc0]) }, /^Missing configuration$/, /came empty/);
            await refusedByBoth({ msgpack: ctyEncode(["a list"]) }, /^Invalid configuration$/, /must be an object of its schema's attributes; got a list\./);
        });

        it("a wholly unknown data source configuration: a wholly unknown state (not a partial one), deferred when allowed", async () => {
            const unknown = { msgpack: ctyEncode(UNKNOWN_VALUE) };
            assert.deepEqual((await dataSourceCall("ValidateDataResourceConfig", unknown)).diagnostics, []);
            const plain = await dataSourceCall("ReadDataSource", unknown);
            assert.deepEqual(plain.diagnostics, []);
            assert.equal(plain.state?.toString("hex"), "d40000", "the whole state unknown");
            assert.equal(plain.deferred, undefined);
            const deferred = await dataSourceCall("ReadDataSource", unknown, true);
            assert.equal(ctyDecode(deferred.state ?? Buffer.alloc(0)), UNKNOWN_VALUE);
            assert.equal(deferred.deferred, "RESOURCE_CONFIG_UNKNOWN");
            assert.equal(requests(), 0);
        });

        it("provider blocks: an integer key or a missing, null or unknown block is never configured with defaults", async () => {
            const other = await startTerraformProvider(project.dir);
            try {
                const withInteger = rawMap([...Object.entries(objectValue(PROVIDER_ATTRIBUTES, keys())), [1, "x"]]);
                for (const rpc of ["ValidateProviderConfig", "ConfigureProvider"]) {
                    const answer = await other.call(rpc, { config: { msgpack: withInteger } });
                    assert.match(
                        JSON.stringify(answer.diagnostics),
                        /The provider block could not be decoded: not a cty value in msgpack: a map key is not a string/,
                        rpc,
                    );
                }
                const afterInteger = await other.read({});
                assert.match(afterInteger.diagnostics[0]?.summary ?? "", /Provider not configured/);
                const absent = await other.call("ConfigureProvider", {});
                assert.match(JSON.stringify(absent.diagnostics), /Missing configuration/);
                assert.match((await other.read({})).diagnostics[0]?.summary ?? "", /Provider not configured/);
                // Wholly unknown (the provider block depends on something not created yet): every attribute waits.
                assert.deepEqual((await other.call("ConfigureProvider", { config: { msgpack: ctyEncode(UNKNOWN_VALUE) } })).diagnostics, []);
                const waiting = await other.read({});
                assert.match(waiting.diagnostics[0]?.detail ?? "", /cannot be read before the provider attributes endpoint, endpoint_type, region,/);
                assert.equal((await other.read({}, { deferralAllowed: true })).deferred, "PROVIDER_CONFIG_UNKNOWN");
                assert.equal(requests(), 0, "nothing was sent to the service");
            } finally {
                await other.close();
            }
        });
    });

    /** ReadDataSource of `typeName` with a valid configuration. */
    const readType = async (typeName: string) => {
        const answer = await client.call("ReadDataSource", {
            typeName,
            config: { msgpack: ctyEncode(objectValue(DATA_SOURCE_ATTRIBUTES, {})) },
            clientCapabilities: { deferralAllowed: false },
        });
        return (answer.diagnostics as { summary: string; detail: string }[]).map((d) => ({ ...d, path: [], severity: "ERROR" }));
    };

    describe("echoes", () => {
        it("a 1 MB data source type comes back cut to a bounded length, with how much was left out", async () => {
            const huge = `x${"y".repeat(1_048_575)}`;
            for (const diagnostics of [await client.validateDataSource({}, huge), await readType(huge)]) {
                assert.equal(diagnostics.length, 1);
                const detail = diagnostics[0]?.detail ?? "";
                assert.ok(detail.length < 400, `${detail.length} characters`);
                assert.match(detail, /no data source "xy{99}"\.\.\. \(1048476 more characters\); it has alicloudmessagecontacts_verifications\./);
            }
        });

        it("C1 controls, bidi overrides and U+2028 in the type come back escaped", async () => {
            for (const diagnostics of [await client.validateDataSource({}, `t${HOSTILE}`), await readType(`t${HOSTILE}`)]) {
                for (const text of texts(diagnostics)) assert.doesNotMatch(text, UNSAFE, text);
                assert.ok(diagnostics[0]?.detail.includes(`"t${HOSTILE_SHOWN}"`), diagnostics[0]?.detail);
            }
        });

        it("C1 controls, bidi overrides and U+2028 in contact_id and timeouts.read come back escaped, at their paths", async () => {
            const given = { contact_id: `c-${HOSTILE}`, timeouts: { read: `5m${HOSTILE}` } };
            for (const diagnostics of [await client.validateDataSource(given), (await client.read(given)).diagnostics]) {
                assert.deepEqual(diagnostics.map((d) => d.path.join(".")).sort(), ["contact_id", "timeouts.read"]);
                for (const text of texts(diagnostics)) assert.doesNotMatch(text, UNSAFE, text);
                assert.ok(
                    diagnostics.some((d) => d.detail.includes(`got "c-${HOSTILE_SHOWN}"`)),
                    JSON.stringify(diagnostics),
                );
                assert.ok(
                    diagnostics.some((d) => d.detail.includes(`got "5m\\u202eevil\\u202c\\u0085\\u009b31m\\u2028"... (11 more characters).`)),
                    JSON.stringify(diagnostics),
                );
            }
        });
    });
});
