/**
 * A user's Pulumi project driven by the real engine, offline: the `pulumi` CLI that `npm run engine` built, a
 * file backend and `PULUMI_HOME` in a temporary folder, a passphrase, no update check, no plugin acquisition,
 * no Alibaba Cloud variable from the developer's environment, and HOME pointing at an empty folder (so no
 * `~/.aliyun` profile is found by accident).
 *
 * The project is a folder inside a consumer project (the `npm pack` tarball and `@pulumi/pulumi` from the
 * registry in its node_modules), with a Pulumi.yaml, a tsconfig.json as `pulumi new typescript` writes it, and
 * the program's files. Every command is the CLI as a user types it (`pulumi up`, `preview`, `refresh`, `destroy`,
 * `config set`, `stack output` ...), with the engine's folder first on PATH: the engine's language hosts
 * (`engine/language-hosts/`) run the program.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import type { PulumiEngine } from "../../../engine/pulumi-engine";
import type { ConsumerProject } from "../consumer-project";
import { hermeticEnv } from "../hermetic-env";
import { PULUMI_NEW_TSCONFIG } from "../pulumi-new-tsconfig";
import { changeSummaryOf } from "./engine-results";

/** The passphrase of every test stack's secrets provider. */
export const STACK_PASSPHRASE = "engine-tests-passphrase";

/** What a CLI command printed and how it exited. */
export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

/** An operation that runs the program. */
export type Operation = "up" | "preview" | "refresh" | "destroy";

/** Options of one operation, as the CLI flags of the same names. */
export interface OperationOptions {
    /** `--expect-no-changes` (preview, up). */
    expectNoChanges?: boolean;
    /** `--diff`. */
    diff?: boolean;
    /** `--policy-pack` folders and `--policy-pack-config` files. */
    policyPacks?: string[];
    policyPackConfigs?: string[];
    /**
     * Type-check the program with the project's tsconfig.json, as `@pulumi/pulumi/cmd/run` does by default; false
     * (the tests' default, for time) transpiles only (`PULUMI_NODEJS_TRANSPILE_ONLY=true`).
     */
    typeCheck?: boolean;
}

/** What an operation did: the CLI's exit and output, and the changes its summary counted. */
export interface OperationResult extends CliResult {
    /** Whether the CLI exited 0. */
    ok: boolean;
    /** Resource changes by kind (`create`, `update`, `delete`, `same`, ...), from the summary the CLI printed. */
    changeSummary: Record<string, number>;
}

/** The CLI's arguments for `operation` with `options`, as a user types them. */
export function operationArgs(operation: Operation, options: OperationOptions = {}): string[] {
    // `up` skips its preview, so each test says whether it previews: a user's `pulumi up` is `preview`, then this.
    const base = { up: ["up", "--yes", "--skip-preview"], preview: ["preview"], refresh: ["refresh", "--yes"], destroy: ["destroy", "--yes"] }[operation];
    return [
        ...base,
        ...(options.expectNoChanges ? ["--expect-no-changes"] : []),
        ...(options.diff ? ["--diff"] : []),
        ...(options.policyPacks ?? []).flatMap((pack) => ["--policy-pack", pack]),
        ...(options.policyPackConfigs ?? []).flatMap((config) => ["--policy-pack-config", config]),
    ];
}

/** A Pulumi project folder with its own backend and home; see the module's documentation. */
export class EngineWorkspace {
    /** The project folder (Pulumi.yaml, tsconfig.json, index.ts). */
    readonly dir: string;
    /** The environment of every command: offline, hermetic, the engine first on PATH. */
    readonly env: NodeJS.ProcessEnv;
    readonly stackName = "dev";
    private readonly scratch: string;

