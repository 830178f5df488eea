import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { ARGUMENT_NAMES } from "../../provider/alibaba-client";
import { packageSchema } from "../../provider/plugin/schema";
import { FUNCTION_TOKEN, RESOURCE_TOKEN } from "../../provider/pulumi-names";
import { RESOURCE_INPUT_NAMES, TARGET_OUTPUT_NAMES } from "../../provider/resource-shape";
import { SCHEMA_FILE, schemaText } from "../../sdks/generate-sdks";

interface Property {
    description?: string;
    secret?: boolean;
}
type Properties = Record<string, Property>;

const schema = packageSchema("1.2.3") as {
    version: string;
    config: { variables: Properties };
    provider: { inputProperties: Properties };
    functions: Record<string, { description: string; inputs: { properties: Properties }; outputs: { properties: Properties; required: string[] } }>;
    resources: Record<string, { description: string; inputProperties: Properties; properties: Properties; required: string[] }>;
    types: Record<string, { properties: Properties }>;
};

describe("the plugin's schema", () => {
    it("sdks/schema.json is the schema the plugin serves (run npm run sdks after changing it)", () => {
        assert.equal(readFileSync(SCHEMA_FILE, "utf8"), schemaText());
    });

    it("the function takes the TypeScript get function's arguments, the resource the dynamic resource's inputs", () => {
        assert.equal(schema.version, "1.2.3");
        assert.deepEqual(Object.keys(schema.functions[FUNCTION_TOKEN]?.inputs.properties ?? {}).sort(), [...ARGUMENT_NAMES].sort());
        const resource = schema.resources[RESOURCE_TOKEN];
        assert.deepEqual(Object.keys(resource?.inputProperties ?? {}).sort(), [...RESOURCE_INPUT_NAMES, "secretTargets"].sort());
        for (const name of ["totalCount", ...TARGET_OUTPUT_NAMES]) assert.ok(resource?.required.includes(name), name);
    });

    it("documents every property, and marks every credential secret", () => {
        const groups: [string, Properties][] = [
            ["config", schema.config.variables],
            ["provider", schema.provider.inputProperties],
            ...Object.entries(schema.functions).flatMap(([token, f]): [string, Properties][] => [
                [`${token} inputs`, f.inputs.properties],
                [`${token} outputs`, f.outputs.properties],
            ]),
            ...Object.entries(schema.resources).map(([token, r]): [string, Properties] => [token, r.properties]),
            ...Object.entries(schema.types).map(([token, t]): [string, Properties] => [token, t.properties]),
        ];
        for (const [where, properties] of groups) {
            for (const [name, property] of Object.entries(properties)) assert.ok(property.description, `${where}.${name} has no description`);
        }
        for (const name of ["accessKey", "secretKey", "securityToken"]) assert.equal(schema.config.variables[name]?.secret, true, name);
        for (const name of ["accessKeyId", "accessKeySecret", "securityToken"])
            assert.equal(schema.functions[FUNCTION_TOKEN]?.inputs.properties[name]?.secret, true, name);
    });
});
