/**
 * Where the Pulumi engine that the engine tests run lives: the `pulumi` CLI built from the Go module proxy at
 * the version pinned by this folder's go.mod, the YAML language host (`yaml/go.mod`), the SDK generator
 * (`gen-sdk/`) and the plugin shims beside it, in one folder under the user's cache (never in the repository), and
 * a Python virtual environment with the Pulumi SDK (`python-requirements.txt`) beside that folder. `npm run engine`
 * fills them (`build-engine.ts`); the engine tests only find them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { cacheRoot, shortHash } from "../toolchain/cache";
import { pythonEnvironmentPython, pythonStampPath, pythonVenvDir } from "../toolchain/python-environment";

/** This folder: the tools module (go.mod, go.sum) and the shims. */
export const ENGINE_MODULE_DIR = resolve(__dirname);
/** The plugin shims copied beside `pulumi`: executables the CLI release bundles and no Go module ships. */
export const SHIMS_DIR = join(ENGINE_MODULE_DIR, "shims");
/** The Go package of the CLI's `main`. */
export const PULUMI_CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";

/** The module that builds the YAML language host (its own: pulumi-yaml needs an older pulumi, see its go.mod). */
export const YAML_MODULE_DIR = join(ENGINE_MODULE_DIR, "yaml");
/** The Go package of the YAML language host's `main`, built into the bin folder as `pulumi-language-yaml`. */
export const YAML_LANGUAGE_HOST_PACKAGE = "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml";
/** The SDK generator's `main` package, in the tools module (see `gen-sdk/main.go`). */
export const GEN_SDK_DIR = join(ENGINE_MODULE_DIR, "gen-sdk");
/** The name of the SDK generator's executable in the bin folder. */
export const GEN_SDK_NAME = "pulumi-gen-sdk";
/** The TypeScript sources of this engine's language hosts (`build-language-hosts.ts` installs them). */
export const LANGUAGE_HOSTS_DIR = join(ENGINE_MODULE_DIR, "language-hosts");
/** The language hosts' executables in the bin folder (no Go module serves Pulumi's own). */
export const LANGUAGE_HOST_NAMES = ["pulumi-language-nodejs", "pulumi-language-python"] as const;

/** The build flags of Pulumi's releases (`.goreleaser.yml`, `scripts/go-wrapper.sh`), for `version`. */
export function releaseBuildFlags(version: string): string[] {
    return ["-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${version}`];
}

/** The build flags of pulumi-yaml's releases (its `.goreleaser.yml`), for `version`. */
export function yamlBuildFlags(version: string): string[] {
    return ["-trimpath", "-ldflags", `-X github.com/pulumi/pulumi-yaml/pkg/version.Version=${version}`];
}

/** A file of this folder, by its path relative to it. */
function readModuleFile(name: string): string {
    return readFileSync(join(ENGINE_MODULE_DIR, name), "utf8");
}

/** The version a go.mod's text requires of `modulePath` (`vX.Y.Z`), or undefined when it does not require it. */
export function requiredModuleVersion(goMod: string, modulePath: string): string | undefined {
    const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`^(?:require\\s+|\\s*)${escaped} (v\\d+\\.\\d+\\.\\d+)\\b`, "m").exec(goMod)?.[1];
}

/** The version `file` (a go.mod of this folder) requires of `modulePath`, or an error naming both. */
function pinnedVersion(file: string, modulePath: string): string {
    const version = requiredModuleVersion(readModuleFile(file), modulePath);
    if (!version) throw new Error(`${join(ENGINE_MODULE_DIR, file)} does not require ${modulePath}`);
    return version;
}

/** The Pulumi version go.mod pins (`github.com/pulumi/pulumi/pkg/v3 vX.Y.Z`). */
export function pinnedPulumiVersion(): string {
    return pinnedVersion("go.mod", "github.com/pulumi/pulumi/pkg/v3");
}

/** The pulumi-yaml version yaml/go.mod pins (`github.com/pulumi/pulumi-yaml vX.Y.Z`). */
export function pinnedYamlVersion(): string {
    return pinnedVersion(join("yaml", "go.mod"), "github.com/pulumi/pulumi-yaml");
}

/** The oldest Go that go.mod accepts (its `go` line). */
export function requiredGoVersion(): string {
    const match = /^go (\d+\.\d+(?:\.\d+)?)\s*$/m.exec(readModuleFile("go.mod"));
    if (!match?.[1]) throw new Error(`${join(ENGINE_MODULE_DIR, "go.mod")} has no go line`);
    return match[1];
}

/**
 * The folder holding `pulumi`, `pulumi-language-yaml`, `pulumi-gen-sdk` and the plugin shims. Named after the
 * version and a hash of what decides the Go binaries' modules (both go.mod and go.sum files, the build flags), so a
 * change of any of them builds into a new folder. `pulumi-gen-sdk`'s own sources are not in the name: the build
 * records their hash beside the folder ({@link genSdkStampPath}) and rebuilds only the generator when they change.
 */