    /**
     * @param files the program's files by name (index.ts at least), written into the project folder.
     * @param name the project's name in Pulumi.yaml.
     * @param projectFile the Pulumi.yaml to write instead of the TypeScript one (a YAML program, say).
     */
    constructor(
        readonly project: ConsumerProject,
        readonly engine: PulumiEngine,
        files: Record<string, string>,
        name = "engine-test",
        projectFile?: string,
    ) {
        this.dir = mkdtempSync(join(project.dir, `${name}-`));
        this.scratch = join(this.dir, ".scratch");
        for (const folder of ["home", "pulumi-home", "state", "requests", "tmp"]) mkdirSync(join(this.scratch, folder), { recursive: true });
        writeFileSync(
            join(this.dir, "Pulumi.yaml"),
            projectFile ??
                `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\ndescription: A user's program run by the engine tests.\n`,
        );
        writeFileSync(join(this.dir, "tsconfig.json"), JSON.stringify(PULUMI_NEW_TSCONFIG, null, 4));
        for (const [file, text] of Object.entries(files)) writeFileSync(join(this.dir, file), text);
        this.env = hermeticEnv({
            PATH: [engine.binDir, dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
            HOME: join(this.scratch, "home"),
            // The CLI and the language hosts' children leave files in the temporary folder: keep them in the project's.
            TMPDIR: join(this.scratch, "tmp"),
            PULUMI_HOME: join(this.scratch, "pulumi-home"),
            PULUMI_BACKEND_URL: `file://${join(this.scratch, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: STACK_PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: undefined,
            NODE_OPTIONS: undefined,
            TS_NODE_PROJECT: undefined,
        });
    }

    /** Runs `pulumi ARGS` in the project folder. Never rejects: the result says how it exited. */
    pulumi(args: readonly string[], timeoutMs = 120_000): Promise<CliResult> {
        return this.exec(this.engine.pulumi, [...args, "--non-interactive"], timeoutMs);
    }

    /** `pulumi stack init`, then `pulumi config set` for each entry (`secret: true` encrypts it). */
    async initStack(config: readonly { key: string; value: string; secret?: boolean; path?: boolean }[] = []): Promise<void> {
        await this.mustSucceed(["stack", "init", this.stackName]);
        for (const entry of config) await this.setConfig(entry.key, entry.value, entry);
    }

    /** `pulumi config set [--secret] [--path] KEY VALUE`. */
    async setConfig(key: string, value: string, flags: { secret?: boolean; path?: boolean } = {}): Promise<void> {
        const args = ["config", "set", ...(flags.secret ? ["--secret"] : ["--plaintext"]), ...(flags.path ? ["--path"] : []), key, value];
        await this.mustSucceed(args);
    }

    /** `pulumi config rm KEY`. */
    async removeConfig(key: string): Promise<void> {
        await this.mustSucceed(["config", "rm", key]);
    }

    /** `pulumi stack output --json --show-secrets`, parsed. */
    async stackOutputs(): Promise<Record<string, unknown>> {
        return JSON.parse((await this.mustSucceed(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
    }

    /** `pulumi stack export`, as text. */
    async exportStack(): Promise<string> {
        return (await this.mustSucceed(["stack", "export"])).stdout;
    }

    /** Runs `pulumi OPERATION` on the program with the CLI, as a user types it (see {@link operationArgs}). */
    async operation(operation: Operation, options: OperationOptions = {}, timeoutMs = 240_000): Promise<OperationResult> {
        const env = { PULUMI_NODEJS_TRANSPILE_ONLY: options.typeCheck ? "false" : "true" };
        const result = await this.exec(this.engine.pulumi, [...operationArgs(operation, options), "--non-interactive"], timeoutMs, env);
        return { ...result, ok: result.code === 0, changeSummary: changeSummaryOf(result.stdout) };
    }

    /**
     * Runs `pulumi OPERATION --yes` (or `preview`) on the project, for the plugin's programs (YAML). `preview` prints the engine's events as JSON lines (`--json` with
     * `PULUMI_ENABLE_STREAMING_JSON_PREVIEW`: the only preview JSON that holds the outputs the program registered);
     * read them with {@link previewStackOutputs}.
     */
    async cli(operation: "preview" | "up" | "refresh" | "destroy", extra: readonly string[] = [], timeoutMs = 240_000): Promise<CliResult> {
        if (operation === "preview") {
            return this.exec(this.engine.pulumi, ["preview", "--json", "--non-interactive", ...extra], timeoutMs, {
                PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true",
            });
        }
        return this.pulumi([operation, "--yes", ...(operation === "up" ? ["--skip-preview"] : []), ...extra], timeoutMs);
    }

    /** Runs `file ARGS` in the project folder with the workspace's environment (plus `extraEnv`). Never rejects. */
    run(file: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}, timeoutMs = 240_000): Promise<CliResult> {
        return this.exec(file, args, timeoutMs, extraEnv);
    }

    /** Removes the project folder (the consumer project stays for other workspaces). */
    remove(): void {
        if (process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(this.dir, { recursive: true, force: true });
    }

    private async mustSucceed(args: readonly string[]): Promise<CliResult> {
        const result = await this.pulumi(args);
        if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${result.code})\n${result.stdout}\n${result.stderr}`);
        return result;
    }

    private exec(file: string, args: readonly string[], timeoutMs: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<CliResult> {
        return new Promise((resolve) => {
            execFile(
                file,
                [...args],
                { cwd: this.dir, env: { ...this.env, ...extraEnv }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
                (error, stdout, stderr) => {
                    const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
                    resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && code === -1 ? `\n${error.message}` : "") });
                },
            );
        });
    }
}

/** The stack's outputs as a streamed preview (see {@link EngineWorkspace.cli}) planned them: its last outputs event. */
export function previewStackOutputs(events: string): Record<string, unknown> | undefined {
    let outputs: Record<string, unknown> | undefined;
    for (const line of events.split("\n")) {
        if (!line.trim().startsWith("{")) continue;
        const event = JSON.parse(line) as { resOutputsEvent?: { metadata?: { type?: string; new?: { outputs?: Record<string, unknown> } } } };
        const metadata = event.resOutputsEvent?.metadata;
        if (metadata?.type === "pulumi:pulumi:Stack" && metadata.new?.outputs) outputs = metadata.new.outputs;
    }
    return outputs;
}
