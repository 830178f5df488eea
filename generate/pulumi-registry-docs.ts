/**
 * The Pulumi provider's documentation in the Pulumi registry's layout (`docs/_index.md`, the package's overview
 * with an example per language, and `docs/installation-configuration.md`, installing the plugin and each SDK and
 * every configuration key), written from the plugin's schema, whose descriptions come from the option table, and
 * from the examples the tests run (examples/basic, examples/python, examples/yaml, tests/engine/go-program).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { acceptedText, OPTION_DEFINITIONS } from "../provider/alibaba-client";
import { goModulePath, PackageManifest } from "../provider/package-manifest";
import { pluginConfigKey, PLUGIN_KEYS } from "../provider/plugin/plugin-config";
import { CONFIG_VARIABLES, DISPLAY_NAME, GO_PACKAGE, PACKAGE_DESCRIPTION, PYTHON_PACKAGE } from "../provider/plugin/schema";
import { FUNCTION_TOKEN, PACKAGE_NAME, RESOURCE_TOKEN } from "../provider/pulumi-names";
import { PLUGIN_FUNCTION } from "./callers";
import { credentialsParagraph } from "./credential-docs";
import { readBehaviourSection } from "./read-behaviour";

/** The overview page. */
export const REGISTRY_INDEX_FILE = "docs/_index.md";
/** The installation and configuration page. */
export const REGISTRY_INSTALLATION_FILE = "docs/installation-configuration.md";

/** The line each page carries after its front matter. */
const GENERATED_NOTE = "<!-- Generated from the option table and the examples by `npm run generate`: edit those, not this file. -->";

/** A page: the registry's front matter (title, meta_desc, layout), the generated note, the body. */
function page(title: string, metaDescription: string, body: string): string {
    return `---\ntitle: ${JSON.stringify(title)}\nmeta_desc: ${JSON.stringify(metaDescription)}\nlayout: package\n---\n\n${GENERATED_NOTE}\n\n${body.trim()}\n`;
}

function fence(language: string, code: string): string {
    return ["```" + language, code.trimEnd(), "```"].join("\n");
}

/** The text of `file` between the lines `// docs:program` and `// docs:end` (exclusive). */
export function markedSection(source: string, file: string): string {
    const start = source.indexOf("// docs:program\n");
    const end = source.indexOf("// docs:end");
    if (start < 0 || end < start) throw new Error(`${file} has no // docs:program ... // docs:end section`);
    return source.slice(start + "// docs:program\n".length, end).trimEnd();
}

/** The Go example: the engine test's program, run by `pulumi.Run`. */
function goExample(root: string, manifest: PackageManifest): string {
    const file = "tests/engine/go-program/main.go";
    const program = markedSection(readFileSync(join(root, file), "utf8"), file);
    return [
        "package main",
        "",
        "import (",
        `\tcontacts "${goModulePath(manifest)}/${GO_PACKAGE}"`,
        '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
        ")",
        "",
        "func main() { pulumi.Run(program) }",
        "",
        program,
    ].join("\n");
}

/** The YAML example: examples/yaml's program, without its `plugins:` section (which points at a local npm install). */
function yamlExample(root: string): string {
    const text = readFileSync(join(root, "examples/yaml/Pulumi.yaml"), "utf8");
    const start = text.indexOf("\nvariables:");
    if (start < 0) throw new Error("examples/yaml/Pulumi.yaml has no variables: section");
    return `name: message-contact-verifications\nruntime: yaml\n${text.slice(start + 1)}`;
}

/** `docs/_index.md`. */
export function registryIndexDoc(root: string, manifest: PackageManifest): string {
    const example = (file: string) => readFileSync(join(root, file), "utf8");
    return page(
        DISPLAY_NAME,
        PACKAGE_DESCRIPTION,
        [
            `The ${DISPLAY_NAME} provider reads the phone numbers and email addresses of Alibaba Cloud Resource Directory message contacts that are waiting to be verified (\`ListMessageContactVerifications\`): every page, as one consistent, complete list or an error.`,
            "",
            `- the function \`${FUNCTION_TOKEN}\` lists them, at preview and at update;`,
            `- the resource \`${RESOURCE_TOKEN}\` records the same listing in the stack's state, for stack outputs, policy packs and \`pulumi refresh\`; it changes nothing in Alibaba Cloud.`,
            "",
            `Node.js programs use the npm package [\`${manifest.name}\`](https://www.npmjs.com/package/${manifest.name}) directly (get functions and a dynamic resource: no plugin needed); Python, Go and YAML programs use the provider plugin through their SDK. See [Installation & Configuration](./installation-configuration) and the [repository](${manifest.repository}).`,
            "",
            "## Example",
            "",
            "### TypeScript",
            "",
            fence("typescript", example("examples/basic/index.ts")),
            "",
            "### Python",
            "",
            fence("python", example("examples/python/__main__.py")),
            "",
            "### Go",
            "",
            fence("go", goExample(root, manifest)),
            "",
            "### YAML",
            "",
            fence("yaml", yamlExample(root)),
            "",
            readBehaviourSection(
                PLUGIN_FUNCTION.vocabulary,
                "Alibaba Cloud's official provider (`@pulumi/alicloud`, built from the Terraform provider `aliyun/alicloud`)",
            ),
        ].join("\n"),
    );
}

