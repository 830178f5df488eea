/**
 * The CLIs the Terraform provider's engine tests run, built from the Go module proxy by `npm run engine`
 * (`build-terraform-clis.ts`) into the engine's bin folder beside `pulumi`, and where the tests find them:
 *
 * - `tofu`: OpenTofu, from the tools module `tofu/` (its go.mod pins the version). `go install` of OpenTofu is
 *   refused (a `replace` line), and a dependency's `godebug` lines are ignored, so that module copies both.
 * - `terraform`: Terraform {@link TERRAFORM_VERSION}, the last release under the MPL (later ones are BUSL), by
 *   `go install`, which builds it with its own go.mod as a user's `go install` would.
 * - `opa`: Open Policy Agent, from the tools module `opa/`, which evaluates Rego policies on a plan's JSON.
 *
 * Each is built with its release's flags (stripped: `-s -w`), and the hash of what decides it (module files, flags)
 * is recorded beside the bin folder, so a change rebuilds that CLI alone. Run them with `terraform-env.ts`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { shortHash } from "../toolchain/cache";
import { ENGINE_MODULE_DIR, engineBinDir, requiredModuleVersion } from "./pulumi-engine";
import { terraformEnv } from "./terraform-env";

/** The tools module that builds `tofu`. */
export const TOFU_MODULE_DIR = join(ENGINE_MODULE_DIR, "tofu");
/** The tools module that builds `opa`. */
export const OPA_MODULE_DIR = join(ENGINE_MODULE_DIR, "opa");
/** The Terraform release `npm run engine` builds (`go install github.com/hashicorp/terraform@...`). */
export const TERRAFORM_VERSION = "v1.5.7";

/** The names of the CLIs, each an executable of the bin folder. */
export type TerraformCliName = "tofu" | "terraform" | "opa";

/** Where a CLI's sources come from. */
export type CliSource =
    /** `go build` of `pkg` in a tools module (its go.mod and go.sum pin every module). */
    | { kind: "module"; moduleDir: string; pkg: string }
    /** `go install pkgAtVersion` (the module's own go.mod pins its dependencies). */
    | { kind: "install"; pkgAtVersion: string };

/** How one CLI is built and how it reports its version. */
export interface TerraformCliBuild {
    /** The executable's name in the bin folder. */
    name: TerraformCliName;
    /** The product, for messages: `OpenTofu`. */
    product: string;
    /** The pinned version, `vX.Y.Z`. */
    version: string;
    /** Where its sources come from. */
    source: CliSource;
    /** `go build` / `go install` flags. */
    flags: string[];
    /** What a cold build costs here, for the progress line. */
    coldCost: string;
}

/** The version `moduleDir`'s go.mod requires of `modulePath`, or an error naming both. */
function pinnedIn(moduleDir: string, modulePath: string): string {
    const goMod = join(moduleDir, "go.mod");
    const version = requiredModuleVersion(readFileSync(goMod, "utf8"), modulePath);
    if (!version) throw new Error(`${goMod} does not require ${modulePath}`);
    return version;
}

/** The OpenTofu version `tofu/go.mod` pins. */
export function pinnedTofuVersion(): string {
    return pinnedIn(TOFU_MODULE_DIR, "github.com/opentofu/opentofu");
}

/** The OPA version `opa/go.mod` pins. */
export function pinnedOpaVersion(): string {
    return pinnedIn(OPA_MODULE_DIR, "github.com/open-policy-agent/opa");
}

/** Flags that drop the symbol table and DWARF data: a third smaller (tofu 161 -> 115 MB); stack traces remain. */
const STRIPPED = "-s -w";

