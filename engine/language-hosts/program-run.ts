/**
 * What a language host makes of the engine's `Run` and `RunPlugin` requests, as pure functions: the command line and
 * environment of the program's process, the runtime options of Pulumi.yaml, and the answer for an exit code. The
 * flags, variables and answers are those of Pulumi's own hosts (`pulumi-language-nodejs`, `pulumi-language-python`
 * of pulumi/pulumi v3.274.1: read, not copied), so `@pulumi/pulumi/cmd/run` and the Python exec script read them as
 * they would there.
 */
import { isAbsolute, join } from "node:path";
import { z } from "zod";

/** A `RunRequest`, as plain data. */
export interface RunSpec {
    monitorAddress: string;
    /** The engine's address (the host's own argument, not the request's). */
    engineAddress: string;
    /** The folder the engine ran from. */
    pwd: string;
    project: string;
    stack: string;
    organization: string;
    /** The stack's config, `namespace:name` -> value. */
    config: Record<string, string>;
    /** The keys of {@link config} whose values are secrets. */
    configSecretKeys: string[];
    dryRun: boolean;
    parallel: number;
    /** The folder of Pulumi.yaml. */
    rootDirectory: string;
    /** The program's folder (Pulumi.yaml's `main`, or the root). */
    programDirectory: string;
    /** The entry point relative to the program folder: "." for the folder itself. */
    entryPoint: string;
    /** Pulumi.yaml's `runtime.options`. */
    options: Record<string, unknown>;
    /** Arguments after the program, from the engine. */
    args: string[];
}

/** The exit code with which a program says it has already shown its error (`bail`: the engine adds nothing). */
export const ALREADY_REPORTED_EXIT_CODE = 32;

/** What `Run` answers. */
export interface RunOutcome {
    /** Empty on success. */
    error: string;
    /** The program showed its error itself. */
    bail: boolean;
}

/** The answer for a program's process that exited with `code` (null: killed by `signal`). */
export function runOutcome(code: number | null, signal: NodeJS.Signals | null = null): RunOutcome {
    if (code === 0) return { error: "", bail: false };
    if (code === ALREADY_REPORTED_EXIT_CODE) return { error: "", bail: true };
    if (code === null) return { error: `Program exited unexpectedly: killed by ${String(signal)}`, bail: false };
    return { error: `Program exited with non-zero exit code: ${code}`, bail: false };
}

/** The answer when the program's process could not even start. */
export function startFailure(what: string, error: Error): RunOutcome {
    return { error: `Problem executing program (could not run language executor ${what}): ${error.message}`, bail: false };
}

/** A flag and its value, left out when the value is empty (as the Go hosts do). */
function flag(name: string, value: string): string[] {
    return value === "" ? [] : [`--${name}`, value];
}

/** `ns:name` (or the older `ns:config:name`) -> [ns, name], or an error naming the key. */
export function parseConfigKey(key: string): [string, string] {
    const parts = key.split(":");
    if (parts.length === 2 && parts[0] !== undefined && parts[1] !== undefined) return [parts[0], parts[1]];
    if (parts.length === 3 && parts[1] === "config" && parts[0] && parts[2]) return [parts[0], parts[2]];
    throw new Error(`could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`);
}

/**
 * `PULUMI_CONFIG` for `@pulumi/pulumi`: each key as `ns:config:name`, the form every SDK version reads (newer ones
 * read both).
 */
export function nodeConfigJson(config: Record<string, string>): string {
    const transformed: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        const [namespace, name] = parseConfigKey(key);
        transformed[`${namespace}:config:${name}`] = value;
    }
    return JSON.stringify(transformed);
}

/** Pulumi.yaml's `runtime.options` of a `nodejs` program. */
const NODE_OPTIONS = z.object({
    typescript: z.boolean({ error: "typescript option must be a boolean" }).default(true),
    tsconfig: z.string({ error: "tsconfig option must be a string" }).optional(),
    nodeargs: z.string({ error: "nodeargs option must be a string" }).optional(),
});
/** The `nodejs` runtime options this host reads. */
export type NodeOptions = z.infer<typeof NODE_OPTIONS>;