/** A configuration key's line: the key, secret or not, its environment variables, its description, what it accepts. */
function configLine(key: string): string {
    const option = PLUGIN_KEYS.get(key);
    const definition = option ? OPTION_DEFINITIONS[option] : undefined;
    const env: readonly string[] = definition?.env ?? [];
    const notes = [
        ...(CONFIG_VARIABLES[key]?.secret ? ["secret"] : []),
        ...(env.length > 0 ? [`environment: ${env.map((name) => `\`${name}\``).join(", ")}`] : []),
    ];
    // An integer's range is in its description already.
    const accepts = definition && definition.rule.kind !== "integer" ? ` Accepts ${acceptedText(definition.rule)}.` : "";
    return `- \`${pluginConfigKey(key)}\`${notes.length > 0 ? ` (${notes.join("; ")})` : ""}: ${CONFIG_VARIABLES[key]?.description ?? ""}${accepts}`;
}

/** `docs/installation-configuration.md`. */
export function registryInstallationDoc(manifest: PackageManifest, version: string, pluginDownloadUrl: string): string {
    const keys = [...PLUGIN_KEYS.keys()];
    return page(
        `${DISPLAY_NAME} Installation & Configuration`,
        `Install the ${PACKAGE_NAME} provider plugin and its SDKs, and configure credentials, region and endpoints.`,
        [
            "## Installation",
            "",
            `The provider plugin is \`pulumi-resource-${PACKAGE_NAME}\`, a single executable per platform attached to the [repository's releases](${manifest.repository}/releases). The Python and Go SDKs name its download URL (\`${pluginDownloadUrl}\`), so the Pulumi CLI installs it on first use; to install it beforehand, or from a downloaded archive:`,
            "",
            fence(
                "sh",
                [
                    `pulumi plugin install resource ${PACKAGE_NAME} v${version} --server ${pluginDownloadUrl}`,
                    `pulumi plugin install resource ${PACKAGE_NAME} v${version} -f pulumi-resource-${PACKAGE_NAME}-v${version}-<os>-<arch>.tar.gz`,
                ].join("\n"),
            ),
            "",
            "The SDKs:",
            "",
            `- **Node.js** (TypeScript or JavaScript): the npm package [\`${manifest.name}\`](https://www.npmjs.com/package/${manifest.name}), which runs in the program itself (no plugin):`,
            "",
            fence("sh", `npm install ${manifest.name}`),
            "",
            `- **Python**: the package \`${PYTHON_PACKAGE}\`, a wheel attached to the releases (\`npm run release\` builds it into \`release/\`):`,
            "",
            fence("sh", `pip install ${PYTHON_PACKAGE}-${version}-py3-none-any.whl`),
            "",
            `- **Go**: the module \`${goModulePath(manifest)}\` (the folder \`sdks/go\` of the repository), package \`${GO_PACKAGE}\`:`,
            "",
            fence("sh", `go get ${goModulePath(manifest)}@<commit or tag>`),
            "",
            "- **.NET**: the project in `sdks/dotnet` of the repository (`dotnet pack` makes its NuGet package).",
            "- **Java**: not generated (see the repository's README).",
            "- **YAML**: no SDK; the program names the function and the resource by their tokens.",
            "",
            "## Configuration",
            "",
            `Every key is optional and set in stack config as \`${PACKAGE_NAME}:<key>\` (or as an explicit provider's arguments). A key that is not set falls back to the environment variables named.`,
            "",
            `${credentialsParagraph(PLUGIN_FUNCTION.vocabulary)} The resource takes no credential arguments: it starts at the provider's keys.`,
            "",
            fence(
                "sh",
                [
                    `pulumi config set ${PACKAGE_NAME}:region cn-hangzhou`,
                    `pulumi config set --secret ${PACKAGE_NAME}:accessKey <AccessKey ID>`,
                    `pulumi config set --secret ${PACKAGE_NAME}:secretKey <AccessKey secret>`,
                ].join("\n"),
            ),
            "",
            "The keys:",
            "",
            ...keys.map(configLine),
        ].join("\n"),
    );
}
