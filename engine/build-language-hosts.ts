/**
 * The language hosts step of `npm run engine`: `pulumi-language-nodejs` and `pulumi-language-python`, written in
 * TypeScript in `language-hosts/` (no Go module serves Pulumi's own), installed beside `pulumi`.
 *
 * The hosts are compiled (`tsc -p language-hosts/tsconfig.json`) into a folder of the cache named after a hash of
 * their sources and of the packages they run on, with those packages installed in it by `npm install` (from npm's
 * cache when it holds them): `@pulumi/pulumi` (its generated LanguageRuntime stubs and its grpc-js, at the version this
 * repository develops against) and `zod`. The folder is made under a temporary name and renamed into place, under
 * the step's lock, so a build interrupted or run twice at once leaves nothing half made. Each executable in the
 * bin folder is a two-line `sh` script that runs its host with the Node.js that ran the build (or `node` on PATH if
 * that one is gone), passing the host's settings file (its version, the engine's Python, the exec script). A new
 * install removes the older ones (about 100 MB each, mostly `@pulumi/pulumi`'s dependencies).
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { EngineBuildError, ensureStep, progress, runChild, since } from "./build-steps";
import { shortHash } from "../toolchain/cache";
import { pythonEnvironmentPython } from "../toolchain/python-environment";
import { ENGINE_MODULE_DIR, LANGUAGE_HOSTS_DIR, LANGUAGE_HOST_NAMES, pinnedPulumiVersion } from "./pulumi-engine";

/** The repository's root (this file is in `engine/`). */
const REPO_ROOT = dirname(ENGINE_MODULE_DIR);
/** Source files of another folder that the hosts compile with. */
const SHARED_SOURCES = join(REPO_ROOT, "provider", "plugin-process");
/** The packages the hosts run on, at the versions the repository's lock file holds. */
const HOST_PACKAGES = ["@pulumi/pulumi", "zod"] as const;

/** Every file under `dir`, sorted, by its path relative to `root`, with its content. */
function sourceFiles(dir: string, root: string): [string, Buffer][] {
    return readdirSync(dir)
        .sort()
        .flatMap((name): [string, Buffer][] => {
            const path = join(dir, name);
            return statSync(path).isDirectory() ? sourceFiles(path, root) : [[relative(root, path), readFileSync(path)]];
        });
}

/** The version `package-lock.json` installs of `name`, or an error naming it. */
export function lockedVersion(lock: string, name: string): string {
    const parsed = JSON.parse(lock) as { packages?: Record<string, { version?: string }> };
    const version = parsed.packages?.[`node_modules/${name}`]?.version;
    if (!version) throw new EngineBuildError(`package-lock.json does not install ${name}, which the language hosts run on`);
    return version;
}

/** The hosts' dependencies: name -> exact version. */
function hostDependencies(): Record<string, string> {
    const lock = readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8");
    return Object.fromEntries(HOST_PACKAGES.map((name) => [name, lockedVersion(lock, name)]));
}

/** The folder of the installed hosts: named after what they are made of. */
function hostsInstallDir(binDir: string, dependencies: Record<string, string>): string {
    const files = [...sourceFiles(LANGUAGE_HOSTS_DIR, REPO_ROOT), ...sourceFiles(SHARED_SOURCES, REPO_ROOT)];
    const hash = shortHash([JSON.stringify(dependencies), pinnedPulumiVersion(), pythonEnvironmentPython(), ...files.flat()]);
    return join(dirname(binDir), "language-hosts", hash);
}

