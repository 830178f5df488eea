/**
 * A Python program using the provider plugin through the generated Python SDK (sdks/python, as committed), run
 * by the real engine as a user types it: examples/python (its Pulumi.yaml and __main__.py) with `pulumi preview`,
 * `pulumi up` and `pulumi destroy`, through the engine's Python language host (`engine/language-hosts/python`, the
 * engine's virtual environment with the `pulumi` package), the plugin found on PATH as the npm package installs it.
 * Its stack outputs equal the emulator's data at preview and at up; the state holds no credential in plain text.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { credentialStrings, engine, engineProject, listingRequests, pluginExampleOutputs, pluginStackConfig } from "../support/engine/engine-fixture";
import { changeSummaryOf } from "../support/engine/engine-results";
import { CliResult, EngineWorkspace, previewStackOutputs } from "../support/engine/engine-workspace";

const EXAMPLE_DIR = join(REPO_ROOT, "examples", "python");

describe("the real engine: a Python program with the provider plugin and the generated SDK", function () {
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    /** PATH with the plugin, and PYTHONPATH with the SDK, as the README's `pip install` and `export PATH` give them. */
    let userEnv: NodeJS.ProcessEnv;
    let sdkSite: string;
    const seeded = verifications(150);

    /** `pulumi OPERATION` in the program's folder, as the user types it. */
    function cli(operation: "preview" | "up" | "destroy"): Promise<CliResult> {
        if (operation === "preview")
            return workspace.run(engine().pulumi, ["preview", "--json", "--non-interactive"], { ...userEnv, PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" });
        return workspace.run(engine().pulumi, [operation, "--yes", "--non-interactive", ...(operation === "up" ? ["--skip-preview"] : [])], userEnv);
    }

    before(async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion());
        emulator = await startEmulator({ verifications: seeded });
        workspace = new EngineWorkspace(
            project,
            engine(),
            { "__main__.py": readFileSync(join(EXAMPLE_DIR, "__main__.py"), "utf8") },
            "python-program",
            readFileSync(join(EXAMPLE_DIR, "Pulumi.yaml"), "utf8"),
        );
        // The generated SDK reads its version from its installed metadata: install it, as a user would, from a
        // copy (a build writes into the source folder).
        sdkSite = mkdtempSync(join(workspace.dir, "site-"));
        const sdkCopy = mkdtempSync(join(workspace.dir, "sdk-"));
        cpSync(join(REPO_ROOT, "sdks", "python"), sdkCopy, { recursive: true });
        execFileSync(
            engine().pythonPath,
            ["-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--target", sdkSite, sdkCopy],
            { env: workspace.env, stdio: ["ignore", "pipe", "pipe"] },
        );
        userEnv = { PATH: [join(project.dir, "node_modules", ".bin"), workspace.env.PATH ?? ""].join(delimiter), PYTHONPATH: sdkSite };
        await workspace.initStack(pluginStackConfig(emulator));
    });
    after(async () => {
        workspace?.remove();
        await emulator?.close();
    });

    it("preview: the stack outputs the program registers equal the emulator's data (the function and the planned resource)", async () => {
        const preview = await cli("preview");
        assert.equal(preview.code, 0, preview.stderr + preview.stdout);
        assert.deepEqual(previewStackOutputs(preview.stdout), pluginExampleOutputs(seeded));
    });

    it("up: the stack outputs equal the emulator's data exactly, and the state holds no credential in plain text", async () => {
        emulator.resetRequests();
        const up = await cli("up");
        assert.equal(up.code, 0, up.stderr + up.stdout);
        assert.deepEqual(await workspace.stackOutputs(), pluginExampleOutputs(seeded));
        assert.deepEqual(changeSummaryOf(up.stdout), { create: 2 });
        assert.ok(listingRequests(emulator) > 0);
        const state = await workspace.exportStack();
        for (const secret of credentialStrings(emulator)) assert.ok(!state.includes(secret), "a credential is in the state in plain text");
    });

    it("destroy removes the record (and the stack resource)", async () => {
        const destroy = await cli("destroy");
        assert.equal(destroy.code, 0, destroy.stderr + destroy.stdout);
        assert.deepEqual(changeSummaryOf(destroy.stdout), { delete: 2 });
        assert.deepEqual(emulator.verifications(), seeded);
    });

    it("with Pulumi.yaml's runtime.options.virtualenv, the program runs with that environment's Python", async () => {
        // A user's venv: made with the engine's Python, its packages (the Pulumi SDK, the generated SDK) found through
        // a .pth file rather than installed again. Without PYTHONPATH, only this venv's Python can import the SDK.
        const venv = join(workspace.dir, "venv");
        execFileSync(engine().pythonPath, ["-m", "venv", "--without-pip", venv]);
        const purelib = (python: string) =>
            execFileSync(python, ["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], { encoding: "utf8" }).trim();
        writeFileSync(join(purelib(join(venv, "bin", "python")), "engine-test.pth"), `${purelib(engine().pythonPath)}\n${sdkSite}\n`);
        const projectFile = join(workspace.dir, "Pulumi.yaml");
        const original = readFileSync(projectFile, "utf8");
        writeFileSync(projectFile, original.replace(/^runtime: python$/m, "runtime:\n  name: python\n  options:\n    virtualenv: venv"));
        try {
            const env = { PATH: userEnv.PATH, PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" };
            const preview = await workspace.run(engine().pulumi, ["preview", "--json", "--non-interactive"], env);
            assert.equal(preview.code, 0, preview.stderr + preview.stdout);
            assert.deepEqual(previewStackOutputs(preview.stdout), pluginExampleOutputs(seeded));
        } finally {
            writeFileSync(projectFile, original);
        }
    });
});
