/**
 * The programs the READMEs show are the example files the engine tests run, byte for byte: a code block marked
 * `<!-- file: PATH -->` (on the line before its fence) is PATH's text. Each Pulumi install route's program is shown
 * so: the release's YAML program (examples/yaml-release, which names the plugin's version and download URL and no
 * `plugins:` path, so that it runs where no npm install made `node_modules/.bin`), the npm package's YAML program
 * (examples/yaml, whose `plugins:` path is that folder), and the Python program with the Pulumi.yaml that names its
 * virtual environment. The README used to show a shortened examples/yaml only, whose `plugins:` path fails for
 * users of the release ("no folder at path .../node_modules/.bin").
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pluginDownloadUrl, packageManifest } from "../../provider/package-manifest";
import { PACKAGE_NAME } from "../../provider/pulumi-names";
import { REPO_ROOT } from "../support/consumer-project";
import { CodeBlock, codeBlocksOf } from "../support/markdown-blocks";

const READMES = [
    "README.md",
    ...readdirSync(join(REPO_ROOT, "examples"))
        .map((name) => `examples/${name}/README.md`)
        .filter((file) => existsSync(join(REPO_ROOT, file))),
];
const BLOCKS: CodeBlock[] = READMES.flatMap((file) => codeBlocksOf(readFileSync(join(REPO_ROOT, file), "utf8"), file));

/** The file a block is marked to show, or undefined. */
const shownFile = (block: CodeBlock) => /^file:\s*(\S+)$/.exec(block.marker ?? "")?.[1];

/** The README's blocks that show `path`. */
const readmeBlocksShowing = (path: string) => BLOCKS.filter((block) => block.file === "README.md" && shownFile(block) === path);

describe("the programs the READMEs show are the example files", () => {
    it("every block marked `<!-- file: PATH -->` is PATH's text, exactly", () => {
        const marked = BLOCKS.filter((block) => shownFile(block) !== undefined);
        assert.ok(marked.length > 0);
        for (const block of marked) {
            const path = shownFile(block) as string;
            assert.ok(existsSync(join(REPO_ROOT, path)), `${block.file}:${block.line} shows ${path}, which does not exist`);
            assert.equal(`${block.code}\n`, readFileSync(join(REPO_ROOT, path), "utf8"), `${block.file}:${block.line} is not ${path}`);
        }
    });

    it("the README shows each Pulumi route's program: the release's YAML, the npm package's YAML, the Python program and its Pulumi.yaml", () => {
        for (const path of ["examples/yaml-release/Pulumi.yaml", "examples/yaml/Pulumi.yaml", "examples/python/__main__.py", "examples/python/Pulumi.yaml"]) {
            assert.equal(readmeBlocksShowing(path).length, 1, `README.md shows ${path} once`);
        }
    });

    it("the release's YAML program points at no node_modules: its function and resource name the plugin's version and download URL", () => {
        const text = readFileSync(join(REPO_ROOT, "examples/yaml-release/Pulumi.yaml"), "utf8");
        assert.doesNotMatch(text, /^plugins:|node_modules/m);
        const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
        const options = [...text.matchAll(/ options:\n\s+version: (\S+)\n\s+pluginDownloadURL: (\S+)\n/g)].map((m) => [m[1], m[2]]);
        const url = pluginDownloadUrl(packageManifest(), PACKAGE_NAME);
        assert.deepEqual(options, [
            [version, url],
            [version, url],
        ]);
    });

    it("the npm package's YAML program finds the plugin where npm install puts it, and the Python program names its virtual environment", () => {
        assert.match(
            readFileSync(join(REPO_ROOT, "examples/yaml/Pulumi.yaml"), "utf8"),
            /^plugins:\n {2}providers:\n {4}- name: alicloud-message-contacts\n {6}path: \.\/node_modules\/\.bin$/m,
        );
        assert.match(
            readFileSync(join(REPO_ROOT, "examples/python/Pulumi.yaml"), "utf8"),
            /^runtime:\n {2}name: python\n {2}options:\n(?: {4}#.*\n)* {4}virtualenv: venv$/m,
        );
    });
});