/** Pulumi.yaml's `runtime.options` of a `python` program. */
const PYTHON_OPTIONS = z.object({
    virtualenv: z.string({ error: "virtualenv option must be a string" }).optional(),
    toolchain: z.enum(["pip"], { error: "toolchain option: this engine's Python host runs only pip virtual environments" }).optional(),
});
/** The `python` runtime options this host reads. */
export type PythonOptions = z.infer<typeof PYTHON_OPTIONS>;

/** The first problem of a failed parse, as the Go hosts word it. */
function firstIssue(error: z.ZodError): string {
    return error.issues[0]?.message ?? error.message;
}

/** Pulumi.yaml's `runtime.options` for `nodejs`, or an error naming the option and what it accepts. */
export function parseNodeOptions(options: Record<string, unknown>): NodeOptions {
    const parsed = NODE_OPTIONS.safeParse(options);
    if (!parsed.success) throw new Error(firstIssue(parsed.error));
    return parsed.data;
}

/** Pulumi.yaml's `runtime.options` for `python`, or an error naming the option and what it accepts. */
export function parsePythonOptions(options: Record<string, unknown>): PythonOptions {
    const parsed = PYTHON_OPTIONS.safeParse(options);
    if (!parsed.success) throw new Error(firstIssue(parsed.error));
    return parsed.data;
}

/**
 * Splits `nodeargs` as a shell would split words (spaces, single and double quotes, backslash escapes), without
 * expanding anything.
 */
export function splitWords(text: string): string[] {
    const words: string[] = [];
    let word: string | undefined;
    let quote: "'" | '"' | undefined;
    for (let i = 0; i < text.length; i++) {
        const c = text[i] as string;
        if (quote) {
            if (c === quote) quote = undefined;
            else if (c === "\\" && quote === '"' && i + 1 < text.length) word = (word ?? "") + text[++i];
            else word = (word ?? "") + c;
        } else if (c === "'" || c === '"') {
            quote = c;
            word ??= "";
        } else if (c === "\\" && i + 1 < text.length) {
            word = (word ?? "") + text[++i];
        } else if (/\s/.test(c)) {
            if (word !== undefined) words.push(word);
            word = undefined;
        } else {
            word = (word ?? "") + c;
        }
    }
    if (quote) throw new Error(`nodeargs option has an unterminated ${quote} quote: ${text}`);
    if (word !== undefined) words.push(word);
    return words;
}

/** The environment the TypeScript options add for `@pulumi/pulumi`'s entry points (`cmd/run`, `cmd/run-policy-pack`). */
export function typescriptEnv(options: NodeOptions): Record<string, string> {
    return {
        ...(options.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
        ...(options.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: options.tsconfig } : {}),
    };
}

/** A process to start: `command args...` in `cwd` with `env` added to the host's environment. */
export interface ProcessSpec {
    command: string;
    args: string[];
    cwd: string;
    env: Record<string, string>;
}

/** `node [nodeargs] <cmd/run> --monitor ... <entry point> <args>` with the stack's config in its environment. */
export function nodeRunProcess(spec: RunSpec, runScript: string, node = "node"): ProcessSpec {
    const options = parseNodeOptions(spec.options);
    return {
        command: node,
        args: [
            ...splitWords(options.nodeargs ?? ""),
            runScript,
            ...flag("monitor", spec.monitorAddress),
            ...flag("engine", spec.engineAddress),
            ...flag("organization", spec.organization),
            ...flag("project", spec.project),
            ...flag("root-directory", spec.rootDirectory),
            ...flag("stack", spec.stack),
            ...flag("pwd", spec.programDirectory),
            ...(spec.dryRun ? ["--dry-run"] : []),
            ...flag("parallel", String(spec.parallel)),
            spec.entryPoint,
            ...spec.args,
        ],
        cwd: spec.pwd,
        env: {
            PULUMI_CONFIG: nodeConfigJson(spec.config),
            PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(spec.configSecretKeys),
            ...typescriptEnv(options),
        },
    };
}

