import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { CALL_ARGUMENT_NAMES } from "../../provider/alibaba-client";
import { packageSchema } from "../../provider/plugin/schema";
import { FUNCTION_TOKEN, PACKAGE_NAME, RESOURCE_TOKEN } from "../../provider/pulumi-names";
import { RESOURCE_INPUT_NAMES, TARGET_OUTPUT_NAMES } from "../../provider/resource-shape";
import { SCHEMA_FILE, schemaText } from "../../sdks/generate-sdks";
import { REPO_ROOT } from "../support/consumer-project";

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
        assert.deepEqual(Object.keys(schema.functions[FUNCTION_TOKEN]?.inputs.properties ?? {}).sort(), [...CALL_ARGUMENT_NAMES].sort());
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

describe("the schema's registry metadata", () => {
    const packageJson = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, "utf8")) as { name: string; license: string; repository: { url: string } };
    const metadata = packageSchema("1.2.3") as {
        displayName: string;
        description: string;
        keywords: string[];
        homepage: string;
        repository: string;
        publisher: string;
        license: string;
        pluginDownloadURL: string;
        meta: { supportPack?: boolean };
        language: {
            nodejs: { packageName: string };
            python: { packageName: string; pyproject: { enabled: boolean }; requires: Record<string, string> };
            go: { importBasePath: string; modulePath: string; generateResourceContainerTypes: boolean };
        };
    };
    // package.json's repository, git+https://github.com/<owner>/<name>.git: the one place that names it.
    const [, owner, name] = /github\.com\/([^/]+)\/([^/]+?)\.git$/.exec(packageJson.repository.url) ?? [];

    it("takes license and repository from package.json, and the homepage from the repository", () => {
        assert.ok(owner && name, packageJson.repository.url);
        assert.equal(metadata.license, packageJson.license);
        assert.equal(metadata.repository, `https://github.com/${owner}/${name}`);
        assert.equal(metadata.homepage, `https://github.com/${owner}/${name}#readme`);
        assert.equal(metadata.publisher, owner);
        assert.ok(metadata.displayName.length > 0 && metadata.description.length > 0);
        assert.ok(metadata.keywords.includes("category/cloud") && metadata.keywords.includes("pulumi"));
    });

    it("downloads the plugin from the repository's GitHub releases (github://api.github.com/<owner>)", () => {
        assert.equal(name, `pulumi-${PACKAGE_NAME}`, "the CLI's default repository name for the plugin, so the URL needs only the owner");
        assert.equal(metadata.pluginDownloadURL, `github://api.github.com/${owner}`);
    });

    it("names each language's package: the npm package for Node.js, a pyproject for Python, a Go module in sdks/go", () => {
        assert.equal(metadata.language.nodejs.packageName, packageJson.name);
        assert.equal(metadata.language.python.packageName, "pulumi_alicloud_message_contacts");
        assert.equal(metadata.language.python.pyproject.enabled, true);
        assert.match(metadata.language.python.requires.pulumi ?? "", /^>=3\.\d+\.\d+,<4\.0\.0$/);
        assert.equal(metadata.language.go.modulePath, `github.com/${owner}/${name}/sdks/go`);
        assert.equal(metadata.language.go.importBasePath, `github.com/${owner}/${name}/sdks/go/alicloudmessagecontacts`);
        assert.equal(metadata.meta.supportPack, true, "without it the Go generator writes no go.mod");
    });
});
