/**
 * Where the Pulumi engine that the engine tests run lives: the `pulumi` CLI built from the Go module proxy at
 * the version pinned by this folder's go.mod, and the plugin shims beside it, in one folder under the user's
 * cache (never in the repository). `npm run engine` fills it (`build-engine.ts`); the engine tests only find it.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** This folder: the tools module (go.mod, go.sum) and the shims. */
export const ENGINE_MODULE_DIR = resolve(__dirname);
/** The plugin shims copied beside `pulumi`: executables the CLI release bundles and no Go module ships. */
export const SHIMS_DIR = join(ENGINE_MODULE_DIR, "shims");
/** The Go package of the CLI's `main`. */
export const PULUMI_CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";

/** The build flags of Pulumi's releases (`.goreleaser.yml`, `scripts/go-wrapper.sh`), for `version`. */
export function releaseBuildFlags(version: string): string[] {
    return ["-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${version}`];
}

function readModuleFile(name: string): string {
    return readFileSync(join(ENGINE_MODULE_DIR, name), "utf8");
}

/** The Pulumi version go.mod pins (`github.com/pulumi/pulumi/pkg/v3 vX.Y.Z`). */
export function pinnedPulumiVersion(): string {
    const match = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 (v\d+\.\d+\.\d+)\b/m.exec(readModuleFile("go.mod"));
    if (!match?.[1]) throw new Error(`${join(ENGINE_MODULE_DIR, "go.mod")} does not require github.com/pulumi/pulumi/pkg/v3`);
    return match[1];
}

/** The oldest Go that go.mod accepts (its `go` line). */
export function requiredGoVersion(): string {
    const match = /^go (\d+\.\d+(?:\.\d+)?)\s*$/m.exec(readModuleFile("go.mod"));
    if (!match?.[1]) throw new Error(`${join(ENGINE_MODULE_DIR, "go.mod")} has no go line`);
    return match[1];
}

/** The cache root: `$XDG_CACHE_HOME` or `~/.cache`, then this project's folder. */
export function cacheRoot(): string {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
    return join(base, "pulumi-alicloud-message-contacts");
}

/**
 * The folder holding `pulumi` and the plugin shims. Named after the version and a hash of what decides the
 * binary (go.mod, go.sum, the build flags), so a change of any of them builds into a new folder.
 */
export function engineBinDir(): string {
    const version = pinnedPulumiVersion();
    const hash = createHash("sha256")
        .update(readModuleFile("go.mod"))
        .update(readModuleFile("go.sum"))
        .update(JSON.stringify(releaseBuildFlags(version)))
        .digest("hex")
        .slice(0, 12);
    return join(cacheRoot(), "engine", `pulumi-${version}-${hash}`, "bin");
}

/** The names of the shims in {@link SHIMS_DIR}, each installed into the bin folder under the same name. */
export const SHIM_NAMES = ["pulumi-resource-pulumi-nodejs", "pulumi-analyzer-policy-nodejs"] as const;

/** The engine as the tests use it. */
export interface PulumiEngine {
    /** The folder to put first on PATH: `pulumi` and every plugin executable. */
    binDir: string;
    /** The `pulumi` executable. */
    pulumi: string;
    /** The pinned version, `vX.Y.Z`. */
    version: string;
    /**
     * The policy-pack shim: link it into a `runtime: nodejs` pack's folder and pass the link to `--policy-pack`
     * (see `shims/pulumi-analyzer-policy-nodejs`).
     */
    policyPackShim: string;
}

/** The built engine, or an error saying to run `npm run engine` when something is missing. */
export function findEngine(): PulumiEngine {
    const binDir = engineBinDir();
    const missing = ["pulumi", ...SHIM_NAMES].filter((name) => !existsSync(join(binDir, name)));
    if (missing.length > 0) {
        throw new Error(`The Pulumi engine is not built (${missing.join(", ")} missing in ${binDir}): run \`npm run engine\` first (it needs Go).`);
    }
    return {
        binDir,
        pulumi: join(binDir, "pulumi"),
        version: pinnedPulumiVersion(),
        policyPackShim: join(binDir, "pulumi-analyzer-policy-nodejs"),
    };
}
