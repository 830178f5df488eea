import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../generate/main";
import { markedSection, REGISTRY_INDEX_FILE, REGISTRY_INSTALLATION_FILE } from "../../generate/pulumi-registry-docs";
import { packageManifest, pluginDownloadUrl } from "../../provider/package-manifest";
import { PLUGIN_KEYS } from "../../provider/plugin/plugin-config";
import { CONFIG_VARIABLES, DISPLAY_NAME } from "../../provider/plugin/schema";
import { PACKAGE_NAME } from "../../provider/pulumi-names";

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");

/** The front matter's fields, each `key: "json string"`. */
function frontMatter(page: string): Record<string, unknown> {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(page);
    assert.ok(match?.[1], "the page starts with front matter");
    return Object.fromEntries(
        match[1].split("\n").map((line) => {
            const [key, ...rest] = line.split(": ");
            const value = rest.join(": ");
            return [key, value.startsWith('"') ? (JSON.parse(value) as unknown) : value];
        }),
    );
}

describe("the Pulumi registry's docs (docs/_index.md, docs/installation-configuration.md)", () => {
    const manifest = packageManifest();
    const version = (JSON.parse(read("package.json")) as { version: string }).version;

    it("each page has the registry's front matter: title, meta_desc, layout: package", () => {
        for (const file of [REGISTRY_INDEX_FILE, REGISTRY_INSTALLATION_FILE]) {
            const fields = frontMatter(read(file));
            assert.deepEqual(Object.keys(fields).sort(), ["layout", "meta_desc", "title"], file);
            assert.equal(fields.layout, "package", file);
            assert.ok(String(fields.title).startsWith(DISPLAY_NAME), file);
        }
    });

    it("lists every configuration key of the plugin with the schema's description (from the option table) and marks the secret ones", () => {
        const page = read(REGISTRY_INSTALLATION_FILE);
        assert.equal(PLUGIN_KEYS.size, Object.keys(CONFIG_VARIABLES).length);
        for (const key of PLUGIN_KEYS.keys()) {
            const line = page.split("\n").find((l) => l.startsWith(`- \`${PACKAGE_NAME}:${key}\``));
            assert.ok(line, `${key} is documented`);
            assert.ok(line.includes(CONFIG_VARIABLES[key]?.description ?? "?"), `${key}'s description`);
            assert.equal(line.includes("(secret"), CONFIG_VARIABLES[key]?.secret === true, `${key} secret or not`);
        }
    });

    it("installs the plugin from the schema's download URL and each SDK by its package name", () => {
        const page = read(REGISTRY_INSTALLATION_FILE);
        assert.ok(page.includes(`pulumi plugin install resource ${PACKAGE_NAME} v${version} --server ${pluginDownloadUrl(manifest, PACKAGE_NAME)}`));
        assert.ok(page.includes(`npm install ${manifest.name}`));
        assert.ok(page.includes(`pip install pulumi_alicloud_message_contacts-${version}-py3-none-any.whl`));
        assert.match(page, /go get github\.com\/[^/]+\/[^/]+\/sdks\/go@/);
    });

    it("shows the examples the tests run, as they are: Python, and the Go engine test's program", () => {
        const page = read(REGISTRY_INDEX_FILE);
        assert.ok(page.includes(read("examples/python/__main__.py").trimEnd()));
        const goFile = "tests/engine/go-program/main.go";
        assert.ok(page.includes(markedSection(read(goFile), goFile)));
        assert.throws(() => markedSection("package main\n", "x.go"), /x\.go has no \/\/ docs:program \.\.\. \/\/ docs:end section/);
    });
});
