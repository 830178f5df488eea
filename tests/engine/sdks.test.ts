/**
 * The SDKs kept in sdks/ are exactly what the SDK generator (built by `npm run engine`) makes of sdks/schema.json:
 * a change to the schema without `npm run sdks` fails here.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generateSdk, SCHEMA_FILE, SDK_LANGUAGES, SDKS_DIR } from "../../sdks/generate-sdks";
import { repoPulumiVersion } from "../support/consumer-project";
import { engine, engineProject } from "../support/engine/engine-fixture";
import { EngineWorkspace } from "../support/engine/engine-workspace";

/** What building or importing a generated SDK leaves beside it (its generated .gitignore ignores them). */
const BUILD_LEFTOVERS = /^(build|dist|__pycache__|\.mypy_cache|.*\.egg-info|.*\.pyc)$/;

/** Every file under `dir` but build leftovers, by its path relative to `dir`, with its content. */
function filesUnder(dir: string, root = dir): Map<string, string> {
    const files = new Map<string, string>();
    for (const name of readdirSync(dir)) {
        if (BUILD_LEFTOVERS.test(name)) continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) for (const [file, text] of filesUnder(path, root)) files.set(file, text);
        else files.set(relative(root, path), readFileSync(path, "latin1")); // byte for byte (logo.png too)
    }
    return files;
}

describe("the plugin's schema as the CLI reads it", function () {
    it("pulumi package get-schema accepts the packed plugin's schema, and it is sdks/schema.json", async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion());
        const workspace = new EngineWorkspace(project, engine(), {}, "get-schema");
        try {
            const plugin = join(project.dir, "node_modules", ".bin", "pulumi-resource-alicloud-message-contacts");
            const result = await workspace.pulumi(["package", "get-schema", plugin]);
            assert.equal(result.code, 0, result.stderr);
            assert.deepEqual(JSON.parse(result.stdout), JSON.parse(readFileSync(SCHEMA_FILE, "utf8")));
        } finally {
            workspace.remove();
        }
    });
});

describe("the generated SDKs in sdks/", () => {
    it("the Python SDK accepts no Python that the engine's pinned Pulumi SDK refuses (its Requires-Python)", () => {
        const script = "import importlib.metadata as m; print(m.metadata('pulumi')['Requires-Python'])";
        const pulumiRequires = execFileSync(engine().pythonPath, ["-c", script], { encoding: "utf8" }).trim();
        const pyproject = readFileSync(join(SDKS_DIR, "python", "pyproject.toml"), "utf8");
        assert.equal(/^\s*requires-python = "([^"]*)"$/m.exec(pyproject)?.[1], pulumiRequires);
    });

    for (const language of SDK_LANGUAGES) {
        it(`sdks/${language} is what the generator makes of sdks/schema.json`, function () {
            this.timeout(900_000); // .NET's generator is built on first use: a cold build downloads and compiles its modules
            const scratch = mkdtempSync(join(tmpdir(), `sdk-${language}-`));
            try {
                generateSdk(SCHEMA_FILE, language, scratch);
                const generated = filesUnder(join(scratch, language));
                const committed = filesUnder(join(SDKS_DIR, language));
                assert.deepEqual([...committed.keys()].sort(), [...generated.keys()].sort(), "the files differ: run npm run sdks");
                for (const [file, text] of generated) assert.equal(committed.get(file), text, `sdks/${language}/${file} differs: run npm run sdks`);
            } finally {
                rmSync(scratch, { recursive: true, force: true });
            }
        });
    }
});