/** A `RunPluginRequest`, as plain data. */
export interface RunPluginSpec {
    /** The engine's working folder. */
    pwd: string;
    /** `analyzer` for a policy pack. */
    kind: string;
    args: string[];
    /** `KEY=VALUE` entries: the whole environment of the plugin (the engine's, with its additions). */
    env: string[];
    /** The plugin's folder (a policy pack's, with PulumiPolicy.yaml). */
    programDirectory: string;
    options: Record<string, unknown>;
}

/** Whether a `RunPlugin` request is for a policy pack. */
export const isPolicyPack = (spec: RunPluginSpec) => spec.kind === "analyzer";

/** `KEY=VALUE` entries as an object (a later entry wins). */
export function envEntries(entries: readonly string[]): Record<string, string> {
    const env: Record<string, string> = {};
    for (const entry of entries) {
        const at = entry.indexOf("=");
        if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
    }
    return env;
}

/**
 * A Node.js plugin's process: a policy pack runs `node <cmd/run-policy-pack> [nodeargs] <args> <pack folder>` in
 * the pack's folder, any other plugin `node <cmd/run-plugin> [nodeargs] <folder> <args>` in the engine's.
 */
export function nodePluginProcess(spec: RunPluginSpec, script: string, node = "node"): ProcessSpec {
    const options = parseNodeOptions(spec.options);
    const nodeargs = splitWords(options.nodeargs ?? "");
    const policy = isPolicyPack(spec);
    return {
        command: node,
        args: [script, ...nodeargs, ...(policy ? [...spec.args, spec.programDirectory] : [spec.programDirectory, ...spec.args])],
        cwd: policy ? spec.programDirectory : spec.pwd,
        env: { ...envEntries(spec.env), ...typescriptEnv(options) },
    };
}

/** The Python of a virtual environment folder. */
export function venvPython(venv: string): string {
    return process.platform === "win32" ? join(venv, "Scripts", "python.exe") : join(venv, "bin", "python");
}

/**
 * The Python that runs the program, with the variables that activate its virtual environment: the `virtualenv`
 * option's (relative to Pulumi.yaml's folder), else the virtual environment active where `pulumi` was started
 * (`activeVenv`, from `VIRTUAL_ENV`), else `defaultPython` (the engine's).
 */
export function pythonInterpreter(
    spec: Pick<RunSpec, "rootDirectory" | "options">,
    defaultPython: string,
    activeVenv = process.env.VIRTUAL_ENV,
): { python: string; env: Record<string, string> } {
    const options = parsePythonOptions(spec.options);
    const chosen = options.virtualenv || activeVenv;
    if (!chosen) return { python: defaultPython, env: {} };
    const venv = isAbsolute(chosen) ? chosen : join(spec.rootDirectory, chosen);
    const bin = join(venv, process.platform === "win32" ? "Scripts" : "bin");
    return { python: venvPython(venv), env: { VIRTUAL_ENV: venv, PATH: [bin, process.env.PATH ?? ""].join(process.platform === "win32" ? ";" : ":") } };
}

/**
 * `python -u <exec script> --monitor ... --dry_run true|false ... <entry point> <args>` with the stack's config
 * (keys as the engine sent them) in its environment.
 */
export function pythonRunProcess(spec: RunSpec, execScript: string, defaultPython: string): ProcessSpec {
    const { python, env } = pythonInterpreter(spec, defaultPython);
    return {
        command: python,
        args: [
            "-u",
            execScript,
            ...flag("monitor", spec.monitorAddress),
            ...flag("engine", spec.engineAddress),
            ...flag("project", spec.project),
            ...flag("root_directory", spec.rootDirectory),
            ...flag("stack", spec.stack),
            ...flag("pwd", spec.pwd),
            ...flag("dry_run", String(spec.dryRun)),
            ...flag("parallel", String(spec.parallel)),
            ...flag("organization", spec.organization),
            spec.entryPoint,
            ...spec.args,
        ],
        cwd: spec.pwd,
        env: { ...env, PULUMI_CONFIG: JSON.stringify(spec.config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(spec.configSecretKeys) },
    };
}
