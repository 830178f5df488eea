/**
 * The README's `cd examples/<name> && npm install ...` commands, run in a copy of a clone with the packed tarball
 * in place of the registry: each example has its own package.json, so the install stays in the example's folder
 * and leaves the repository's package.json and package-lock.json alone (npm used to walk up to them).
 */
import { strict as assert } from "node:assert";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consumerProject, REPO_ROOT, repoPulumiVersion, runNpm } from "../support/consumer-project";

/** What the README tells users to run in an example's folder: `cd examples/yaml && npm install a b`. */
interface ExampleInstall {
    /** The example's folder, relative to the repository root. */
    folder: string;
    /** The packages named after `npm install`. */
    packages: string[];
}

/** Every `cd examples/<name> && npm install ...` line of `readme`. */
function exampleInstalls(readme: string): ExampleInstall[] {
    return [...readme.matchAll(/^cd (examples\/[\w-]+) && npm install ([^#\n]+)/gm)].map((match) => ({
        folder: match[1] ?? "",
        packages: (match[2] ?? "").trim().split(/\s+/),
    }));
}

/** The files of a clone that npm looks at when it looks for the project, and the examples. */
function cloneWithExamples(): string {
    const clone = mkdtempSync(join(tmpdir(), "examples-clone-"));
    for (const file of ["package.json", "package-lock.json", "README.md"]) cpSync(join(REPO_ROOT, file), join(clone, file));
    cpSync(join(REPO_ROOT, "examples"), join(clone, "examples"), { recursive: true, filter: (source) => !/[/\\]node_modules$/.test(source) });
    return clone;
}

describe("the README's npm install in an example's folder", function () {
    this.timeout(300_000);
    const installs = exampleInstalls(readFileSync(join(REPO_ROOT, "README.md"), "utf8"));

    it("is given for the YAML and Python examples", () => {
        assert.deepEqual(installs.map((install) => install.folder).sort(), ["examples/python", "examples/yaml"]);
    });

    for (const { folder, packages } of installs) {
        it(`stays in ${folder}: the repository's package.json and package-lock.json are unchanged`, async () => {
            const { tarball, packageName } = await consumerProject();
            const clone = cloneWithExamples();
            try {
                const before = ["package.json", "package-lock.json"].map((file) => readFileSync(join(clone, file), "utf8"));
                // The registry's names replaced by the packed package and the repository's @pulumi/pulumi (in npm's cache).
                const offline = packages.map((name) =>
                    name === packageName ? tarball : name === "@pulumi/pulumi" ? `@pulumi/pulumi@${repoPulumiVersion()}` : name,
                );
                await runNpm(["install", "--offline", "--no-audit", "--no-fund", ...offline], join(clone, folder));
                const after = ["package.json", "package-lock.json"].map((file) => readFileSync(join(clone, file), "utf8"));
                assert.deepEqual(after, before, "the repository's package.json or package-lock.json changed");
                assert.ok(!existsSync(join(clone, "node_modules")), "nothing installed at the repository's root");
                assert.ok(
                    existsSync(join(clone, folder, "node_modules", ".bin", "pulumi-resource-alicloud-message-contacts")),
                    "the plugin is in the example's node_modules/.bin",
                );
                const manifest = JSON.parse(readFileSync(join(clone, folder, "package.json"), "utf8")) as {
                    private?: boolean;
                    dependencies?: Record<string, string>;
                };
                assert.equal(manifest.private, true);
                assert.match(manifest.dependencies?.[packageName] ?? "", /^file:/, "the example's package.json records the tarball");
            } finally {
                rmSync(clone, { recursive: true, force: true });
            }
        });
    }
});
