/**
 * A Python program using the provider plugin through the generated Python SDK (sdks/python, as committed), run
 * by the real engine: examples/python/__main__.py as an Automation API inline program (the engine has no Python
 * language host; the Automation API serves the language runtime from the Python process), the plugin found on
 * PATH as the npm package installs it. Its stack outputs equal the emulator's data at preview and at up.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { credentialStrings, engine, engineProject, listingRequests, pluginExampleOutputs, pluginStackConfig } from "../support/engine/engine-fixture";
import { EngineWorkspace } from "../support/engine/engine-workspace";

const PROJECT = "python-program";
const RUNNER = join(REPO_ROOT, "tests", "engine", "python", "run_inline_program.py");

interface RunnerResult {
    error?: string;
    preview?: { stackOutputs: Record<string, unknown> | null };
    up?: { outputs: Record<string, { value: unknown; secret: boolean }>; summary: Record<string, number> };
    destroy?: { summary: Record<string, number> };
}

describe("the real engine: a Python program with the provider plugin and the generated SDK", function () {
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    let sdkSite: string;
    let binPath: string;
    const seeded = verifications(150);

    /** Runs the example through the runner with `operations`, and returns what it reported. */
    async function runProgram(operations: string[]): Promise<RunnerResult> {
        const request = join(workspace.dir, `request-${operations.join("-")}.json`);
        const result = join(workspace.dir, `result-${operations.join("-")}.json`);
        writeFileSync(
            request,
            JSON.stringify({
                program: join(REPO_ROOT, "examples", "python", "__main__.py"),
                workDir: workspace.dir,
                project: PROJECT,
                stack: workspace.stackName,
                operations,
            }),
        );
        const run = await workspace.run(engine().pythonPath, [RUNNER, request, result], {
            PATH: [binPath, workspace.env.PATH ?? ""].join(delimiter),
            PYTHONPATH: sdkSite,
        });
        let reported: RunnerResult;
        try {
            reported = JSON.parse(readFileSync(result, "utf8")) as RunnerResult;
        } catch {
            throw new Error(`the Python runner reported nothing (exit ${run.code})\n${run.stderr}\n${run.stdout}`);
        }
        assert.equal(reported.error, undefined, `${reported.error}\n${run.stderr}`);
        return reported;
    }

    before(async function () {
        this.timeout(600_000);
        const project = await engineProject(repoPulumiVersion());
        binPath = join(project.dir, "node_modules", ".bin");
        emulator = await startEmulator({ verifications: seeded });
        workspace = new EngineWorkspace(project, engine(), {}, PROJECT, `name: ${PROJECT}\nruntime: python\n`);
        // The generated SDK reads its version from its installed metadata: install it, as a user would, from a
        // copy (a build writes into the source folder).
        sdkSite = mkdtempSync(join(workspace.dir, "site-"));
        const sdkCopy = mkdtempSync(join(workspace.dir, "sdk-"));
        cpSync(join(REPO_ROOT, "sdks", "python"), sdkCopy, { recursive: true });
        execFileSync(
            engine().pythonPath,
            ["-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--target", sdkSite, sdkCopy],
            {
                env: workspace.env,
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        await workspace.initStack(pluginStackConfig(emulator));
    });
    after(async () => {
        workspace?.remove();
        await emulator?.close();
    });

    it("preview: the stack outputs the program registers equal the emulator's data (the function and the planned resource)", async () => {
        const result = await runProgram(["preview"]);
        assert.deepEqual(result.preview?.stackOutputs, pluginExampleOutputs(seeded));
    });

    it("up: the stack outputs equal the emulator's data exactly, and the state holds no credential in plain text", async () => {
        emulator.resetRequests();
        const result = await runProgram(["up"]);
        const outputs = Object.fromEntries(Object.entries(result.up?.outputs ?? {}).map(([name, out]) => [name, out.value]));
        assert.deepEqual(outputs, pluginExampleOutputs(seeded));
        assert.deepEqual(result.up?.summary, { create: 2 });
        assert.ok(listingRequests(emulator) > 0);
        const state = await workspace.exportStack();
        for (const secret of credentialStrings(emulator)) assert.ok(!state.includes(secret), "a credential is in the state in plain text");
    });

    it("destroy removes the record (and the stack resource)", async () => {
        const result = await runProgram(["destroy"]);
        assert.deepEqual(result.destroy?.summary, { delete: 2 });
        assert.deepEqual(emulator.verifications(), seeded);
    });
});
