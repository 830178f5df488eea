/**
 * The output table: each output's computation gives a value of its type, its descriptions name only what exists,
 * and every surface shows exactly the outputs at its place, each in its own names.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
    describe as describeOutput,
    listingFacts,
    resourceOutputMaps,
    resourceOutputValues,
    objectTypesIn,
    OPTION_NAMES,
    OUTPUT_DEFINITIONS,
    OUTPUT_NAMES,
    OutputPlace,
    outputsAt,
    outputValueProblem,
    outputValuesAt,
    resultValues,
} from "../../provider/alibaba-client";
import { packageSchema } from "../../provider/plugin/schema";
import { FUNCTION_TOKEN, RESOURCE_TOKEN } from "../../provider/pulumi-names";
import { dataSourceSchema } from "../../provider/terraform/provider-schema";
import { outputAttributes } from "../../provider/terraform/output-attributes";

const LISTING = [
    { contactId: "c-Bob00000000002", target: "b***@example.com" },
    { contactId: "c-Alice000000001", target: "a***@example.com" },
    { contactId: "c-Carol00000003", target: "a***@example.com" },
];
const PLACES: OutputPlace[] = ["result", "resourceOutput", "readState"];

describe("the output table", () => {
    it("each output's computation gives a value of its type, at every place; an optional one only when it has one", () => {
        for (const contactId of [undefined, "c-Alice000000001"]) {
            const facts = listingFacts({ endpointHost: "rd.example", verifications: LISTING, ...(contactId ? { contactId } : {}) });
            for (const place of PLACES) {
                const values = outputValuesAt(place, facts);
                for (const name of outputsAt(place)) {
                    const output = OUTPUT_DEFINITIONS[name];
                    if (values[name] === undefined) assert.ok(output.optional && contactId === undefined, `${place}.${name} is missing`);
                    else assert.equal(outputValueProblem(output.type, values[name], name), undefined, `${place}.${name}`);
                }
                assert.deepEqual(
                    Object.keys(values),
                    outputsAt(place).filter((name) => values[name] !== undefined),
                    "nothing else, in the table's order",
                );
            }
        }
    });

    it("computes the result from the listing: the query's id, the filter, the count, the verifications as plain objects", () => {
        const result = resultValues(listingFacts({ endpointHost: "rd.example", contactId: "c-Bob00000000002", verifications: LISTING.slice(0, 1) }));
        assert.deepEqual(result, {
            id: "rd.example/ListMessageContactVerifications/c-Bob00000000002",
            contactId: "c-Bob00000000002",
            totalCount: 1,
            verifications: [{ contactId: "c-Bob00000000002", target: "b***@example.com" }],
        });
        const secret = resultValues(listingFacts({ endpointHost: "rd.example", contactId: "c-Bob00000000002", verifications: [] }, true));
        assert.match(secret.id, /\/sha256:[0-9a-f]{16}$/);
    });

    it("its descriptions name only options, outputs and object fields that exist", () => {
        const fields = OUTPUT_NAMES.flatMap((name) => objectTypesIn(OUTPUT_DEFINITIONS[name].type)).flatMap((type) => Object.keys(type.fields));
        const known = new Set<string>([...OPTION_NAMES, ...OUTPUT_NAMES, ...fields]);
        const named: string[] = [];
        const naming = (name: string) => (named.push(name), `<<${name}>>`);
        for (const name of OUTPUT_NAMES) {
            const output = OUTPUT_DEFINITIONS[name];
            describeOutput(output.description, naming);
            for (const type of objectTypesIn(output.type)) {
                describeOutput(type.description, naming);
                for (const field of Object.values(type.fields)) describeOutput(field.description, naming);
            }
        }
        assert.ok(named.length > 0, "some description names something");
        assert.deepEqual(
            named.filter((name) => !known.has(name)),
            [],
        );
    });

    it("the Pulumi schema's function result and resource outputs are the table's, required unless optional", () => {
        const schema = packageSchema("1.2.3") as {
            functions: Record<string, { outputs: { properties: Record<string, unknown>; required: string[] } }>;
            resources: Record<string, { inputProperties: Record<string, unknown>; properties: Record<string, unknown>; required: string[] }>;
        };
        const fn = schema.functions[FUNCTION_TOKEN];
        assert.deepEqual(Object.keys(fn?.outputs.properties ?? {}), outputsAt("result"));
        assert.deepEqual(fn?.outputs.required, ["id", "totalCount", "verifications"]);
        const resource = schema.resources[RESOURCE_TOKEN];
        const outputs = Object.keys(resource?.properties ?? {}).filter((name) => !Object.keys(resource?.inputProperties ?? {}).includes(name));
        assert.deepEqual(
            [...outputs, "contactId"].sort(),
            [...outputsAt("resourceOutput")].sort(),
            "the resource's properties are its inputs and the table's outputs (contactId is both)",
        );
        assert.deepEqual(resource?.required, ["totalCount", "verifications", "targets", "pendingByTarget"]);
    });

    it("the Terraform data source's computed attributes are the table's readState outputs in snake_case, described in Terraform's words", () => {
        const computed = dataSourceSchema().block.attributes.filter((a) => a.computed);
        assert.deepEqual(
            computed.map((a) => a.name),
            ["id", "total_count", "verifications", "targets"],
        );
        const text = computed.map((a) => a.description).join(" ");
        assert.match(text, /<contact_id or \*>/);
        assert.match(text, /always the length of verifications/);
        assert.doesNotMatch(text, /contactId|totalCount/, "no Pulumi name in a Terraform description");
        const verifications = computed.find((a) => a.name === "verifications");
        assert.deepEqual(JSON.parse(Buffer.from(verifications?.type ?? []).toString("utf8")), ["list", ["object", { contact_id: "string", target: "string" }]]);
    });

    it("the data source's state: object fields renamed, a map's keys (data) and the values kept", () => {
        const attributes = outputAttributes(listingFacts({ endpointHost: "rd.example", verifications: LISTING }));
        assert.deepEqual(attributes, {
            id: "rd.example/ListMessageContactVerifications/*",
            total_count: 3,
            verifications: LISTING.map((v) => ({ contact_id: v.contactId, target: v.target })),
            targets: ["a***@example.com", "b***@example.com"],
        });
    });

    it("the resource's views of a listing hold what a list per target and a copy per verification hold, without them", () => {
        const contact = fc.constantFrom("c-Alice000000001", "c-Bob00000000002", "c-Carol00000003");
        const target = fc.constantFrom("a***@example.com", "b***@example.com", "138****0000", "é***@example.com", "\ud83d***@x");
        fc.assert(
            fc.property(fc.array(fc.record({ contactId: contact, target })), (verifications) => {
                const outputs = resourceOutputValues(listingFacts({ endpointHost: "h", verifications }));
                const byTarget: Record<string, string[]> = {};
                for (const { contactId, target: t } of verifications) {
                    const list = (byTarget[t] ??= []);
                    if (!list.includes(contactId)) list.push(contactId);
                }
                assert.deepStrictEqual(outputs.pendingByTarget, byTarget);
                assert.deepStrictEqual(outputs.targets, [...new Set(verifications.map((v) => v.target))].sort());
                assert.deepStrictEqual(
                    outputs.verifications,
                    verifications.map(({ contactId, target: t }) => ({ contactId, target: t })),
                );
                // The same outputs with pendingByTarget as a Map of the same entries (for the plugin's answers).
                const maps = resourceOutputMaps(listingFacts({ endpointHost: "h", verifications }));
                assert.ok(maps.pendingByTarget instanceof Map);
                assert.deepStrictEqual({ ...maps, pendingByTarget: Object.fromEntries(maps.pendingByTarget) }, outputs);
            }),
            { numRuns: 500, seed: 26 },
        );
        // A target pending for one contact shares that contact's list; a second contact gives it a list of its own.
        const { pendingByTarget } = resourceOutputValues(
            listingFacts({ endpointHost: "h", verifications: LISTING.concat({ contactId: "c-Bob00000000002", target: "x" }) }),
        );
        assert.equal(pendingByTarget["b***@example.com"], pendingByTarget.x);
        assert.deepEqual(pendingByTarget["a***@example.com"], ["c-Alice000000001", "c-Carol00000003"]);
        assert.deepEqual(pendingByTarget.x, ["c-Bob00000000002"]);
    });

    it("keeps a verification already of the output's shape as it is, and copies any other to that shape", () => {
        const plain = { contactId: "c-Alice000000001", target: "a***@example.com" };
        const others: object[] = [
            { ...plain, extra: 1 },
            { target: plain.target, contactId: plain.contactId },
            Object.assign(Object.create(null) as object, plain),
            Object.assign(Object.create({ inherited: 1 }) as object, plain),
        ];
        const listing = [plain, ...others] as typeof LISTING;
        const { verifications } = resourceOutputValues(listingFacts({ endpointHost: "h", verifications: listing }));
        assert.equal(verifications[0], plain, "kept");
        for (const [index, copy] of verifications.slice(1).entries()) {
            assert.notEqual(copy, others[index]);
            assert.deepStrictEqual(copy, { ...plain });
            assert.deepEqual(Object.keys(copy), ["contactId", "target"]);
        }
    });
});