/** The three CLIs, in the order `npm run engine` builds them. */
export function terraformCliBuilds(): TerraformCliBuild[] {
    return [
        {
            name: "tofu",
            product: "OpenTofu",
            version: pinnedTofuVersion(),
            source: { kind: "module", moduleDir: TOFU_MODULE_DIR, pkg: "github.com/opentofu/opentofu/cmd/tofu" },
            // As OpenTofu's .goreleaser.yaml: without version.dev=no, `tofu version` says `-dev`.
            flags: ["-trimpath", "-ldflags", `${STRIPPED} -X 'github.com/opentofu/opentofu/version.dev=no'`],
            coldCost: "6 to 12 minutes cold on 2 cores, up to 2 GB of memory",
        },
        {
            name: "terraform",
            product: "Terraform",
            version: TERRAFORM_VERSION,
            source: { kind: "install", pkgAtVersion: `github.com/hashicorp/terraform@${TERRAFORM_VERSION}` },
            flags: ["-trimpath", "-ldflags", STRIPPED],
            coldCost: "about 4 minutes cold",
        },
        {
            name: "opa",
            product: "Open Policy Agent",
            version: pinnedOpaVersion(),
            source: { kind: "module", moduleDir: OPA_MODULE_DIR, pkg: "github.com/open-policy-agent/opa" },
            flags: ["-trimpath", "-ldflags", STRIPPED],
            coldCost: "about 2 minutes cold",
        },
    ];
}

/** The hash of what decides `build`'s executable: its module files (or package and version) and its flags. */
export function cliInputsHash(build: TerraformCliBuild): string {
    const sources =
        build.source.kind === "module"
            ? [build.source.pkg, readFileSync(join(build.source.moduleDir, "go.mod")), readFileSync(join(build.source.moduleDir, "go.sum"))]
            : [build.source.pkgAtVersion];
    return shortHash([...sources, JSON.stringify(build.flags)]);
}

/** The file recording the {@link cliInputsHash} that `binDir`'s `name` was built from (beside the folder). */
export function cliStampPath(name: TerraformCliName, binDir = engineBinDir()): string {
    return join(dirname(binDir), `${name}.inputs`);
}

/** Whether `binDir`'s `build` is there and was built from what the repository pins now. */
export function cliIsBuilt(build: TerraformCliBuild, binDir = engineBinDir()): boolean {
    const stamp = cliStampPath(build.name, binDir);
    return existsSync(join(binDir, build.name)) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === cliInputsHash(build);
}

/** How each CLI's `version` output names its version: `OpenTofu v1.12.6`, `Terraform v1.5.7`, `Version: 1.22.4`. */
const VERSION_LINES: Record<TerraformCliName, RegExp> = {
    tofu: /^OpenTofu (v\S+)$/m,
    terraform: /^Terraform (v\S+)$/m,
    opa: /^Version: (\S+)$/m,
};

/** The version (`vX.Y.Z`, with any `-dev` suffix) in the output of `name version`, or undefined. */
export function parseCliVersion(name: TerraformCliName, output: string): string | undefined {
    const found = VERSION_LINES[name].exec(output)?.[1];
    return found === undefined ? undefined : found.startsWith("v") ? found : `v${found}`;
}

/** What `executable version` reports (see {@link parseCliVersion}), or undefined when it does not run. */
export function reportedVersion(name: TerraformCliName, executable: string): string | undefined {
    const result = spawnSync(executable, ["version"], { encoding: "utf8", env: terraformEnv() });
    return result.status === 0 ? parseCliVersion(name, result.stdout) : undefined;
}

/** The built CLIs, as the tests use them. */
export interface TerraformClis {
    /** The engine's bin folder, which holds them (and `pulumi`). */
    binDir: string;
    /** The `tofu` executable. */
    tofu: string;
    /** The `terraform` executable. */
    terraform: string;
    /** The `opa` executable. */
    opa: string;
    /** The pinned version of each, `vX.Y.Z`. */
    versions: Record<TerraformCliName, string>;
}

/** The built CLIs, or an error naming what is missing and saying to run `npm run engine`. */
export function findTerraformClis(): TerraformClis {
    const binDir = engineBinDir();
    const builds = terraformCliBuilds();
    const missing = builds.filter((build) => !cliIsBuilt(build, binDir)).map((build) => `${build.name} ${build.version}`);
    if (missing.length > 0) {
        throw new Error(
            `The Terraform CLIs are not built (missing or older than engine/: ${missing.join(", ")}; bin folder ${binDir}): ` +
                "run `npm run engine` first (it needs Go).",
        );
    }
    const versions = { tofu: pinnedTofuVersion(), terraform: TERRAFORM_VERSION, opa: pinnedOpaVersion() };
    return { binDir, tofu: join(binDir, "tofu"), terraform: join(binDir, "terraform"), opa: join(binDir, "opa"), versions };
}