/** `text` quoted for `sh` (single quotes; a single quote inside becomes '\''). */
export function shellQuote(text: string): string {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The `sh` script in the bin folder that starts host `language` (`nodejs`, `python`) from `installDir`. */
export function hostExecutable(language: string, installDir: string, node: string): string {
    const main = join(installDir, "lib", "engine", "language-hosts", language, "main.js");
    return [
        "#!/bin/sh",
        `# pulumi-language-${language}: this engine's ${language} language host (engine/language-hosts/ of pulumi-alicloud-message-contacts),`,
        "# installed by npm run engine. It runs with the Node.js that built it, or node on PATH when that one is gone.",
        `node=${shellQuote(node)}`,
        '[ -x "$node" ] || node=node',
        `exec "$node" ${shellQuote(main)} ${shellQuote(`--settings=${join(installDir, "host.json")}`)} "$@"`,
        "",
    ].join("\n");
}

/** Runs `command` for the hosts' install, or fails saying what it was for. */
async function mustRun(what: string, command: string, args: string[], cwd: string): Promise<void> {
    const result = await runChild(what, command, args, { cwd });
    if (result.status !== 0) throw new EngineBuildError(`${what} failed (${result.error?.message ?? `exit ${String(result.status)}`}); see the output above`);
}

/** Makes `installDir`: through a temporary folder beside it, renamed into place once complete. */
async function installHosts(installDir: string, dependencies: Record<string, string>): Promise<void> {
    const partial = `${installDir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    try {
        const manifest = { name: "engine-language-hosts", private: true, description: "npm run engine's language hosts", dependencies };
        writeFileSync(join(partial, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
        let started = Date.now();
        await mustRun(
            `npm install of ${Object.entries(dependencies)
                .map(([name, version]) => `${name}@${version}`)
                .join(" ")}`,
            "npm",
            ["install", "--prefer-offline", "--no-audit", "--no-fund", "--omit=dev", "--ignore-scripts", "--no-package-lock", "--loglevel=error"],
            partial,
        );
        progress(`installed the language hosts' packages in ${since(started)}`);
        started = Date.now();
        const tsc = require.resolve("typescript/bin/tsc", { paths: [REPO_ROOT] });
        await mustRun(
            "tsc of the language hosts",
            process.execPath,
            [tsc, "-p", join(LANGUAGE_HOSTS_DIR, "tsconfig.json"), "--outDir", join(partial, "lib")],
            REPO_ROOT,
        );
        progress(`compiled the language hosts in ${since(started)}`);
        const pythonExec = join(installDir, "python", "pulumi_language_python_exec.py");
        cpSync(join(LANGUAGE_HOSTS_DIR, "python", "pulumi_language_python_exec.py"), join(partial, "python", "pulumi_language_python_exec.py"));
        const settings = { version: pinnedPulumiVersion(), defaultPython: pythonEnvironmentPython(), pythonExec };
        writeFileSync(join(partial, "host.json"), `${JSON.stringify(settings, null, 2)}\n`);
        rmSync(installDir, { recursive: true, force: true });
        renameSync(partial, installDir);
    } finally {
        rmSync(partial, { recursive: true, force: true });
    }
}

/** Writes `text` to `target`, executable, by renaming a complete copy over it, unless it holds `text` already. */
function writeExecutable(target: string, text: string): void {
    if (existsSync(target) && readFileSync(target, "utf8") === text) return;
    const partial = `${target}.partial-${process.pid}`;
    writeFileSync(partial, text);
    chmodSync(partial, 0o755);
    renameSync(partial, target);
}

/** Removes the installs in `installDir`'s folder other than it (older sources'), and says how many. */
function removeOlderInstalls(installDir: string): void {
    const folder = dirname(installDir);
    const older = readdirSync(folder).filter((name) => /^[0-9a-f]{12}$/.test(name) && join(folder, name) !== installDir);
    for (const name of older) rmSync(join(folder, name), { recursive: true, force: true });
    if (older.length > 0) progress(`removed ${older.length} older install${older.length === 1 ? "" : "s"} of the language hosts from ${folder}`);
}

/** Installs the language hosts (when their sources or packages changed) and their executables into `binDir`. */
export async function ensureLanguageHosts(binDir: string): Promise<void> {
    const dependencies = hostDependencies();
    const installDir = hostsInstallDir(binDir, dependencies);
    const executables = LANGUAGE_HOST_NAMES.map((name) => ({
        target: join(binDir, name),
        text: hostExecutable(name.replace(/^pulumi-language-/, ""), installDir, process.execPath),
    }));
    const ready = () =>
        existsSync(join(installDir, "host.json")) && executables.every((e) => existsSync(e.target) && readFileSync(e.target, "utf8") === e.text);
    await ensureStep(binDir, "language-hosts", ready, async () => {
        if (!existsSync(join(installDir, "host.json"))) {
            progress(`installing the language hosts ${LANGUAGE_HOST_NAMES.join(", ")} into ${installDir}`);
            await installHosts(installDir, dependencies);
            removeOlderInstalls(installDir);
        }
        for (const { target, text } of executables) writeExecutable(target, text);
    });
}
