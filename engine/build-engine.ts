/**
 * `npm run engine`: builds what is missing of the Pulumi engine the engine tests run, and prints, as its last
 * line, the absolute path of the folder that holds `pulumi` and every plugin executable the tests put on PATH.
 *
 * - `pulumi`: the CLI's `main` package built from the Go module proxy at the version go.mod pins, with the
 *   release's flags. No package registry ships a Pulumi CLI binary, and `go install` of it fails on the
 *   `replace` lines of pkg/go.mod, so this folder is a tools module that requires pkg and sdk at the same
 *   version and copies pkg's non-relative `replace` line.
 * - `pulumi-language-yaml`: the YAML language host, from its own module in `yaml/` (it does not compile against
 *   the CLI's pulumi version), with its release's flags, so `runtime: yaml` programs run.
 * - `pulumi-gen-sdk`: `gen-sdk/`, which generates SDKs from a schema with pulumi's code generators in process
 *   (`pulumi package gen-sdk` needs the language plugins, which the Go module proxy does not serve).
 * - the shim in `shims/`: the dynamic-provider host `pulumi-resource-pulumi-nodejs`, which the CLI release bundles
 *   and no Go module ships.
 * - `pulumi-language-nodejs` and `pulumi-language-python`: this engine's language hosts, in TypeScript
 *   (`language-hosts/`, installed by `build-language-hosts.ts`), so `pulumi up` runs TypeScript and Python programs
 *   and `nodejs` policy packs as users type it.
 * - a Python virtual environment (beside the engine folder, see `pythonVenvDir()`) with
 *   `python-requirements.txt` installed: the Pulumi SDK, with which `pulumi-language-python` runs programs.
 * - `tofu`, `terraform` and `opa`, for the Terraform provider's tests (`build-terraform-clis.ts`,
 *   `terraform-clis.ts`): OpenTofu and OPA from their tools modules `tofu/` and `opa/`, Terraform by `go install`.
 *
 * Idempotent: a warm run only checks the binary's version, the other files and the Python environment (about a
 * second). Without Go or Python it fails at once saying what to install; nothing else in the repository needs them.
 *
 * Safe to run twice at once on one cache: each step (the CLI, the YAML host, the generator, the Python
 * environment, the language hosts, each Terraform-side CLI) holds a lock file while it builds (`build-lock.ts`), and a second run waits
 * for it, then finds the step done. The shims are replaced by renaming complete files. Each step prints what it
 * does, and a long one prints a line every 30 s (`build-steps.ts`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { withLock } from "../toolchain/build-lock";
import { PYTHON_REQUIREMENTS, pythonEnvironmentPython, pythonStampPath, pythonVenvDir } from "../toolchain/python-environment";
import { EngineBuildError, ensureStep, goBuild, progress, runChild, since } from "./build-steps";
import { ensureLanguageHosts } from "./build-language-hosts";
import { ensureTerraformClis } from "./build-terraform-clis";
import {
    ENGINE_MODULE_DIR,
    engineBinDir,
    GEN_SDK_DIR,
    GEN_SDK_NAME,
    genSdkSourceHash,
    genSdkStampPath,
    pinnedPulumiVersion,
    pinnedYamlVersion,
    PULUMI_CLI_PACKAGE,
    releaseBuildFlags,
    requiredGoVersion,
    SHIM_NAMES,
    SHIMS_DIR,
    YAML_LANGUAGE_HOST_PACKAGE,
    YAML_MODULE_DIR,
    yamlBuildFlags,
} from "./pulumi-engine";

/** The oldest Python the pinned Pulumi SDK supports (its `Requires-Python`). */
export const REQUIRED_PYTHON_VERSION = "3.10";

/** `1.26.8` -> [1, 26, 8]. */
function versionParts(version: string): number[] {
    return version.split(".").map((part) => Number.parseInt(part, 10) || 0);
}

/** Whether version `a` is at least `b` (dotted numbers). */
export function atLeast(a: string, b: string): boolean {
    const [pa, pb] = [versionParts(a), versionParts(b)];
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const [x, y] = [pa[i] ?? 0, pb[i] ?? 0];
        if (x !== y) return x > y;
    }
    return true;
}

/** The Go on PATH (`go1.26.8` -> `1.26.8`), or an error saying what to install. */
function checkGo(): string {
    const required = requiredGoVersion();
    const advice =
        `npm run engine builds the Pulumi CLI from Go modules and needs Go ${required} or later on PATH ` +
        "(install Go, then run it again). Only the engine tests need it: `npm test` runs with Node.js alone.";
    let found: string;
    try {
        found = execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8", env: { ...process.env, GOTOOLCHAIN: "local" } }).trim();
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new EngineBuildError(code === "ENOENT" ? `Go was not found. ${advice}` : `\`go env GOVERSION\` failed (${String(error)}). ${advice}`);
    }
    const version = found.replace(/^go/, "").replace(/[^0-9.].*$/, "");
    if (!atLeast(version, required)) throw new EngineBuildError(`Go ${version} is too old. ${advice}`);
    return version;
}

