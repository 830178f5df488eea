/**
 * The check of a configuration against its schema (config-shape.ts), over the provider's own schemas: exactly the
 * declared attributes and nested blocks, every one present, no read-only attribute set; a missing (null) or
 * non-object configuration refused; an unknown one left to the RPC; names in messages escaped and bounded.
 */
import { strict as assert } from "node:assert";
import { UNKNOWN } from "../../provider/terraform/cty-msgpack";
import { configProblems } from "../../provider/terraform/config-shape";
import { dataSourceSchema, providerSchema } from "../../provider/terraform/provider-schema";
import type { Diagnostic, SchemaBlock } from "../../provider/terraform/tfplugin6-messages";

const DATA_SOURCE = dataSourceSchema().block;
const PROVIDER = providerSchema().block;

/** Every attribute and nested block of `block`, null. */
const nulls = (block: SchemaBlock) =>
    Object.fromEntries([...block.attributes.map((a) => a.name), ...block.blockTypes.map((b) => b.typeName)].map((name) => [name, null]));
const paths = (diagnostics: Diagnostic[]) =>
    diagnostics.map((d) => (d.attribute?.steps ?? []).map((step) => ("attributeName" in step ? step.attributeName : "?")).join("."));

describe("Terraform provider: configurations against their schema", () => {
    it("accepts the schema's object: every attribute, null or set, nested blocks null, objects or unknown", () => {
        assert.deepEqual(configProblems(DATA_SOURCE, nulls(DATA_SOURCE), "it"), []);
        assert.deepEqual(configProblems(DATA_SOURCE, { ...nulls(DATA_SOURCE), contact_id: "c-x", timeouts: { read: "5m" } }, "it"), []);
        assert.deepEqual(configProblems(DATA_SOURCE, { ...nulls(DATA_SOURCE), contact_id: UNKNOWN, timeouts: UNKNOWN }, "it"), []);
        const assumeRole = { role_arn: "acs:ram::1:role/r", session_name: null, session_expiration: 900, external_id: null, policy: null };
        assert.deepEqual(
            configProblems(
                PROVIDER,
                { ...nulls(PROVIDER), assume_role: assumeRole, endpoints: { resourcedirectory: null, resourcemanager: "x", sts: null } },
                "it",
            ),
            [],
        );
        assert.deepEqual(configProblems(PROVIDER, UNKNOWN, "it"), [], "an unknown configuration is the RPC's to answer");
    });

    it("refuses undeclared attributes (an integer key, __proto__, a misspelling), naming them; in nested blocks at the block's path", () => {
        const own = JSON.parse('{"__proto__": 1}') as Record<string, null>;
        const [problem, ...rest] = configProblems(DATA_SOURCE, { ...nulls(DATA_SOURCE), 7: "x", contactid: "c-x", ...own }, "The configuration");
        assert.deepEqual(rest, []);
        assert.equal(problem?.severity, "ERROR");
        assert.equal(problem?.summary, "Unsupported attribute");
        assert.match(
            problem?.detail ?? "",
            /^The configuration has 3 attributes its schema does not declare: "7", "contactid", "__proto__"\. It declares contact_id, /,
        );
        const nested = configProblems(
            PROVIDER,
            { ...nulls(PROVIDER), endpoints: { resourcedirectory: null, resourcemanager: null, sts: null, ecs: "x" } },
            "The provider block",
        );
        assert.deepEqual(paths(nested), ["endpoints"]);
        assert.match(
            nested[0]?.detail ?? "",
            /The endpoints block has an attribute its schema does not declare: "ecs"\. It declares resourcedirectory, resourcemanager, sts\./,
        );
    });

    it("lists at most 5 undeclared names, each escaped and bounded, in one diagnostic", () => {
        const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`x${i}`, null]));
        const [problem, ...rest] = configProblems(DATA_SOURCE, { ...nulls(DATA_SOURCE), [`\u202e${"y".repeat(1000)}`]: null, ...many }, "It");
        assert.equal(rest.length, 0);
        assert.ok((problem?.detail?.length ?? 0) < 800, `${problem?.detail?.length} characters`);
        assert.match(
            problem?.detail ?? "",
            /^It has 10001 attributes its schema does not declare: "\\u202ey{58}"\.\.\. \(942 more characters\), "x0", "x1", "x2", "x3" and 9996 more\./,
        );
    });

    it("refuses a missing attribute, a missing (null) configuration and anything but an object", () => {
        const { contact_id: _dropped, ...partial } = nulls(DATA_SOURCE);
        assert.deepEqual(
            configProblems(DATA_SOURCE, partial, "It").map((d) => [d.summary, d.detail]),
            [["Incomplete configuration", 'It lacks "contact_id": Terraform and OpenTofu send every attribute of the schema, null when unset.']],
        );
        assert.deepEqual(
            configProblems(DATA_SOURCE, null, "It").map((d) => d.summary),
            ["Missing configuration"],
        );
        for (const [value, kind] of [
            [[], "a list"],
            ["x", "a string"],
            [5, "a number"],
            [true, "a boolean"],
        ] as const) {
            const [problem] = configProblems(DATA_SOURCE, value as never, "It");
            assert.equal(problem?.detail, `It must be an object of its schema's attributes; got ${kind}.`);
        }
        assert.deepEqual(paths(configProblems(DATA_SOURCE, { ...nulls(DATA_SOURCE), timeouts: "5m" }, "It")), ["timeouts"]);
    });

    it("refuses a value for a read-only (computed, not optional) attribute, at its path, as terraform-plugin-framework does", () => {
        const problems = configProblems(DATA_SOURCE, { ...nulls(DATA_SOURCE), id: "x", verifications: UNKNOWN, page_size: 5 }, "It");
        assert.deepEqual(paths(problems), ["id", "verifications"]);
        assert.ok(problems.every((d) => d.summary === "Invalid Configuration for Read-Only Attribute"));
    });

    it("checks each object of a list or map nested block", () => {
        const inner: SchemaBlock = { attributes: [{ name: "a", type: Buffer.from('"string"'), description: "", optional: true }], blockTypes: [] };
        const block: SchemaBlock = {
            attributes: [],
            blockTypes: [
                { typeName: "rules", nesting: "LIST", block: inner },
                { typeName: "named", nesting: "MAP", block: inner },
            ],
        };
        assert.deepEqual(configProblems(block, { rules: [{ a: "x" }, { a: null }], named: { one: { a: "y" } } }, "It"), []);
        const problems = configProblems(block, { rules: [{ a: "x" }, { b: 1 }], named: "x" }, "It");
        assert.deepEqual(
            problems.map((d) => [paths([d])[0], d.summary]),
            [
                ["rules", "Unsupported attribute"],
                ["rules", "Incomplete configuration"],
                ["named", "Invalid configuration"],
            ],
        );
    });
});
