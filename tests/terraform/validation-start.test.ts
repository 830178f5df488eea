/**
 * A plan's validation start (ValidateProviderConfig, ValidateDataResourceConfig) loads what validation needs and
 * nothing that lists: not the client's index, credentials chain, signing, transport or outputs, not undici or
 * `@msgpack/msgpack`, not the schema's builder, and zod only where a rule refuses a value. Its configurations are checked against the blocks decoded from the
 * stored GetProviderSchema answer (`answered-schema.ts`), which are the blocks `provider-schema.ts` builds.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { answeredBlocks } from "../../provider/terraform/answered-schema";
import type { BlockShape } from "../../provider/terraform/config-shape";
import { dataSourceSchema, providerSchema } from "../../provider/terraform/provider-schema";
import { DATA_SOURCE_TYPE } from "../../provider/terraform/terraform-names";
import { encodeMessage } from "../../provider/terraform/tfplugin6-codec";
import type { SchemaBlock } from "../../provider/terraform/tfplugin6-messages";
import { ctyEncode, DATA_SOURCE_ATTRIBUTES, objectValue, PROVIDER_ATTRIBUTES } from "../support/terraform-provider";

const DIST = join(__dirname, "..", "..", "dist", "provider");

/** What a start that only validates must not load (matched against require.cache's file names). */
const NOT_FOR_VALIDATION = [
    /\/node_modules\/@msgpack\//,
    /\/node_modules\/undici\//,
    /\/node_modules\/zod\//,
    /\/node_modules\/@alicloud\//,
    /\/alibaba-client\/index\.js$/,
    /\/alibaba-client\/errors\/index\.js$/,
    /\/alibaba-client\/credentials\/(credentials-for|credential-chain|library-providers|static-provider)\.js$/,
    /\/alibaba-client\/signing\/index\.js$/,
    /\/alibaba-client\/(outputs\/(result-file|output-values-of)|resolve-settings|list-message-contact-verifications|rpc-client)\.js$/,
    /\/alibaba-client\/transport\/(connection-pools|http-exchange)\.js$/,
    /\/terraform\/(provider-schema|output-attributes|data-source|error-diagnostics|cty-msgpack-encoding)\.js$/,
];

/** The blocks as a configuration is checked against them: names and flags, nested blocks. */
function shapeOf(block: SchemaBlock): BlockShape {
    return {
        attributes: block.attributes.map((attribute) => ({
            name: attribute.name,
            optional: attribute.optional === true,
            computed: attribute.computed === true,
        })),
        blockTypes: block.blockTypes.map((nested) => ({ typeName: nested.typeName, nesting: nested.nesting, block: shapeOf(nested.block) })),
    };
}

/** Runs `rpcs` through the built provider's methods in a fresh process: each answer's diagnostics, and the files loaded. */
function runStart(requests: [string, object][]): { diagnostics: Record<string, unknown[]>; loaded: string[] } {
    const encoded = requests.map(([rpc, request]) => [rpc, encodeMessage(`${rpc}.Request` as never, request).toString("base64")]);
    const script = `
        const { providerMethods } = require(${JSON.stringify(join(DIST, "terraform", "provider-grpc-service.js"))});
        const { CallCancellation } = require(${JSON.stringify(join(DIST, "plugin-process", "call-cancellation.js"))});
        const { decodeMessage } = require(${JSON.stringify(join(DIST, "terraform", "tfplugin6-codec.js"))});
        const methods = providerMethods(new CallCancellation());
        const call = (path) => ({ cancelled: false, getPath: () => path, once() {}, removeListener() {} });
        (async () => {
            const diagnostics = {};
            for (const [rpc, request] of ${JSON.stringify(encoded)}) {
                const path = "/tfplugin6.Provider/" + rpc;
                const answer = await methods[path](Buffer.from(request, "base64"), call(path));
                diagnostics[rpc] = decodeMessage(rpc + ".Response", answer).diagnostics ?? [];
            }
            process.stdout.write(JSON.stringify({ diagnostics, loaded: Object.keys(require.cache) }));
        })();`;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as { diagnostics: Record<string, unknown[]>; loaded: string[] };
}

describe("the Terraform provider's validation start", function () {
    this.timeout(60_000);

    it("the blocks decoded from the stored GetProviderSchema answer are the blocks provider-schema.ts builds", () => {
        assert.deepEqual(answeredBlocks().provider, shapeOf(providerSchema().block));
        assert.deepEqual(answeredBlocks().dataSource, shapeOf(dataSourceSchema().block));
        assert.ok(answeredBlocks().provider.blockTypes.some((nested) => nested.typeName === "assume_role"));
    });

    it("validates a provider block and the data source, and loads nothing that lists", () => {
        const provider = {
            msgpack: ctyEncode(
                objectValue(PROVIDER_ATTRIBUTES, { endpoint: "http://127.0.0.1:1", access_key: "LTAIexample123", secret_key: "secret-value-456" }),
            ),
        };
        const { diagnostics, loaded } = runStart([
            ["ValidateProviderConfig", { config: provider }],
            [
                "ValidateDataResourceConfig",
                { typeName: DATA_SOURCE_TYPE, config: { msgpack: ctyEncode(objectValue(DATA_SOURCE_ATTRIBUTES, { page_size: 50 })) } },
            ],
        ]);
        assert.deepEqual(diagnostics, { ValidateProviderConfig: [], ValidateDataResourceConfig: [] });
        assert.ok(
            loaded.some((file) => file.endsWith("/terraform/answered-schema.js")),
            "checked against the answered schema",
        );
        assert.deepEqual(
            loaded.filter((file) => NOT_FOR_VALIDATION.some((pattern) => pattern.test(file))),
            [],
        );
    });

    it("refuses bad values at their paths, loading zod for the messages of its rules but nothing that lists", () => {
        const provider = {
            msgpack: ctyEncode(
                objectValue(PROVIDER_ATTRIBUTES, {
                    endpoint: "ftp://x",
                    concurrency: 0,
                    assume_role: objectValue(["role_arn", "session_name", "session_expiration", "external_id", "policy"], {
                        role_arn: "nope",
                        session_expiration: 1,
                    }),
                }),
            ),
        };
        const { diagnostics, loaded } = runStart([
            ["ValidateProviderConfig", { config: provider }],
            [
                "ValidateDataResourceConfig",
                {
                    typeName: DATA_SOURCE_TYPE,
                    config: { msgpack: ctyEncode(objectValue(DATA_SOURCE_ATTRIBUTES, { page_size: 0, timeouts: { read: "soon" } })) },
                },
            ],
        ]);
        const paths = (rpc: string) =>
            (diagnostics[rpc] as { attribute?: { steps?: { attributeName?: string }[] } }[]).map((d) =>
                (d.attribute?.steps ?? []).map((s) => s.attributeName).join("."),
            );
        assert.deepEqual(paths("ValidateProviderConfig").sort(), ["assume_role.session_expiration", "concurrency", "endpoint"]);
        assert.deepEqual(paths("ValidateDataResourceConfig").sort(), ["page_size", "timeouts.read"]);
        assert.deepEqual(
            loaded.filter((file) => !file.includes("/node_modules/zod/") && NOT_FOR_VALIDATION.some((pattern) => pattern.test(file))),
            [],
        );
    });
});
