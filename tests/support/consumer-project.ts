/**
 * A throwaway consumer project with this package installed from its `npm pack` tarball, the way a user
 * installs it: only the files the tarball holds, resolved through the package's `exports` map, next to
 * `@pulumi/pulumi` at the exact version this repository uses (or another one, with {@link createConsumerProject}).
 *
 * The shared project is created lazily and once per process (every caller shares it), under `os.tmpdir()`; it
 * and every other project are removed when the process exits (set `KEEP_CONSUMER_PROJECT=1` to keep it for debugging; its path is then printed).
 * Packing needs a build in dist/ (`npm test` builds first); the install reads the local npm cache
 * (`--offline`), falling back to `--prefer-offline` when the cache lacks something.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The repository root (this file is tests/support/consumer-project.ts). */
export const REPO_ROOT = resolve(__dirname, "..", "..");

/** How the project's dependencies were installed. */
export type InstallMode = "offline" | "prefer-offline";

/** A consumer project with the packed package installed. Shared: treat it as read-only. */
export interface ConsumerProject {
    /** The project directory (has package.json, package-lock.json and node_modules). */
    dir: string;
    /** Absolute path of the `npm pack` tarball that was installed. */
    tarball: string;
    /** The installed `@pulumi/pulumi` version (the repository's unless the spec named another). */
    pulumiVersion: string;
    /** This package's name, as consumers require it. */
    packageName: string;
    /** Which npm cache mode the install succeeded with. */
    installMode: InstallMode;
    /** Wall-clock milliseconds spent creating the project. */
    timings: { packMs: number; installMs: number; totalMs: number };
}

/** Runs `npm` (the one on PATH) and resolves with its stdout; rejects with a message ending with its stderr. */
export function runNpm(args: readonly string[], cwd: string, timeoutMs = 300_000): Promise<string> {
    return new Promise((resolvePromise, reject) => {
        execFile("npm", [...args], { cwd, env: npmEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
            if (error) {
                const tail = String(stderr).trim().split("\n").slice(-25).join("\n");
                reject(new Error(`npm ${args.join(" ")} failed in ${cwd} (${error.message.split("\n")[0]})\n${tail}`));
            } else {
                resolvePromise(String(stdout));
            }
        });
    });
}

/**
 * The environment for child npm processes: this process's, without what `npm run`/`npm test` exports about
 * the repository (its package.json, prefix, lifecycle), so the child works on the consumer project alone.
 */
function npmEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    const dropped =
        /^(npm_lifecycle_|npm_package_|npm_command$|init_cwd$|npm_config_(local_prefix|prefix|global|dry_run|workspaces?|include_workspace_root|package_lock_only|save|save_exact|save_dev|offline|prefer_offline|prefer_online)$)/i;
    for (const [key, value] of Object.entries(process.env)) {
        if (!dropped.test(key)) env[key] = value;
    }
    return env;
}

function readJson(path: string): Record<string, unknown> {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}

/** Throws a clear error when dist/ lacks what the tarball must ship. */
function assertBuilt(manifest: Record<string, unknown>): void {
    const wanted = new Set<string>();
    if (typeof manifest.main === "string") wanted.add(manifest.main);
    if (typeof manifest.types === "string") wanted.add(manifest.types);
    for (const entry of Array.isArray(manifest.files) ? manifest.files : []) {
        if (typeof entry === "string" && entry.startsWith("dist")) wanted.add(entry);
    }
    const missing = [...wanted].filter((path) => !existsSync(join(REPO_ROOT, path)));
    if (missing.length > 0 || !existsSync(join(REPO_ROOT, "dist"))) {
        throw new Error(
            `The build is missing (${missing.join(", ") || "dist/"} not found in ${REPO_ROOT}): ` +
                "run `npm run build` first (`npm test` does it) so that `npm pack` has something to pack.",
        );
    }
}

/** The `@pulumi/pulumi` version installed in the repository's node_modules. */
export function repoPulumiVersion(): string {
    const path = require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] });
    const version = readJson(path).version;
    if (typeof version !== "string") throw new Error(`no version in ${path}`);
    return version;
}

/** The version of a package in the repository's node_modules, for installing the same one in a project. */
export function repoVersionOf(name: string): string {
    // Read from node_modules, not resolved: a package's `exports` may not list its package.json (opa-wasm's does not).
    const version = readJson(join(REPO_ROOT, "node_modules", ...name.split("/"), "package.json")).version;
    if (typeof version !== "string") throw new Error(`no version in ${name}/package.json`);
    return version;
}

/** What `pulumi new typescript` installs besides `@pulumi/pulumi`, at the repository's versions. */
export function typescriptToolchain(): string[] {
    return [`typescript@${repoVersionOf("typescript")}`, `@types/node@${repoVersionOf("@types/node")}`];
}

let root: string | undefined;

