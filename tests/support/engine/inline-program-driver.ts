/**
 * Runs one Pulumi operation on a user's project through the Automation API's inline programs, for an engine
 * without the Node.js language host (`pulumi-language-nodejs` cannot be had from the Go module proxy).
 *
 * This file is transpiled into the project folder and run there by Node (`node .engine-driver.js REQUEST`),
 * so `@pulumi/pulumi` (the Automation API, the runtime, its TypeScript helpers) and the package under test
 * resolve from the project's node_modules, as in a user's `pulumi up`. It does for the program what the
 * language host's `cmd/run` does: registers ts-node the same way (the project's tsconfig.json, its
 * TypeScript, type-checking unless asked not to), requires the program's main file and turns its exports into
 * stack outputs. The CLI is the real one: the Automation API runs `pulumi up|preview|refresh|destroy
 * --client=ADDRESS` and serves the program from this process. Its `up` always adds `--skip-preview`: a test
 * that wants what a user's `pulumi up` does runs `preview`, then `up`.
 *
 * It writes a {@link DriverResult} as JSON to the request's `resultFile` and exits 0, whatever the operation
 * did; only a broken request or driver exits non-zero.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type * as Automation from "@pulumi/pulumi/automation";

/** What to run. Paths are absolute. */
export interface DriverRequest {
    operation: "up" | "preview" | "refresh" | "destroy";
    projectDir: string;
    stackName: string;
    /** The program's main file, as Pulumi.yaml's `main` or package.json would name it. */
    program: string;
    /** Type-check the program with the project's tsconfig.json (Pulumi's default); false transpiles only. */
    typeCheck: boolean;
    /** `--expect-no-changes` (preview, up). */
    expectNoChanges?: boolean;
    /** `--diff`. */
    diff?: boolean;
    /** `--policy-pack` paths and `--policy-pack-config` files. */
    policyPacks?: string[];
    policyPackConfigs?: string[];
    /** Where to write the {@link DriverResult}. */
    resultFile: string;
}

/** A stack output as the Automation API reports it. */
export interface DriverOutput {
    value: unknown;
    secret: boolean;
}

/** What the operation did. */
export interface DriverResult {
    /** Whether the CLI exited 0. */
    ok: boolean;
    /** The CLI's exit code (0 when ok). */
    code: number;
    /** The CLI's human-readable output. */
    stdout: string;
    stderr: string;
    /** The error's message when not ok (the Automation API includes the CLI's output in it). */
    error?: string;
    /** Stack outputs after `up`. */
    outputs?: Record<string, DriverOutput>;
    /** Resource changes by kind (`create`, `update`, `same`, ...), from preview's and up's summaries. */
    changeSummary?: Record<string, number>;
}

interface TsUtils {
    typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string };
    loadTypeScriptCompilerOptions(tsConfigPath: string): Record<string, unknown>;
}

/** Registers ts-node for the program as `@pulumi/pulumi/cmd/run` does for a `typescript: true` project. */
function registerTypeScript(projectDir: string, typeCheck: boolean): void {
    const tsutils = require("@pulumi/pulumi/tsutils") as TsUtils;
    const tsConfigPath = join(projectDir, "tsconfig.json");
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
    const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
    const tsnode = require(tsnodeRequire) as { register(options: object): void };
    tsnode.register({
        compiler: typescriptRequire,
        transpileOnly: !typeCheck,
        project: tsConfigPath,
        skipProject: !existsSync(tsConfigPath),
        compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: "true", ...compilerOptions },
    });
}

/** The inline program: the project's main file, its exports as the stack's outputs. */
function inlineProgram(request: DriverRequest): Automation.PulumiFn {
    return async () => {
        const exported = require(request.program) as Record<string, unknown> | (() => unknown);
        if (typeof exported === "function") return (await exported()) as Record<string, unknown>;
        return { ...exported };
    };
}

interface CommandErrorLike {
    message: string;
    commandResult?: { stdout?: string; stderr?: string; code?: number };
}

async function run(request: DriverRequest): Promise<DriverResult> {
    const { LocalWorkspace } = require("@pulumi/pulumi/automation") as typeof Automation;
    process.chdir(request.projectDir);
    registerTypeScript(request.projectDir, request.typeCheck);
    const program = inlineProgram(request);
    const projectName = /^name:\s*(\S+)/m.exec(readFileSync(join(request.projectDir, "Pulumi.yaml"), "utf8"))?.[1];
    if (!projectName) throw new Error(`no name in ${join(request.projectDir, "Pulumi.yaml")}`);
    const stack = await LocalWorkspace.createOrSelectStack({ projectName, stackName: request.stackName, program }, { workDir: request.projectDir });
    const policy = { policyPacks: request.policyPacks, policyPackConfigs: request.policyPackConfigs };
    try {
        switch (request.operation) {
            case "up": {
                const result = await stack.up({ ...policy, diff: request.diff, expectNoChanges: request.expectNoChanges });
                return {
                    ok: true,
                    code: 0,
                    stdout: result.stdout,
                    stderr: result.stderr,
                    outputs: result.outputs,
                    changeSummary: result.summary.resourceChanges,
                };
            }
            case "preview": {
                const result = await stack.preview({ ...policy, diff: request.diff, expectNoChanges: request.expectNoChanges });
                return { ok: true, code: 0, stdout: result.stdout, stderr: result.stderr, changeSummary: result.changeSummary };
            }
            case "refresh": {
                const result = await stack.refresh({});
                return { ok: true, code: 0, stdout: result.stdout, stderr: result.stderr, changeSummary: result.summary.resourceChanges };
            }
            case "destroy": {
                const result = await stack.destroy({});
                return { ok: true, code: 0, stdout: result.stdout, stderr: result.stderr, changeSummary: result.summary.resourceChanges };
            }
        }
    } catch (error) {
        const failure = error as CommandErrorLike;
        const result = failure.commandResult ?? {};
        return { ok: false, code: result.code ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? "", error: failure.message ?? String(error) };
    }
}

if (require.main === module) {
    const requestFile = process.argv[2];
    if (!requestFile) {
        process.stderr.write("usage: node .engine-driver.js REQUEST.json\n");
        process.exit(2);
    }
    const request = JSON.parse(readFileSync(requestFile, "utf8")) as DriverRequest;
    run(request).then(
        (result) => {
            writeFileSync(request.resultFile, JSON.stringify(result));
            process.exit(0);
        },
        (error: unknown) => {
            process.stderr.write(`the engine driver failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
            process.exit(1);
        },
    );
}
