/**
 * What the Terraform measures need besides the package: the `tofu` that `npm run engine` built (found by the
 * engine's own `findTerraformClis()`, run through ts-node in a child because bench/ compiles on its own), the Go
 * comparator (bench/terraform-go, built with `go build`), the release's Node.js for the floor (found by
 * packaging/node-binaries.ts, alike), the provider folders and CLI configuration files that install a provider with
 * `dev_overrides` (no `init`), and the one-page configurations that are planned.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FLOOR_PROVIDER, NODE, REPO_ROOT, TERRAFORM_MAIN } from "./paths";

/** The provider's type and the source address both providers are installed under. */
export const PROVIDER_TYPE = "alicloudmessagecontacts";
const PROVIDER_SOURCE = `registry.opentofu.org/bench/${PROVIDER_TYPE}`;
/** The executable's name, as go-plugin and the CLIs look for it. */
export const PROVIDER_EXECUTABLE = `terraform-provider-${PROVIDER_TYPE}`;
/** The Go comparator's module. */
export const GO_COMPARATOR_DIR = join(REPO_ROOT, "bench", "terraform-go");

/** The engine's `tofu` and its version, or why there is none. */
export type TofuLookup = { tofu: string; version: string } | { missing: string };

/**
 * Runs `script` (JavaScript that requires the repository's TypeScript and writes JSON on stdout) in a ts-node child
 * at the repository's root, because bench/ compiles on its own; returns what it wrote, or its error's line.
 */
function askRepository<T>(script: string): T | { missing: string } {
    const found = spawnSync(NODE, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
    if (found.status !== 0) return { missing: (found.stderr.split("\n").find((line) => /Error/.test(line)) ?? found.stderr).trim().slice(0, 300) };
    return JSON.parse(found.stdout) as T;
}

/** Asks engine/terraform-clis.ts where `npm run engine` put `tofu`; `BENCH_TOFU` names one instead. */
export function findTofu(env: NodeJS.ProcessEnv = process.env): TofuLookup {
    if (env["BENCH_TOFU"]) return { tofu: env["BENCH_TOFU"], version: "BENCH_TOFU" };
    const script =
        "const c = require('./engine/terraform-clis').findTerraformClis(); process.stdout.write(JSON.stringify({ tofu: c.tofu, version: c.versions.tofu }))";
    return askRepository<{ tofu: string; version: string }>(script);
}

/** The release executables' Node.js (`packaging/node-binaries.ts`, the linux-x64 binary `npm run release` installs), or why there is none. */
export function findReleaseNode(): { node: string; version: string } | { missing: string } {
    const script =
        "const b = require('./packaging/node-binaries'); const p = require('./packaging/platforms').PLATFORMS.find((x) => x.id === 'linux-x64'); " +
        "process.stdout.write(JSON.stringify({ node: b.nodeBinaryPath(p), version: b.NODE_VERSION }))";
    const release = askRepository<{ node: string; version: string }>(script);
    return "missing" in release || existsSync(release.node) ? release : { missing: `no ${release.node} (npm run release installs it)` };
}

/**
 * Writes into `dir` an executable that runs the floor provider (`floor-provider.ts`) on `node`, its reads
 * reporting `totalCount`. Returns `dir`.
 */
export function writeFloorProvider(dir: string, node: string, totalCount: number): string {
    writeFileSync(join(dir, PROVIDER_EXECUTABLE), `#!/bin/sh\nexec ${JSON.stringify(node)} ${JSON.stringify(FLOOR_PROVIDER)} ${totalCount}\n`, { mode: 0o755 });
    return dir;
}

/** The environment of every plan: the chosen CLI configuration, none of the user's TF_* variables (as engine/terraform-env.ts). */
export function planEnv(cliConfigFile: string): NodeJS.ProcessEnv {
    const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TF|TOFU)_/.test(name)));
    // The Node.js provider's `#!/usr/bin/env node` finds the bench's own Node first.
    return {
        ...base,
        PATH: `${dirname(NODE)}:${process.env["PATH"] ?? ""}`,
        TF_CLI_CONFIG_FILE: cliConfigFile,
        CHECKPOINT_DISABLE: "1",
        TF_IN_AUTOMATION: "1",
    };
}

/** A scratch folder for the Terraform measures, removed by {@link TerraformScratch.remove}. */
export interface TerraformScratch {
    root: string;
    /** A folder holding `terraform-provider-alicloudmessagecontacts` (a link to dist/provider/terraform/main.js). */
    nodeProviderDir: string;
    /** The Go comparator's folder (its executable is built there by {@link buildGoComparator}). */
    goProviderDir: string;
    /** The release executable's folder (filled by {@link installReleaseExecutable}). */
    releaseProviderDir: string;
    /** The floor provider's folders, on the bench's Node.js and on the release's (filled by {@link writeFloorProvider}). */
    nodeFloorDir: string;
    releaseFloorDir: string;
    remove(): void;
}

