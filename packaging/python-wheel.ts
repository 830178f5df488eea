/**
 * The Python SDK's wheel: `pip wheel` of the generated SDK (sdks/python), built offline with the setuptools of the
 * engine's Python environment (`npm run engine`), into `release/`. The wheel carries the SDK's
 * `pulumi-plugin.json`, naming the plugin, its version and where the CLI downloads it; the build checks it does.
 *
 *     npm run release     # writes, among the release's artefacts, release/pulumi_alicloud_message_contacts-<version>-py3-none-any.whl
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { pythonEnvironmentPython } from "../toolchain/python-environment";
import { PYTHON_PACKAGE } from "../provider/plugin/schema";

/** The repository's root. */
const REPO_ROOT = resolve(__dirname, "..");
/** The generated Python SDK. */
export const PYTHON_SDK_DIR = join(REPO_ROOT, "sdks", "python");
/** Where release artefacts go (ignored by git). */
export const RELEASE_DIR = join(REPO_ROOT, "release");

/** The wheel's file name for `version` (a pure-Python wheel, any platform). */
export function wheelFileName(version: string): string {
    return `${PYTHON_PACKAGE}-${version}-py3-none-any.whl`;
}

/** What `pulumi-plugin.json` says: the plugin the SDK's resources ask the engine for. */
export const PulumiPluginJson = z.object({ resource: z.literal(true), name: z.string(), version: z.string(), server: z.string().optional() });
/** A parsed `pulumi-plugin.json`. */
export type PulumiPluginJson = z.infer<typeof PulumiPluginJson>;

/** Options of {@link buildPythonWheel}. */
export interface PythonWheelOptions {
    /** The folder to write the wheel into (created). Default: `release/`. */
    outDir?: string;
    /** The Python with setuptools and wheel. Default: the engine's virtual environment's. */
    python?: string;
    /** The generated SDK. Default: sdks/python. */
    sdkDir?: string;
}

/** Runs `python args`; throws with its output when it fails. */
function runPython(python: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
    const run = spawnSync(python, args, { encoding: "utf8", env });
    if (run.error || run.status !== 0) {
        throw new Error(`${python} ${args.join(" ")} failed (${run.error?.message ?? `exit ${String(run.status)}`})\n${run.stderr}${run.stdout}`);
    }
    return run.stdout;
}

/** The SDK's version, from its pyproject.toml (which the generator writes from the schema's version). */
function sdkVersion(sdkDir: string): string {
    const version = /^\s*version = "([^"]+)"$/m.exec(readFileSync(join(sdkDir, "pyproject.toml"), "utf8"))?.[1];
    if (!version) throw new Error(`${join(sdkDir, "pyproject.toml")} has no version`);
    return version;
}

/** The `pulumi-plugin.json` inside a wheel, read with Python's zipfile. */
export function pluginJsonInWheel(python: string, wheel: string): PulumiPluginJson {
    const member = `${PYTHON_PACKAGE}/pulumi-plugin.json`;
    const script = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())";
    return PulumiPluginJson.parse(JSON.parse(runPython(python, ["-c", script, wheel, member])));
}

/**
 * Builds the wheel of the generated Python SDK into `outDir` and returns its path. Offline: no build isolation,
 * no index (setuptools and wheel come from `python`'s environment), from a copy of the SDK (a build writes into
 * the source folder). File dates in the wheel are `SOURCE_DATE_EPOCH` (default 1980-01-01), so the same sources
 * give the same bytes. Throws when the wheel does not carry the SDK's `pulumi-plugin.json`.
 */
export function buildPythonWheel(options: PythonWheelOptions = {}): string {
    const python = options.python ?? pythonEnvironmentPython();
    const sdkDir = options.sdkDir ?? PYTHON_SDK_DIR;
    const outDir = options.outDir ?? RELEASE_DIR;
    const version = sdkVersion(sdkDir);
    const scratch = mkdtempSync(join(tmpdir(), "python-wheel-"));
    try {
        const source = join(scratch, "sdk");
        cpSync(sdkDir, source, { recursive: true });
        const built = join(scratch, "wheel");
        runPython(python, ["-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", built, source], {
            ...process.env,
            SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? "315532800",
            PIP_DISABLE_PIP_VERSION_CHECK: "1",
        });
        const wheels = readdirSync(built);
        if (wheels.length !== 1 || wheels[0] !== wheelFileName(version)) {
            throw new Error(`pip wheel wrote ${JSON.stringify(wheels)}, expected ${wheelFileName(version)}`);
        }
        const wheel = join(built, wheelFileName(version));
        const expected = PulumiPluginJson.parse(JSON.parse(readFileSync(join(sdkDir, PYTHON_PACKAGE, "pulumi-plugin.json"), "utf8")));
        const inside = pluginJsonInWheel(python, wheel);
        if (JSON.stringify(inside) !== JSON.stringify(expected)) {
            throw new Error(`the wheel's pulumi-plugin.json is ${JSON.stringify(inside)}, expected ${JSON.stringify(expected)}`);
        }
        mkdirSync(outDir, { recursive: true });
        const target = join(outDir, wheelFileName(version));
        rmSync(target, { force: true });
        cpSync(wheel, `${target}.partial`);
        renameSync(`${target}.partial`, target);
        return target;
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const wheel = buildPythonWheel();
    process.stdout.write(`wrote ${wheel}\n`);
}