/** The version a `pulumi` binary reports, or undefined when it does not run. */
function builtVersion(pulumi: string): string | undefined {
    if (!existsSync(pulumi)) return undefined;
    const result = spawnSync(pulumi, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
    return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Builds the CLI into `binDir/pulumi` unless it is there at `version`. */
async function ensureCli(binDir: string, version: string): Promise<void> {
    const pulumi = join(binDir, "pulumi");
    await ensureStep(
        binDir,
        "pulumi",
        () => builtVersion(pulumi) === version,
        async () => {
            progress(
                `building pulumi ${version} from the Go module proxy into ${binDir}\n` +
                    "(a cold build downloads about 340 modules and compiles for several minutes; Go's caches make the next one fast)",
            );
            await goBuild({
                label: `pulumi ${version}`,
                moduleDir: ENGINE_MODULE_DIR,
                pkg: PULUMI_CLI_PACKAGE,
                flags: releaseBuildFlags(version),
                target: pulumi,
            });
            const built = builtVersion(pulumi);
            if (built !== version) throw new EngineBuildError(`the built pulumi reports version ${String(built)}, expected ${version}`);
        },
    );
}

/** Builds `binDir/pulumi-language-yaml` from `yaml/` when it is not there (the folder's name covers its inputs). */
async function ensureYamlLanguageHost(binDir: string): Promise<void> {
    const target = join(binDir, "pulumi-language-yaml");
    const version = pinnedYamlVersion();
    await ensureStep(
        binDir,
        "pulumi-language-yaml",
        () => existsSync(target),
        async () => {
            progress(`building pulumi-language-yaml ${version} from the Go module proxy (about a minute cold)`);
            await goBuild({
                label: `pulumi-language-yaml ${version}`,
                moduleDir: YAML_MODULE_DIR,
                pkg: YAML_LANGUAGE_HOST_PACKAGE,
                flags: yamlBuildFlags(version),
                target,
            });
        },
    );
}

/** Builds `binDir/pulumi-gen-sdk` when it is missing or older than `gen-sdk/`, and records the sources' hash. */
async function ensureGenSdk(binDir: string): Promise<void> {
    const target = join(binDir, GEN_SDK_NAME);
    const stamp = genSdkStampPath();
    const hash = genSdkSourceHash();
    await ensureStep(
        binDir,
        GEN_SDK_NAME,
        () => existsSync(target) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash,
        async () => {
            progress(`building ${GEN_SDK_NAME} (gen-sdk/ changed or it is missing)`);
            await goBuild({
                label: GEN_SDK_NAME,
                moduleDir: ENGINE_MODULE_DIR,
                pkg: `./${relative(ENGINE_MODULE_DIR, GEN_SDK_DIR)}`,
                flags: ["-trimpath"],
                target,
            });
            writeFileSync(stamp, `${hash}\n`);
        },
    );
}

/** Copies each shim into `binDir` when it differs, executable, by renaming a complete copy over it. */
function installShims(binDir: string): void {
    for (const name of SHIM_NAMES) {
        const source = readFileSync(join(SHIMS_DIR, name));
        const target = join(binDir, name);
        if (existsSync(target) && readFileSync(target).equals(source)) continue;
        const partial = `${target}.partial-${process.pid}`;
        writeFileSync(partial, source);
        chmodSync(partial, 0o755);
        renameSync(partial, target);
    }
}

/** `Python 3.11.7` (what `python3 --version` prints) -> `3.11.7`, or undefined when it is something else. */
export function parsePythonVersion(output: string): string | undefined {
    return /^Python (\d+\.\d+(?:\.\d+)?)/.exec(output.trim())?.[1];
}

/** The Python 3 on PATH (its version), or an error saying what to install. */
function checkPython(): string {
    const advice =
        `npm run engine makes a Python virtual environment with the Pulumi SDK for the engine tests and needs Python ` +
        `${REQUIRED_PYTHON_VERSION} or later, with its venv module, on PATH as python3 (install it, then run it again). ` +
        "Only the engine tests need it: `npm test` runs with Node.js alone.";
    const result = spawnSync("python3", ["--version"], { encoding: "utf8" });
    if (result.error) {
        const code = (result.error as NodeJS.ErrnoException).code;
        throw new EngineBuildError(
            code === "ENOENT" ? `Python 3 was not found. ${advice}` : `\`python3 --version\` failed (${result.error.message}). ${advice}`,
        );
    }
    const output = `${result.stdout}${result.stderr}`.trim();
    const version = parsePythonVersion(output);
    if (result.status !== 0 || !version) throw new EngineBuildError(`\`python3 --version\` failed (${output}). ${advice}`);
    if (!atLeast(version, REQUIRED_PYTHON_VERSION)) throw new EngineBuildError(`Python ${version} is too old. ${advice}`);
    return version;
}

/** Whether the virtual environment is installed and its Python finds the Pulumi SDK (found, not imported: fast). */
function pythonEnvReady(): boolean {
    if (!existsSync(pythonStampPath())) return false;
    const check = "import importlib.util, sys; sys.exit(importlib.util.find_spec('pulumi') is None)";
    return spawnSync(pythonEnvironmentPython(), ["-c", check], { stdio: "ignore" }).status === 0;
}

/** Runs `command` for the Python environment's build, its output on stderr, or fails saying what it was for. */
async function runPythonStep(what: string, command: string, args: string[], hint = ""): Promise<void> {
    const result = await runChild(`running ${what}`, command, args, { env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1", PIP_NO_INPUT: "1" } });
    if (result.status !== 0) {
        throw new EngineBuildError(`${what} failed (${result.error?.message ?? `exit ${String(result.status)}`}); see the output above${hint}`);
    }
}

/**
 * Makes the virtual environment from scratch (`python3 -m venv`, `pip install -r python-requirements.txt`) and
 * records its `pip freeze` last, so an interrupted install is redone.
 */
async function installPythonEnv(pythonVersion: string): Promise<void> {
    const venv = pythonVenvDir();
    rmSync(dirname(venv), { recursive: true, force: true });
    mkdirSync(dirname(venv), { recursive: true });
    process.stderr.write(`making the Python ${pythonVersion} environment ${venv} (pip install -r ${PYTHON_REQUIREMENTS})\n`);
    const started = Date.now();
    await runPythonStep(`python3 -m venv ${venv}`, "python3", ["-m", "venv", venv], " (on Debian and Ubuntu, install python3-venv)");
    const python = pythonEnvironmentPython();
    await runPythonStep(`pip install -r ${PYTHON_REQUIREMENTS}`, python, ["-m", "pip", "install", "--quiet", "-r", PYTHON_REQUIREMENTS]);
    const freeze = spawnSync(python, ["-m", "pip", "freeze"], { encoding: "utf8", env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" } });
    if (freeze.status !== 0) throw new EngineBuildError(`pip freeze in ${venv} failed: ${freeze.stderr.trim()}`);
    writeFileSync(pythonStampPath(), freeze.stdout);
    progress(`made the Python environment in ${since(started)}`);
}

/** The lock file of the Python environment's step (beside its folder, which the step deletes and makes again). */
function pythonLockPath(): string {
    return `${dirname(pythonVenvDir())}.lock`;
}

/**
 * Makes the Python environment unless it is ready, under its lock; `pythonVersion` is the checked `python3`'s
 * version (undefined: check it here).
 */
export async function ensurePythonEnv(pythonVersion?: string): Promise<void> {
    const started = Date.now();
    if (pythonEnvReady()) return void progress(`the Python environment ${pythonVenvDir()}: up to date (checked in ${since(started)})`);
    const version = pythonVersion ?? checkPython();
    mkdirSync(dirname(pythonLockPath()), { recursive: true });
    await withLock(pythonLockPath(), `the Python environment ${pythonVenvDir()}`, async () => {
        if (pythonEnvReady()) return void progress(`the Python environment ${pythonVenvDir()}: made by the build this one waited for`);
        await installPythonEnv(version);
    });
}

/** Builds what is missing and returns the bin folder. */
export async function buildEngine(): Promise<string> {
    const started = Date.now();
    checkGo();
    // Checked before any build, so a missing Python fails at once rather than after minutes of compiling.
    const pythonVersion = pythonEnvReady() ? undefined : checkPython();
    progress(`npm run engine: checking each step (cache ${dirname(dirname(dirname(engineBinDir())))})`);
    const version = pinnedPulumiVersion();
    const binDir = engineBinDir();
    mkdirSync(binDir, { recursive: true });
    await ensureCli(binDir, version);
    await ensureYamlLanguageHost(binDir);
    await ensureGenSdk(binDir);
    installShims(binDir);
    await ensurePythonEnv(pythonVersion);
    await ensureLanguageHosts(binDir);
    await ensureTerraformClis(binDir);
    progress(`npm run engine: ready in ${since(started)}`);
    return binDir;
}

/** The message for a failure of `npm run engine`. */
function failureMessage(error: unknown): string {
    return error instanceof EngineBuildError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
}

if (require.main === module) {
    buildEngine().then(
        (binDir) => process.stdout.write(`${binDir}\n`),
        (error: unknown) => {
            process.stderr.write(`${failureMessage(error)}\n`);
            process.exit(1);
        },
    );
}