/** Makes the scratch folder and the Node.js provider's folder. */
export function terraformScratch(): TerraformScratch {
    const root = mkdtempSync(join(tmpdir(), "bench-terraform-"));
    const nodeProviderDir = join(root, "node-provider");
    const goProviderDir = join(root, "go-provider");
    const releaseProviderDir = join(root, "release-provider");
    const nodeFloorDir = join(root, "node-floor");
    const releaseFloorDir = join(root, "release-floor");
    for (const dir of [nodeProviderDir, goProviderDir, releaseProviderDir, nodeFloorDir, releaseFloorDir]) mkdirSync(dir);
    symlinkSync(TERRAFORM_MAIN, join(nodeProviderDir, PROVIDER_EXECUTABLE));
    return {
        root,
        nodeProviderDir,
        goProviderDir,
        releaseProviderDir,
        nodeFloorDir,
        releaseFloorDir,
        remove: () => rmSync(root, { recursive: true, force: true }),
    };
}

/** Builds the Go comparator into `dir`; returns undefined, or why it could not be built. */
export function buildGoComparator(dir: string): string | undefined {
    const built = spawnSync("go", ["build", "-trimpath", "-ldflags", "-s -w", "-o", join(dir, PROVIDER_EXECUTABLE), "."], {
        cwd: GO_COMPARATOR_DIR,
        encoding: "utf8",
        timeout: 15 * 60_000,
    });
    if (built.error) return `go build could not run: ${built.error.message}`;
    if (built.status !== 0) return `go build failed: ${built.stderr.trim().split("\n").slice(0, 3).join(" ")}`;
    return undefined;
}

/** Where `npm run release` writes the release (its linux-x64 executable is measured when it is there). */
export const RELEASE_DIR = join(REPO_ROOT, "release");

/**
 * Puts the release's linux-x64 executable into `dir` under the provider's executable name, from the Pulumi archive
 * (`pulumi-resource-...-linux-amd64.tar.gz`, the same file as in the Terraform zip) in `releaseDir`, or from
 * `BENCH_RELEASE_ARCHIVE`; returns undefined, or why it could not (no release built: `npm run release`).
 */
export function installReleaseExecutable(dir: string, releaseDir: string = RELEASE_DIR, env: NodeJS.ProcessEnv = process.env): string | undefined {
    let archive = env["BENCH_RELEASE_ARCHIVE"];
    if (!archive) {
        const name = existsSync(releaseDir) ? readdirSync(releaseDir).find((f) => /^pulumi-resource-.*-linux-amd64\.tar\.gz$/.test(f)) : undefined;
        if (!name) return `no linux-amd64 archive in ${releaseDir} (run npm run release)`;
        archive = join(releaseDir, name);
    }
    const unpacked = mkdtempSync(join(dir, ".unpacked-"));
    execFileSync("tar", ["xzf", archive, "-C", unpacked]);
    const [name] = readdirSync(unpacked);
    if (!name) return `${archive} holds no file`;
    renameSync(join(unpacked, name), join(dir, PROVIDER_EXECUTABLE));
    rmSync(unpacked, { recursive: true, force: true });
    return undefined;
}

/** Writes a CLI configuration file whose `dev_overrides` installs the provider found in `providerDir`. */
export function writeCliConfig(file: string, providerDir: string): string {
    writeFileSync(file, `provider_installation {\n  dev_overrides {\n    "${PROVIDER_SOURCE}" = ${JSON.stringify(providerDir)}\n  }\n  direct {}\n}\n`);
    return file;
}

/** The emulator a configuration reads. */
export interface EmulatorKeys {
    url: string;
    accessKeyId: string;
    accessKeySecret: string;
}

/**
 * Writes `dir/main.tf`: the data source (no arguments: every verification, one page here) and an output, under
 * a provider block that both providers accept. Returns `dir`.
 */
export function writeDataSourceConfig(dir: string, emulator: EmulatorKeys): string {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
        join(dir, "main.tf"),
        [
            `terraform {\n  required_providers {\n    ${PROVIDER_TYPE} = { source = "bench/${PROVIDER_TYPE}" }\n  }\n}`,
            `provider "${PROVIDER_TYPE}" {\n  endpoint   = ${JSON.stringify(emulator.url)}\n  access_key = ${JSON.stringify(emulator.accessKeyId)}\n  secret_key = ${JSON.stringify(emulator.accessKeySecret)}\n}`,
            `data "${PROVIDER_TYPE}_verifications" "pending" {}`,
            `output "total_count" {\n  value = data.${PROVIDER_TYPE}_verifications.pending.total_count\n}`,
            "",
        ].join("\n\n"),
    );
    return dir;
}

/** Writes `dir/main.tf` with no provider at all (declaring one would start it): the plan's own floor. */
export function writeNoProviderConfig(dir: string): string {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "main.tf"), `locals {\n  answer = 42\n}\n\noutput "answer" {\n  value = local.answer\n}\n`);
    return dir;
}
