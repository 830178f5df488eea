/**
 * A Go program using the provider plugin through the generated Go SDK (sdks/go, a Go module of its own), run by
 * the real engine: tests/engine/go-program, an Automation API inline program (the engine has no Go language host;
 * the Automation API serves the language runtime from the program's process), with the plugin found on PATH as the
 * npm package installs it. Its stack outputs equal the emulator's data at preview and at up.
 */
import { strict as assert } from "node:assert";
import { readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { pinnedPulumiVersion, requiredModuleVersion } from "../../engine/pulumi-engine";
import { Emulator, startEmulator } from "../../emulator";
import { repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { credentialStrings, engine, engineProject, listingRequests, pluginExampleOutputs, pluginStackConfig } from "../support/engine/engine-fixture";
import { EngineWorkspace } from "../support/engine/engine-workspace";
import { GO_PROGRAM_DIR, goProgramBinary } from "../support/engine/go-program";

const PROJECT = "go-program";

interface ProgramResult {
    error?: string;
    preview?: { stackOutputs: Record<string, unknown> | null };
    up?: { outputs: Record<string, { value: unknown; secret: boolean }>; summary: Record<string, number> };
    destroy?: { summary: Record<string, number> };
}

describe("the real engine: a Go program with the provider plugin and the generated Go SDK", function () {
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    let program: string;
    let binPath: string;
    const seeded = verifications(150);

    async function runProgram(operations: string[]): Promise<ProgramResult> {
        const request = join(workspace.dir, `request-${operations.join("-")}.json`);
        const result = join(workspace.dir, `result-${operations.join("-")}.json`);
        writeFileSync(request, JSON.stringify({ workDir: workspace.dir, project: PROJECT, stack: workspace.stackName, operations }));
        const run = await workspace.run(program, [request, result], { PATH: [binPath, workspace.env.PATH ?? ""].join(delimiter) });
        let reported: ProgramResult;
        try {
            reported = JSON.parse(readFileSync(result, "utf8")) as ProgramResult;
        } catch {
            throw new Error(`the Go program reported nothing (exit ${run.code})\n${run.stderr}\n${run.stdout}`);
        }
        assert.equal(reported.error, undefined, `${reported.error}\n${run.stderr}`);
        return reported;
    }

    before(async function () {
        this.timeout(1_200_000); // a cold build compiles the Pulumi Go SDK
        const built = goProgramBinary();
        program = built.path;
        if (built.buildMs > 0) process.stderr.write(`    (built the Go program in ${Math.round(built.buildMs / 1000)} s)\n`);
        const project = await engineProject(repoPulumiVersion());
        binPath = join(project.dir, "node_modules", ".bin");
        emulator = await startEmulator({ verifications: seeded });
        workspace = new EngineWorkspace(project, engine(), {}, PROJECT, `name: ${PROJECT}\nruntime: go\n`);
        await workspace.initStack(pluginStackConfig(emulator));
    });
    after(async () => {
        workspace?.remove();
        await emulator?.close();
    });

    it("the program's Automation API is the Pulumi release the engine's CLI is built from", () => {
        const goMod = readFileSync(join(GO_PROGRAM_DIR, "go.mod"), "utf8");
        assert.equal(requiredModuleVersion(goMod, "github.com/pulumi/pulumi/sdk/v3"), pinnedPulumiVersion());
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
