/**
 * `npm run generate`: writes the files derived from the option table and the output table (the options' and the
 * outputs' TypeScript types, the README's option and output tables and credential chain, the get functions' TSDoc
 * on credentials, the Terraform provider's docs and the Pulumi registry's docs), from the release's
 * platforms (the README's platform sections), from examples/yaml (examples/yaml-release, for users of the
 * release), from the generated Python SDK's pyproject.toml (examples/python/requirements.txt), the tfplugin6
 * descriptor derived from the upstream proto (fetched with `go mod download`), and the Terraform provider's static
 * answers (its schema, encoded);
 * `--check` writes nothing and fails, naming them, when any is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { format, resolveConfig } from "prettier";
import { GET_FUNCTIONS_FILE, getFunctionsSource } from "./credential-docs";
import { OPTION_VALUES_FILE, optionValuesSource } from "./option-types";
import { OUTPUT_VALUES_FILE, outputValuesSource } from "./output-types";
import { PACKAGE_FACTS_FILE, packageFactsSource } from "./package-facts";
import { parseManifest, pluginDownloadUrl } from "../provider/package-manifest";
import { PACKAGE_NAME } from "../provider/pulumi-names";
import { readmeWithOutputTables } from "./output-tables";
import { README_FILE, readmeWithTables } from "./readme-tables";
import { readmeWithReleaseSections } from "./release-platforms";
import { YAML_EXAMPLE_FILE, YAML_RELEASE_EXAMPLE_FILE, yamlReleaseExample } from "./yaml-release-example";
import { PYTHON_REQUIREMENTS_FILE, PYTHON_SDK_PYPROJECT_FILE, pythonRequirements } from "./python-requirements";
import { REGISTRY_INDEX_FILE, REGISTRY_INSTALLATION_FILE, registryIndexDoc, registryInstallationDoc } from "./pulumi-registry-docs";
import { DATA_SOURCE_DOC_FILE, dataSourceDoc, PROVIDER_DOC_FILE, providerDoc } from "./terraform-docs";
import { STATIC_ANSWERS_FILE, staticAnswersSource } from "./terraform-static-answers";
import { TFPLUGIN6_DESCRIPTOR_FILE, tfplugin6DescriptorSource } from "./tfplugin6-descriptor";
import { loadProto, UPSTREAM_TFPLUGIN6 } from "./upstream-tfplugin6";

/** The repository's root. */
export const REPO_ROOT = join(__dirname, "..");

/** A generated file: its path and its text as it should be. */
export interface GeneratedFile {
    path: string;
    text: string;
}

/** Every generated file; TypeScript formatted as the repository formats it (Markdown is not: see .prettierignore). */
export async function generatedFiles(root: string = REPO_ROOT): Promise<GeneratedFile[]> {
    const formatted = async (path: string, text: string) => {
        const options = (await resolveConfig(join(root, path))) ?? {};
        return { path, text: await format(text, { ...options, filepath: join(root, path) }) };
    };
    const readme = readFileSync(join(root, README_FILE), "utf8");
    const packageJson = readFileSync(join(root, "package.json"), "utf8");
    const manifest = parseManifest(JSON.parse(packageJson));
    const version = (JSON.parse(packageJson) as { version: string }).version;
    return [
        await formatted(OPTION_VALUES_FILE, optionValuesSource()),
        await formatted(GET_FUNCTIONS_FILE, getFunctionsSource(readFileSync(join(root, GET_FUNCTIONS_FILE), "utf8"))),
        await formatted(OUTPUT_VALUES_FILE, outputValuesSource()),
        await formatted(PACKAGE_FACTS_FILE, packageFactsSource(packageJson)),
        await formatted(TFPLUGIN6_DESCRIPTOR_FILE, tfplugin6DescriptorSource(loadProto(UPSTREAM_TFPLUGIN6), UPSTREAM_TFPLUGIN6)),
        await formatted(STATIC_ANSWERS_FILE, await staticAnswersSource()),
        { path: README_FILE, text: readmeWithReleaseSections(readmeWithOutputTables(readmeWithTables(readme))) },
        {
            path: YAML_RELEASE_EXAMPLE_FILE,
            text: yamlReleaseExample(readFileSync(join(root, YAML_EXAMPLE_FILE), "utf8"), version, pluginDownloadUrl(manifest, PACKAGE_NAME)),
        },
        { path: PYTHON_REQUIREMENTS_FILE, text: pythonRequirements(readFileSync(join(root, PYTHON_SDK_PYPROJECT_FILE), "utf8")) },
        { path: PROVIDER_DOC_FILE, text: providerDoc() },
        { path: DATA_SOURCE_DOC_FILE, text: dataSourceDoc() },
        { path: REGISTRY_INDEX_FILE, text: registryIndexDoc(root, manifest) },
        { path: REGISTRY_INSTALLATION_FILE, text: registryInstallationDoc(manifest, version, pluginDownloadUrl(manifest, PACKAGE_NAME)) },
    ];
}

/** The generated files whose text on disk differs from what they should be. */
export async function staleFiles(root: string = REPO_ROOT): Promise<string[]> {
    const files = await generatedFiles(root);
    return files.filter((file) => readFileSync(join(root, file.path), "utf8") !== file.text).map((file) => file.path);
}

async function main(argv: readonly string[]): Promise<number> {
    if (argv.includes("--check")) {
        const stale = await staleFiles();
        for (const path of stale) process.stderr.write(`${path} is stale: run npm run generate\n`);
        return stale.length === 0 ? 0 : 1;
    }
    for (const file of await generatedFiles()) {
        mkdirSync(dirname(join(REPO_ROOT, file.path)), { recursive: true });
        writeFileSync(join(REPO_ROOT, file.path), file.text);
    }
    return 0;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
