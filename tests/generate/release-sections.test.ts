/**
 * What `npm run generate` writes from the release's platforms and from examples/yaml: the README's platform table
 * and `providers lock` commands name every platform of PLATFORMS, in order; examples/yaml-release is examples/yaml
 * with the plugin's version and download URL in place of its `plugins:` path. (generated-files.test.ts checks that
 * the files on disk are current.)
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { platformFlags, readmeWithReleaseSections, RELEASE_SECTIONS } from "../../generate/release-platforms";
import { YAML_EXAMPLE_FILE, yamlReleaseExample } from "../../generate/yaml-release-example";
import { REPO_ROOT } from "../../generate/main";
import { PLATFORMS } from "../../packaging/platforms";

describe("generated: the README's release sections and examples/yaml-release", () => {
    it("the platform table has one row per platform of PLATFORMS; each providers lock command names them all", () => {
        const rows = (RELEASE_SECTIONS.platforms as () => string)().split("\n").slice(2);
        assert.deepEqual(
            rows.map((row) => row.split(" | ")[0]?.replace(/^\| /, "")),
            PLATFORMS.map((p) => p.id),
        );
        assert.equal(platformFlags(), PLATFORMS.map((p) => `-platform=${p.goos}_${p.goarch}`).join(" "));
        for (const name of ["providers-lock", "providers-lock-fs-mirror"]) {
            const block = (RELEASE_SECTIONS[name] as () => string)();
            assert.match(block, /^<!-- sh: run by tests\/engine\/provider-registry\.test\.ts .*-->\n```sh\ntofu providers lock /);
            assert.ok(block.includes(platformFlags()), block);
        }
        assert.throws(
            () => readmeWithReleaseSections("# no markers\n"),
            /README\.md has no <!-- release:platforms --> \.\.\. <!-- \/release:platforms --> section/,
        );
    });

    it("examples/yaml-release: examples/yaml without plugins:, with version and pluginDownloadURL on the function and the resource", () => {
        const yaml = readFileSync(join(REPO_ROOT, YAML_EXAMPLE_FILE), "utf8");
        const text = yamlReleaseExample(yaml, "9.8.7", "github://api.github.com/someone");
        assert.doesNotMatch(text, /^plugins:/m);
        assert.doesNotMatch(text, /node_modules/);
        assert.equal(text.match(/^( +)options:\n\1 {2}version: 9\.8\.7\n\1 {2}pluginDownloadURL: github:\/\/api\.github\.com\/someone\n/gm)?.length, 2);
        // Everything from variables: on is examples/yaml's, but the two options blocks.
        const body = (t: string) => t.slice(t.indexOf("\nvariables:")).replace(/^ +options:\n( +(version|pluginDownloadURL): .*\n)+/gm, "");
        assert.equal(body(text), body(yaml));
        assert.throws(
            () => yamlReleaseExample(yaml.replace(/^plugins:/m, "plugin:"), "1.0.0", "x"),
            /examples\/yaml\/Pulumi\.yaml: expected one plugins: section naming a path, found 0/,
        );
    });
});