function removeRoot(): void {
    if (root === undefined) return;
    if (process.env.KEEP_CONSUMER_PROJECT === "1") {
        process.stderr.write(`consumer project kept in ${root}\n`);
        return;
    }
    rmSync(root, { recursive: true, force: true });
    root = undefined;
}

/** The process's temporary root (created on first use, removed at exit), where tarballs and projects go. */
function temporaryRoot(): string {
    if (root !== undefined) return root;
    root = mkdtempSync(join(tmpdir(), "consumer-project-"));
    process.once("exit", removeRoot);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        // Remove the project on Ctrl-C or kill too, then let the signal do what it would have done.
        process.once(signal, () => {
            removeRoot();
            if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        });
    }
    return root;
}

/** The package's `npm pack` tarball. */
interface PackedTarball {
    tarball: string;
    packageName: string;
    packMs: number;
}

async function pack(): Promise<PackedTarball> {
    const started = Date.now();
    const manifest = readJson(join(REPO_ROOT, "package.json"));
    const packageName = manifest.name;
    if (typeof packageName !== "string") throw new Error("the repository's package.json has no name");
    assertBuilt(manifest);
    const packDir = mkdtempSync(join(temporaryRoot(), "pack-"));
    // --ignore-scripts: dist/ is already built, and a prepack script must not rebuild it under the tests.
    const packed = await runNpm(["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], REPO_ROOT);
    const files = JSON.parse(packed) as { filename?: string }[];
    const filename = files[0]?.filename;
    if (!filename) throw new Error(`npm pack printed no file name: ${packed.slice(0, 500)}`);
    const tarball = join(packDir, filename.replace(/^@/, "").replace(/\//g, "-"));
    if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
    return { tarball, packageName, packMs: Date.now() - started };
}

let packedTarball: Promise<PackedTarball> | undefined;

/** What a consumer project installs besides the tarball. */
export interface ConsumerProjectSpec {
    /** The exact `@pulumi/pulumi` version. Default: the repository's. */
    pulumiVersion?: string;
    /** More packages, as `npm install` takes them (`typescript@~5.9.3`). */
    packages?: readonly string[];
}

/**
 * Creates a new consumer project (seconds: give the calling hook a generous timeout) under the process's
 * temporary root, from the tarball packed once per process. Callers that can share one use {@link consumerProject}.
 */
export async function createConsumerProject(spec: ConsumerProjectSpec = {}): Promise<ConsumerProject> {
    const started = Date.now();
    packedTarball ??= pack();
    const { tarball, packageName, packMs } = await packedTarball;
    const pulumiVersion = spec.pulumiVersion ?? repoPulumiVersion();
    const dir = mkdtempSync(join(temporaryRoot(), "project-"));
    const writeManifest = () =>
        writeFileSync(
            join(dir, "package.json"),
            JSON.stringify({ name: "consumer-project", version: "0.0.0", private: true, license: "UNLICENSED" }, null, 2) + "\n",
        );
    writeManifest();

    const installArgs = ["install", "--no-audit", "--no-fund", "--save-exact", tarball, `@pulumi/pulumi@${pulumiVersion}`, ...(spec.packages ?? [])];
    const installStarted = Date.now();
    let installMode: InstallMode = "offline";
    try {
        await runNpm([...installArgs, "--offline"], dir);
    } catch (offlineError) {
        // The cache may lack a tarball that a newer transitive version needs; let npm fetch only what is missing.
        installMode = "prefer-offline";
        rmSync(join(dir, "node_modules"), { recursive: true, force: true });
        rmSync(join(dir, "package-lock.json"), { force: true });
        writeManifest();
        try {
            await runNpm([...installArgs, "--prefer-offline"], dir);
        } catch (error) {
            throw new Error(`${(error as Error).message}\n(the --offline attempt failed first: ${(offlineError as Error).message.split("\n")[0]})`, {
                cause: error,
            });
        }
    }
    const installMs = Date.now() - installStarted;

    const installed = join(dir, "node_modules", ...packageName.split("/"), "package.json");
    if (!existsSync(installed)) throw new Error(`${packageName} is not installed in ${dir}`);
    const installedPulumi = readJson(join(dir, "node_modules", "@pulumi", "pulumi", "package.json")).version;
    if (installedPulumi !== pulumiVersion) {
        throw new Error(`the consumer project got @pulumi/pulumi ${String(installedPulumi)}, expected ${pulumiVersion}`);
    }
    return { dir, tarball, pulumiVersion, packageName, installMode, timings: { packMs, installMs, totalMs: Date.now() - started } };
}

let project: Promise<ConsumerProject> | undefined;

/**
 * The process's consumer project, created on first call (this takes seconds: give the calling hook a
 * generous timeout). Later calls get the same project; a failure is remembered and reported again.
 */
export function consumerProject(): Promise<ConsumerProject> {
    project ??= createConsumerProject();
    return project;
}
