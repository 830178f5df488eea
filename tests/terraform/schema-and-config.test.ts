/**
 * The packed Terraform provider's schema and configuration over gRPC: the provider block in the vocabulary of
 * Alibaba Cloud's official provider with the option table's descriptions, the data source's arguments and
 * outputs, and validation that names each bad value by its attribute path with what is accepted, never a secret.
 */
import { strict as assert } from "node:assert";
import { consumerProject } from "../support/consumer-project";
import { startTerraformProvider, TerraformProviderClient, TestDiagnostic, UNKNOWN_VALUE } from "../support/terraform-provider";

interface Attribute {
    name: string;
    type: Buffer;
    description: string;
    required: boolean;
    optional: boolean;
    computed: boolean;
    sensitive: boolean;
}
interface Block {
    attributes: Attribute[];
    blockTypes: { typeName: string; nesting: string; block: Block }[];
}

const attributesOf = (block: Block) => Object.fromEntries(block.attributes.map((a) => [a.name, a]));
const typeOf = (attribute: Attribute | undefined) => JSON.parse(Buffer.from(attribute?.type ?? []).toString("utf8")) as unknown;
const paths = (diagnostics: TestDiagnostic[]) => diagnostics.map((d) => d.path.join("."));

describe("Terraform provider: schema and configuration", function () {
    this.timeout(60_000);
    let client: TerraformProviderClient;
    let provider: Block;
    let dataSource: Block;

    before(async function () {
        this.timeout(600_000);
        const project = await consumerProject();
        client = await startTerraformProvider(project.dir);
        const schema = await client.schema();
        provider = (schema.provider as { block: Block }).block;
        dataSource = (schema.dataSourceSchemas as Record<string, { block: Block }>).alicloudmessagecontacts_verifications?.block as Block;
    });
    after(async () => {
        await client?.close();
    });

    describe("GetProviderSchema", () => {
        it("has the official provider's attribute names, credentials sensitive", () => {
            const attributes = attributesOf(provider);
            assert.deepEqual(Object.keys(attributes).sort(), [
                "access_key",
                "concurrency",
                "consistency",
                "endpoint",
                "endpoint_type",
                "max_attempts",
                "profile",
                "region",
                "secret_key",
                "security_token",
                "timeout_ms",
            ]);
            for (const name of ["access_key", "secret_key", "security_token"]) assert.equal(attributes[name]?.sensitive, true, name);
            for (const name of ["region", "profile", "endpoint"]) assert.equal(attributes[name]?.sensitive, false, name);
            assert.ok(Object.values(attributes).every((a) => a.optional && !a.required && !a.computed));
            assert.equal(typeOf(attributes.max_attempts), "number");
            assert.equal(typeOf(attributes.region), "string");
        });

        it("has the assume_role and endpoints blocks, role_arn required", () => {
            const blocks = Object.fromEntries(provider.blockTypes.map((b) => [b.typeName, b]));
            assert.deepEqual(Object.keys(blocks).sort(), ["assume_role", "endpoints"]);
            const assumeRole = attributesOf(blocks.assume_role?.block as Block);
            assert.deepEqual(Object.keys(assumeRole).sort(), ["external_id", "policy", "role_arn", "session_expiration", "session_name"]);
            assert.equal(assumeRole.role_arn?.required, true);
            assert.equal(assumeRole.session_name?.optional, true);
            assert.equal(typeOf(assumeRole.session_expiration), "number");
            assert.match(assumeRole.session_expiration?.description ?? "", /From 900 to 43200\./);
            assert.deepEqual(Object.keys(attributesOf(blocks.endpoints?.block as Block)).sort(), ["resourcedirectory", "resourcemanager", "sts"]);
        });

        it("describes each attribute with the option table's documentation", () => {
            const attributes = attributesOf(provider);
            assert.equal(attributes.concurrency?.description, "Pages fetched at once after the first. From 1 to 32. Default: 4.");
            assert.equal(
                attributes.access_key?.description,
                "AccessKey ID; with the AccessKey secret, wins over every other source of credentials. Default: the credential chain, which reads env ALICLOUD_ACCESS_KEY.",
            );
        });

        it("gives the data source its per-read arguments, a timeouts block and the listing's outputs", () => {
            const attributes = attributesOf(dataSource);
            const optional = Object.values(attributes)
                .filter((a) => a.optional)
                .map((a) => a.name)
                .sort();
            assert.deepEqual(optional, [
                "concurrency",
                "consistency",
                "contact_id",
                "max_attempts",
                "max_listing_bytes",
                "max_listings",
                "max_response_bytes",
                "output_file",
                "page_size",
                "request_timeout_ms",
            ]);
            assert.equal(typeOf(attributes.output_file), "string");
            const computed = Object.values(attributes)
                .filter((a) => a.computed)
                .map((a) => a.name)
                .sort();
            assert.deepEqual(computed, ["id", "targets", "total_count", "verifications"]);
            assert.deepEqual(typeOf(attributes.verifications), ["list", ["object", { contact_id: "string", target: "string" }]]);
            assert.deepEqual(typeOf(attributes.targets), ["list", "string"]);
            assert.equal(typeOf(attributes.total_count), "number");
            const timeouts = dataSource.blockTypes.find((b) => b.typeName === "timeouts");
            assert.equal(timeouts?.nesting, "SINGLE");
            assert.deepEqual(Object.keys(attributesOf(timeouts?.block as Block)), ["read"]);
            assert.match(attributesOf(timeouts?.block as Block).read?.description ?? "", /From 1s to 1h\. Default: 5m\./);
        });

        it("GetMetadata names the data source; GetResourceIdentitySchemas answers empty", async () => {
            const metadata = await client.call("GetMetadata");
            assert.deepEqual(metadata.dataSources, [{ typeName: "alicloudmessagecontacts_verifications" }]);
            assert.equal((metadata.serverCapabilities as { getProviderSchemaOptional?: boolean }).getProviderSchemaOptional, true);
            const identities = await client.call("GetResourceIdentitySchemas");
            assert.deepEqual(identities.diagnostics, []);
        });
    });

    describe("ValidateProviderConfig", () => {
        it("accepts a valid block, and unknown values", async () => {
            assert.deepEqual(
                await client.validateProviderConfig({
                    region: "cn-hangzhou",
                    access_key: "LTAI-id",
                    secret_key: "a-secret",
                    max_attempts: 5,
                    consistency: "snapshot",
                    assume_role: { role_arn: "acs:ram::1:role/r", session_name: null, session_expiration: 900, external_id: null, policy: null },
                    endpoints: { resourcedirectory: null, resourcemanager: "resourcedirectory.aliyuncs.com", sts: null },
                }),
                [],
            );
            assert.deepEqual(await client.validateProviderConfig({ region: UNKNOWN_VALUE, access_key: UNKNOWN_VALUE, secret_key: "s" }), []);
        });

        it("names each bad value by its attribute path, with what is accepted", async () => {
            const diagnostics = await client.validateProviderConfig({
                max_attempts: 50,
                consistency: "eventual",
                endpoint: "ftp://example.com",
                assume_role: { role_arn: "acs:ram::1:role/r", session_name: null, session_expiration: 5, external_id: null, policy: null },
            });
            assert.deepEqual(paths(diagnostics).sort(), ["assume_role.session_expiration", "consistency", "endpoint", "max_attempts"]);
            const byPath = Object.fromEntries(diagnostics.map((d) => [d.path.join("."), d]));
            assert.match(byPath.max_attempts?.detail ?? "", /provider attribute max_attempts must be an integer from 1 to 20; got 50/);
            assert.match(byPath.consistency?.detail ?? "", /"checked" or "snapshot"/);
            assert.match(byPath["assume_role.session_expiration"]?.detail ?? "", /must be an integer from 900 to 43200; got 5/);
            assert.match(byPath.endpoint?.detail ?? "", /provider attribute endpoint/);
            assert.ok(diagnostics.every((d) => d.severity === "ERROR"));
        });

        it("names the missing half of a key pair and never shows the secret", async () => {
            const secret = "SUPER-SECRET-VALUE-0123456789";
            const diagnostics = await client.validateProviderConfig({ secret_key: secret, security_token: secret });
            assert.deepEqual(paths(diagnostics), ["access_key"]);
            assert.match(diagnostics[0]?.detail ?? "", /provider attribute access_key is missing: set provider attribute access_key\/secret_key together/);
            assert.ok(!JSON.stringify(diagnostics).includes(secret));
        });

        it("ConfigureProvider refuses the same values with the same paths", async () => {
            assert.deepEqual(paths(await client.configure({ concurrency: 0 })), ["concurrency"]);
            assert.deepEqual(await client.configure({ concurrency: 2 }), []);
        });
    });

    describe("ValidateDataResourceConfig", () => {
        it("accepts a valid configuration", async () => {
            assert.deepEqual(await client.validateDataSource({ contact_id: "c-Alice000000001", page_size: 10, timeouts: { read: "1m30s" } }), []);
        });

        it("names each bad argument by its path, with what is accepted", async () => {
            const diagnostics = await client.validateDataSource({ contact_id: "bob", page_size: 0, consistency: "eventual", timeouts: { read: "2 minutes" } });
            assert.deepEqual(paths(diagnostics).sort(), ["consistency", "contact_id", "page_size", "timeouts.read"]);
            const byPath = Object.fromEntries(diagnostics.map((d) => [d.path.join("."), d.detail]));
            assert.match(byPath.page_size ?? "", /page_size must be an integer from 1 to 100; got 0/);
            assert.match(byPath.contact_id ?? "", /contact_id must be a message contact ID: "c-"/);
            assert.match(byPath["timeouts.read"] ?? "", /timeouts.read must be a duration from 1s to 1h, such as "30s" or "5m"; got "2 minutes"/);
        });

        it("refuses a timeouts.read out of range, and a data source type it does not have", async () => {
            assert.deepEqual(paths(await client.validateDataSource({ timeouts: { read: "2h" } })), ["timeouts.read"]);
            const unknownType = await client.validateDataSource({}, "alicloudmessagecontacts_other");
            assert.match(unknownType[0]?.detail ?? "", /no data source "alicloudmessagecontacts_other"; it has alicloudmessagecontacts_verifications/);
        });
    });
});
