/**
 * What the committed SDKs in sdks/ declare about themselves: the Pythons the Python SDK accepts, and the version
 * the Go SDK registers its package with. (That they are what the generator makes of the schema is checked by the
 * engine tests, tests/engine/sdks.test.ts, which need the generator.)
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REQUIRED_PYTHON_VERSION } from "../../engine/build-engine";
import { PYTHON_REQUIRES } from "../../provider/plugin/schema";
import { GO_VERSION_FILE, SCHEMA_FILE, SDKS_DIR, withGoSdkVersion } from "../../sdks/generate-sdks";

const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as {
    name: string;
    version: string;
    pluginDownloadURL: string;
    homepage: string;
    repository: string;
    license: string;
    language: { python: { pythonRequires?: string }; go: { modulePath: string; importBasePath: string } };
};

describe("the generated SDKs' own metadata", () => {
    it("the Python SDK requires the Python that its Pulumi SDK requires, not the generator's default >=3.9", () => {
        const pyproject = readFileSync(join(SDKS_DIR, "python", "pyproject.toml"), "utf8");
        // REQUIRED_PYTHON_VERSION: the oldest Python the pinned Pulumi SDK supports (what npm run engine checks).
        assert.equal(PYTHON_REQUIRES, `>=${REQUIRED_PYTHON_VERSION}`);
        assert.equal(schema.language.python.pythonRequires, PYTHON_REQUIRES);
        assert.equal(/^\s*requires-python = "([^"]*)"$/m.exec(pyproject)?.[1], PYTHON_REQUIRES);
        assert.match(pyproject, /"pulumi>=3\.\d+\.\d+,<4\.0\.0"/, "the Pulumi SDK floor whose Requires-Python this is");
    });

    it("the Go SDK registers its package with the schema's version, the one its resources and functions ask for", () => {
        const goDir = join(SDKS_DIR, "go");
        const versionFile = readFileSync(join(goDir, GO_VERSION_FILE), "utf8");
        assert.match(versionFile, new RegExp(`^var SdkVersion semver\\.Version = semver\\.MustParse\\("${schema.version.replace(/\./g, "\\.")}"\\)$`, "m"));
        const utilities = readFileSync(join(goDir, "alicloudmessagecontacts", "internal", "pulumiUtilities.go"), "utf8");
        const asked = [...utilities.matchAll(/version := semver\.MustParse\("([^"]+)"\)/g)].map((match) => match[1]);
        assert.ok(asked.length > 0, "the resources' and functions' default options name a version");
        for (const version of asked) assert.equal(version, schema.version);
    });

    it("each SDK's pulumi-plugin.json names the plugin, its version and where the CLI downloads it", () => {
        for (const file of [
            join("python", "pulumi_alicloud_message_contacts", "pulumi-plugin.json"),
            join("go", "alicloudmessagecontacts", "pulumi-plugin.json"),
            join("dotnet", "pulumi-plugin.json"),
        ]) {
            assert.deepEqual(JSON.parse(readFileSync(join(SDKS_DIR, file), "utf8")), {
                resource: true,
                name: schema.name,
                version: schema.version,
                server: schema.pluginDownloadURL,
            });
        }
    });

    it("the Python SDK's pyproject carries the homepage and repository; the Go SDK is a module whose path prefixes its imports", () => {
        const pyproject = readFileSync(join(SDKS_DIR, "python", "pyproject.toml"), "utf8");
        assert.equal(/^\s*Homepage = "([^"]*)"$/m.exec(pyproject)?.[1], schema.homepage);
        assert.equal(/^\s*Repository = "([^"]*)"$/m.exec(pyproject)?.[1], schema.repository);
        const goMod = readFileSync(join(SDKS_DIR, "go", "go.mod"), "utf8");
        assert.equal(/^module (\S+)$/m.exec(goMod)?.[1], schema.language.go.modulePath);
        assert.match(goMod, /^require github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.\d+\.\d+$/m);
        assert.ok(schema.language.go.importBasePath.startsWith(`${schema.language.go.modulePath}/`));
        const provider = readFileSync(join(SDKS_DIR, "go", "alicloudmessagecontacts", "provider.go"), "utf8");
        assert.ok(provider.includes(`"${schema.language.go.importBasePath}/internal"`), "the SDK imports its own packages by the module's path");
    });

    it("the .NET SDK's project carries the version, license and repository, and packs pulumi-plugin.json", () => {
        const csproj = readFileSync(join(SDKS_DIR, "dotnet", "PulumiAlicloudMessageContacts.AlicloudMessageContacts.csproj"), "utf8");
        const element = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(csproj)?.[1];
        assert.equal(element("Version"), schema.version);
        assert.equal(element("RepositoryUrl"), schema.repository);
        assert.equal(element("PackageProjectUrl"), schema.homepage);
        assert.equal(element("PackageLicenseExpression"), schema.license);
        assert.match(csproj, /<None Include="pulumi-plugin\.json" Pack="True" PackagePath="content" \/>/);
    });

    it("sets SdkVersion in what the Go generator writes, and says so when the generator changed", () => {
        const generated = 'package internal\n\nvar SdkVersion semver.Version = semver.Version{}\nvar pluginDownloadURL string = ""\n';
        assert.equal(
            withGoSdkVersion(generated, "1.2.3"),
            'package internal\n\nvar SdkVersion semver.Version = semver.MustParse("1.2.3")\nvar pluginDownloadURL string = ""\n',
        );
        assert.throws(
            () => withGoSdkVersion("package internal\n", "1.2.3"),
            /pulumiVersion\.go has no `var SdkVersion semver\.Version = semver\.Version\{\}` any more/,
        );
    });
});