export function engineBinDir(): string {
    const version = pinnedPulumiVersion();
    const hash = shortHash([
        readModuleFile("go.mod"),
        readModuleFile("go.sum"),
        JSON.stringify(releaseBuildFlags(version)),
        readModuleFile(join("yaml", "go.mod")),
        readModuleFile(join("yaml", "go.sum")),
        JSON.stringify(yamlBuildFlags(pinnedYamlVersion())),
    ]);
    return join(cacheRoot(), "engine", `pulumi-${version}-${hash}`, "bin");
}

/** The hash of the SDK generator's sources (every file in {@link GEN_SDK_DIR}, by name and content). */
export function genSdkSourceHash(): string {
    const names = readdirSync(GEN_SDK_DIR).sort();
    return shortHash(names.flatMap((name) => [name, readFileSync(join(GEN_SDK_DIR, name))]));
}

/** The file recording the {@link genSdkSourceHash} that the bin folder's `pulumi-gen-sdk` was built from. */
export function genSdkStampPath(): string {
    return join(dirname(engineBinDir()), `${GEN_SDK_NAME}.sources`);
}

/** The names of the shims in {@link SHIMS_DIR}, each installed into the bin folder under the same name. */
export const SHIM_NAMES = ["pulumi-resource-pulumi-nodejs"] as const;

/** The engine as the tests use it. */
export interface PulumiEngine {
    /** The folder to put first on PATH: `pulumi` and every plugin executable. */
    binDir: string;
    /** The `pulumi` executable. */
    pulumi: string;
    /** The pinned version, `vX.Y.Z`. */
    version: string;
    /**
     * The YAML language host, `pulumi-language-yaml` in {@link binDir}: `runtime: yaml` programs run with `binDir`
     * first on PATH (found beside `pulumi`, so the CLI does not warn that it comes from PATH).
     */
    yamlLanguageHost: string;
    /**
     * This engine's Node.js and Python language hosts (`language-hosts/`), in {@link binDir}: with `binDir` first on
     * PATH, `pulumi up` runs `runtime: nodejs` and `runtime: python` programs and `nodejs` policy packs as users type it.
     */
    nodejsLanguageHost: string;
    pythonLanguageHost: string;
    /** The pulumi-yaml version of {@link yamlLanguageHost}, `vX.Y.Z`. */
    yamlVersion: string;
    /**
     * The SDK generator: `pulumi-gen-sdk SCHEMA.json --language python|go|nodejs --out DIR` writes `DIR/LANGUAGE`
     * as `pulumi package gen-sdk` would, with no language plugin (which that command needs and this engine lacks).
     */
    genSdk: string;
    /**
     * The Python of the engine's virtual environment, with the Pulumi SDK (`python-requirements.txt`): runs
     * Automation API inline programs (`pulumi.automation`) against {@link pulumi} with no Python language host.
     */
    pythonPath: string;
}

/** What is missing or stale of the built engine, described for an error message (empty when all is there). */
function missingParts(binDir: string): string[] {
    const missing = ["pulumi", ...SHIM_NAMES, "pulumi-language-yaml", ...LANGUAGE_HOST_NAMES, GEN_SDK_NAME].filter((name) => !existsSync(join(binDir, name)));
    if (!missing.includes(GEN_SDK_NAME)) {
        const stamp = genSdkStampPath();
        if (!existsSync(stamp) || readFileSync(stamp, "utf8").trim() !== genSdkSourceHash()) missing.push(`${GEN_SDK_NAME} (older than gen-sdk/)`);
    }
    if (!existsSync(pythonEnvironmentPython()) || !existsSync(pythonStampPath())) missing.push(`the Python environment ${pythonVenvDir()}`);
    return missing;
}

/** The built engine, or an error saying to run `npm run engine` when something is missing. */
export function findEngine(): PulumiEngine {
    const binDir = engineBinDir();
    const missing = missingParts(binDir);
    if (missing.length > 0) {
        throw new Error(
            `The Pulumi engine is not built (missing: ${missing.join(", ")}; bin folder ${binDir}): run \`npm run engine\` first (it needs Go and Python 3).`,
        );
    }
    return {
        binDir,
        pulumi: join(binDir, "pulumi"),
        version: pinnedPulumiVersion(),
        yamlLanguageHost: join(binDir, "pulumi-language-yaml"),
        yamlVersion: pinnedYamlVersion(),
        nodejsLanguageHost: join(binDir, "pulumi-language-nodejs"),
        pythonLanguageHost: join(binDir, "pulumi-language-python"),
        genSdk: join(binDir, GEN_SDK_NAME),
        pythonPath: pythonEnvironmentPython(),
    };
}
