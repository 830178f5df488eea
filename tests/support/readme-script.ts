/**
 * A README shell block run as a user runs it, for the engine tests of each install route: the block's text as the
 * README has it, with only the placeholders a test names replaced (`<AccessKey ID>`, each of which must occur),
 * run by bash (`set -euo pipefail`, background jobs stopped at the end) in a folder laid out as the block expects,
 * with the test's environment (the emulator's endpoint in the variable the providers read, offline npm, ...).
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, realpathSync, symlinkSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import type { CodeBlock } from "./markdown-blocks";
import { hermeticEnv } from "./hermetic-env";
import { substitute } from "./readme-blocks";

/** A finished run. */
export interface ScriptRun {
    code: number;
    stdout: string;
    stderr: string;
}

/** How to run a block. */
export interface ScriptOptions {
    /** The folder the block starts in. */
    cwd: string;
    /** The environment (see {@link pulumiRouteEnv}). */
    env: NodeJS.ProcessEnv;
    /** Placeholders and what replaces them (each must occur in the block). */
    replacements?: Readonly<Record<string, string>>;
    timeoutMs?: number;
}

/** bash, found on this process's PATH (the blocks' own PATH may hold only the route's tools). */
function bashPath(): string {
    const found = (process.env.PATH ?? "")
        .split(delimiter)
        .map((folder) => join(folder, "bash"))
        .find((file) => existsSync(file));
    if (!found) throw new Error("bash is not on PATH");
    return found;
}

/** Runs `block`'s text with bash; never rejects. */
export function runShellBlock(block: CodeBlock, options: ScriptOptions): Promise<ScriptRun> {
    const code = options.replacements ? substitute(block.code, options.replacements) : block.code;
    const script = `set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n${code}\n`;
    return new Promise((resolve) => {
        execFile(
            bashPath(),
            ["-c", script],
            { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 600_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
            (error, stdout, stderr) => {
                const exit = error ? (typeof error.code === "number" ? error.code : -1) : 0;
                resolve({ code: exit, stdout: String(stdout), stderr: `${stderr}${error && exit === -1 ? `\n${error.message}` : ""}` });
            },
        );
    });
}

/** The system's folders, and this process's Node.js first (the npm routes run the plugin with it). */
export function systemWithNode(): string[] {
    return [dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"];
}

/** The Python interpreter `python3` on this process's PATH runs (a shim such as pyenv's resolved to it). */
export function pythonExecutable(): string {
    return execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();
}

/** `dir` holding links named as `tools`'s keys to their files, and nothing else: a PATH without `node`. */
export function linkedTools(dir: string, tools: Readonly<Record<string, string>>): string {
    mkdirSync(dir, { recursive: true });
    for (const [name, file] of Object.entries(tools)) if (!existsSync(join(dir, name))) symlinkSync(realpathSync(file), join(dir, name));
    if (existsSync(join(dir, "node"))) throw new Error(`${dir} holds a node`);
    return dir;
}

/** Where a route's Pulumi commands keep their files, and what they reach. */
export interface PulumiRouteSetting {
    /** The folder of the engine's `pulumi` (first on PATH). */
    engineBin: string;
    /** Scratch folders: HOME, PULUMI_HOME and the file backend's state. */
    home: string;
    pulumiHome: string;
    state: string;
    /** The emulator's URL, given as ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER (the README's `region` then chooses nothing). */
    endpoint: string;
    /** Folders before the engine's on PATH. */
    pathBefore?: readonly string[];
    /**
     * The folders after the engine's: the system's, with this process's Node.js (the npm routes), or only
     * {@link linkedTools} (the release's routes, which must run with no `node` on PATH: the system's has one).
     */
    system: readonly string[];
    /** More variables. */
    extra?: Record<string, string | undefined>;
}

/**
 * The environment of a route's README commands: hermetic (no credentials of the developer), a file backend and
 * passphrase, no update check, `PULUMI_SKIP_CONFIRMATIONS=true` (so `pulumi up`, as typed, runs without a terminal
 * to confirm on), offline npm, and the emulator's endpoint in the variable the providers read.
 */
export function pulumiRouteEnv(setting: PulumiRouteSetting): NodeJS.ProcessEnv {
    const path = [...(setting.pathBefore ?? []), setting.engineBin, ...setting.system];
    const env = hermeticEnv({
        PATH: path.join(delimiter),
        HOME: setting.home,
        PULUMI_HOME: setting.pulumiHome,
        PULUMI_BACKEND_URL: `file://${setting.state}`,
        PULUMI_CONFIG_PASSPHRASE: "readme-route",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER: setting.endpoint,
        npm_config_offline: "true",
        npm_config_update_notifier: "false",
        NODE_OPTIONS: undefined,
        VIRTUAL_ENV: undefined,
        PYTHONPATH: undefined,
        ...setting.extra,
    });
    // What `npm test` exports about this repository would point npm at it instead of the example's folder.
    for (const name of Object.keys(env)) if (/^npm_(package|lifecycle|config_(local_)?prefix)|^INIT_CWD$/i.test(name)) delete env[name];
    return env;
}

/** pip's downloads from the developer's cache (the Pulumi SDK from PyPI), at the versions the engine's environment pins. */
export function pipFromCache(constraints: string): Record<string, string> {
    return { PIP_CACHE_DIR: join(homedir(), ".cache", "pip"), PIP_CONSTRAINT: constraints, PIP_DISABLE_PIP_VERSION_CHECK: "1" };
}

/** `pulumi stack output --json --show-secrets` of the stack selected in `dir`, parsed. */
export function stackOutputsIn(pulumi: string, dir: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
    const stdout = execFileSync(pulumi, ["stack", "output", "--json", "--show-secrets", "--non-interactive"], { cwd: dir, env, encoding: "utf8" });
    return JSON.parse(stdout) as Record<string, unknown>;
}
