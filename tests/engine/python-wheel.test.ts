/**
 * The Python SDK as a user installs it: the wheel `npm run release` builds (packaging/python-wheel.ts),
 * pip installed into a FRESH virtual environment with the Pulumi SDK from PyPI (at the engine's pins), and
 * examples/python run from that environment by the real engine (an Automation API inline program, as in
 * plugin-python.test.ts), with the plugin found on PATH as the npm package installs it. Outputs equal the
 * emulator's data.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { enginePythonPath, PYTHON_REQUIREMENTS } from "../../engine/pulumi-engine";
import { Emulator, startEmulator } from "../../emulator";
import { buildPythonWheel, pluginJsonInWheel, wheelFileName } from "../../packaging/python-wheel";
import { packageManifest, pluginDownloadUrl } from "../../provider/package-manifest";
import { PACKAGE_NAME } from "../../provider/pulumi-names";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { credentialStrings, engine, engineProject, listingRequests, pluginExampleOutputs, pluginStackConfig } from "../support/engine/engine-fixture";
import { EngineWorkspace } from "../support/engine/engine-workspace";

const PROJECT = "python-wheel";
const RUNNER = join(REPO_ROOT, "tests", "engine", "python", "run_inline_program.py");

interface RunnerResult {
    error?: string;
    preview?: { stackOutputs: Record<string, unknown> | null };
    up?: { outputs: Record<string, { value: unknown; secret: boolean }>; summary: Record<string, number> };
    destroy?: { summary: Record<string, number> };
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("the Python SDK's wheel, installed into a fresh venv, under the real engine", function () {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
    const expectedPluginJson = { resource: true, name: PACKAGE_NAME, version, server: pluginDownloadUrl(packageManifest(), PACKAGE_NAME) };
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    let wheel: string;
    let venvPython: string;
    let binPath: string;
    const seeded = verifications(120);

    async function runProgram(operations: string[]): Promise<RunnerResult> {
        const request = join(workspace.dir, `request-${operations.join("-")}.json`);
        const result = join(workspace.dir, `result-${operations.join("-")}.json`);
        const program = join(REPO_ROOT, "examples", "python", "__main__.py");
        writeFileSync(request, JSON.stringify({ program, workDir: workspace.dir, project: PROJECT, stack: workspace.stackName, operations }));
        // No PYTHONPATH: the SDK comes from the venv only.
        const run = await workspace.run(venvPython, [RUNNER, request, result], {
            PATH: [binPath, workspace.env.PATH ?? ""].join(delimiter),
            PYTHONPATH: undefined,
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
        this.timeout(900_000);
        const project = await engineProject(repoPulumiVersion());
        binPath = join(project.dir, "node_modules", ".bin");
        emulator = await startEmulator({ verifications: seeded });
        workspace = new EngineWorkspace(project, engine(), {}, PROJECT, `name: ${PROJECT}\nruntime: python\n`);
        wheel = buildPythonWheel({ outDir: mkdtempSync(join(workspace.dir, "release-")) });
        const venv = join(workspace.dir, "venv");
        execFileSync("python3", ["-m", "venv", venv], { stdio: ["ignore", "pipe", "pipe"] });
        venvPython = join(venv, "bin", "python");
        // As a user would: the wheel, and its dependencies (the Pulumi SDK) from PyPI, at the engine's pins. The
        // developer's own environment (HOME, the pip cache) is used for the download, not the workspace's.
        execFileSync(venvPython, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--constraint", PYTHON_REQUIREMENTS, wheel], {
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, PYTHONPATH: undefined },
        });
        await workspace.initStack(pluginStackConfig(emulator));
    });
    after(async () => {
        workspace?.remove();
        await emulator?.close();
    });

    it("the wheel carries pulumi-plugin.json naming the plugin, its version and download URL; a second build gives the same bytes", () => {
        assert.equal(wheel.endsWith(wheelFileName(version)), true, wheel);
        assert.deepEqual(pluginJsonInWheel(enginePythonPath(), wheel), expectedPluginJson);
        const again = buildPythonWheel({ outDir: mkdtempSync(join(workspace.dir, "release-again-")) });
        assert.equal(sha256(again), sha256(wheel));
    });

    it("installed, the package holds pulumi-plugin.json and the version, imported from the venv (not the repository)", () => {
        const script = [
            "import importlib.metadata, importlib.resources, json, pulumi_alicloud_message_contacts as p",
            "print(json.dumps({'plugin': json.loads(importlib.resources.files(p).joinpath('pulumi-plugin.json').read_text()),",
            " 'version': importlib.metadata.version('pulumi_alicloud_message_contacts'), 'file': p.__file__}))",
        ].join("\n");
        const found = JSON.parse(execFileSync(venvPython, ["-c", script], { encoding: "utf8", env: { ...process.env, PYTHONPATH: undefined } })) as {
            plugin: unknown;
            version: string;
            file: string;
        };
        assert.deepEqual(found.plugin, expectedPluginJson);
        assert.equal(found.version, version);
        assert.ok(found.file.startsWith(join(workspace.dir, "venv")), found.file);
    });

    it("preview and up of examples/python: the stack outputs equal the emulator's data; no credential in state", async () => {
        const previewed = await runProgram(["preview"]);
        assert.deepEqual(previewed.preview?.stackOutputs, pluginExampleOutputs(seeded));
        emulator.resetRequests();
        const result = await runProgram(["up"]);
        const outputs = Object.fromEntries(Object.entries(result.up?.outputs ?? {}).map(([name, out]) => [name, out.value]));
        assert.deepEqual(outputs, pluginExampleOutputs(seeded));
        assert.deepEqual(result.up?.summary, { create: 2 });
        assert.ok(listingRequests(emulator) > 0);
        const state = await workspace.exportStack();
        for (const secret of credentialStrings(emulator)) assert.ok(!state.includes(secret), "a credential is in the state in plain text");
    });

    it("destroy removes the record", async () => {
        const result = await runProgram(["destroy"]);
        assert.deepEqual(result.destroy?.summary, { delete: 2 });
    });
});
