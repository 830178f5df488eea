/**
 * The Pulumi engine downloads the release's plugin itself, as it does for any provider whose SDK names a download
 * URL: the schema's `pluginDownloadURL` (`github://api.github.com/<owner>`, from package.json's repository) is
 * redirected to a loopback HTTP server holding `release/` by `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES`, as the README
 * shows for a mirror of the release. With an empty PULUMI_HOME (no plugin installed) and no `node` on PATH:
 *
 * - `pulumi up` of examples/yaml-release (its options name the version and URL) downloads, installs and runs the
 *   plugin: the server saw the GET of the linux-amd64 tar.gz, the plugin is in PULUMI_HOME/plugins, and the
 *   outputs are the emulator's data;
 * - the same for examples/python, run from a fresh venv with the release's wheel (whose pulumi-plugin.json names
 *   the version and URL) through the engine's Python language host;
 * - `pulumi plugin install resource NAME VERSION --server URL --checksum SHA256` (the README's line) installs the
 *   archive with the right checksum and refuses it, installing nothing, with a wrong one.
 */
import { strict as assert } from "node:assert";
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { findEngine, PulumiEngine } from "../../engine/pulumi-engine";
import { PYTHON_REQUIREMENTS } from "../../toolchain/python-environment";
import { RELEASE_DIR, REPO_ROOT } from "../../packaging/paths";
import { PLATFORMS } from "../../packaging/platforms";
import { wheelFileName } from "../../packaging/python-wheel";
import { pulumiArchiveName, pulumiExecutableName } from "../../packaging/release-names";
import { packageManifest, pluginDownloadUrl } from "../../provider/package-manifest";
import { PACKAGE_NAME } from "../../provider/pulumi-names";
import { verifications } from "../support/emulator-fixture";
import { pluginExampleOutputs, pluginStackConfig } from "../support/engine/engine-fixture";
import { hermeticEnv } from "../support/hermetic-env";
import { readmeBlock, readmeLine, substitute } from "../support/readme-blocks";
import { serveStaticSite, StaticSite } from "../support/static-site-server";

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const BUILD = PLATFORMS[0] as (typeof PLATFORMS)[number];
const ARCHIVE = pulumiArchiveName(VERSION, BUILD);
/** Where the README's mirror is: replaced by the loopback server's URL. */
const README_MIRROR = "https://plugins.example.com/alicloud-message-contacts";

/** A finished run. */
interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

/** Runs `file` and never rejects. */
function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 240_000): Promise<Run> {
    return new Promise((resolve) => {
        execFile(file, [...args], { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
            resolve({
                code: error ? (typeof error.code === "number" ? error.code : -1) : 0,
                stdout: String(stdout),
                stderr: `${stderr}${error && typeof error.code !== "number" ? error.message : ""}`,
            });
        });
    });
}

/** Fails unless `result` exited 0; its stdout. */
function ok(result: Run, what: string): string {
    assert.equal(result.code, 0, `${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
}

/** The README's value of PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES, pointed at `url`. */
function overridesFor(url: string): string {
    const line = readmeLine(readmeBlock("sh", "PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES="), "export PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES=");
    const value = /^export PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES='([^']+)'$/.exec(line)?.[1];
    assert.ok(value, `README.md: ${line}`);
    assert.equal(value.split("=")[0], `^${pluginDownloadUrl(packageManifest(), PACKAGE_NAME)}`, "the README's override matches the schema's download URL");
    return substitute(value, { [README_MIRROR]: url.replace(/\/$/, "") });
}

describe("the Pulumi engine downloads the release's plugin from pluginDownloadURL (a loopback mirror), no plugin installed, no node on PATH", function () {
    this.timeout(300_000);
    let root: string;
    let pulumi: PulumiEngine;
    let server: StaticSite;
    let emulator: Emulator;
    const seeded = verifications(41);

    /** A project folder and an empty PULUMI_HOME, backend and HOME of its own; the env of every command in it. */
    function project(name: string, files: Record<string, string>, extraPath: string[] = []): { dir: string; pulumiHome: string; env: NodeJS.ProcessEnv } {
        const scratch = join(root, name);
        const dir = join(scratch, "project");
        for (const folder of [dir, join(scratch, "home"), join(scratch, "pulumi-home"), join(scratch, "state")]) mkdirSync(folder, { recursive: true });
        for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
        const env = hermeticEnv({
            PATH: [...extraPath, pulumi.binDir].join(delimiter),
            HOME: join(scratch, "home"),
            PULUMI_HOME: join(scratch, "pulumi-home"),
            PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: "plugin-download-test",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: undefined,
            PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: overridesFor(server.url),
            NODE_OPTIONS: undefined,
            VIRTUAL_ENV: undefined,
            PYTHONPATH: undefined,
        });
        for (const folder of (env.PATH as string).split(delimiter)) assert.ok(!existsSync(join(folder, "node")), `${folder} holds a node`);
        return { dir, pulumiHome: join(scratch, "pulumi-home"), env };
    }

    /** The plugin's folder in PULUMI_HOME. */
    const pluginDir = (pulumiHome: string) => join(pulumiHome, "plugins", `resource-${PACKAGE_NAME}-v${VERSION}`);

    /** stack init, config (the emulator), up: the plugin downloaded from the server, installed, and the outputs the emulator's data. */
    async function upDownloadsThePlugin(dir: string, pulumiHome: string, env: NodeJS.ProcessEnv): Promise<void> {
        assert.ok(!existsSync(pluginDir(pulumiHome)), "the plugin is installed beforehand");
        const cli = (args: string[]) => run(pulumi.pulumi, [...args, "--non-interactive"], dir, env);
        ok(await cli(["stack", "init", "dev"]), "pulumi stack init");
        for (const entry of pluginStackConfig(emulator))
            ok(await cli(["config", "set", entry.secret ? "--secret" : "--plaintext", entry.key, entry.value]), "pulumi config set");
        server.requests.length = 0;
        const up = ok(await cli(["up", "--yes", "--skip-preview"]), "pulumi up");
        // Before the update when the language host reports the plugin (YAML), at the resource's registration when not (Python).
        assert.match(up, new RegExp(`Downloading (plugin ${PACKAGE_NAME}-${VERSION.replace(/[.]/g, "\\.")}|provider: ${PACKAGE_NAME})`));
        assert.deepEqual(server.requests, [`GET /${ARCHIVE}`]);
        const executable = join(pluginDir(pulumiHome), pulumiExecutableName(BUILD));
        assert.ok(existsSync(executable), `${executable} is missing`);
        assert.deepEqual(readFileSync(executable).subarray(0, 4), Buffer.from("\x7fELF", "latin1"));
        const outputs = JSON.parse(ok(await cli(["stack", "output", "--json", "--show-secrets"]), "pulumi stack output")) as unknown;
        assert.deepEqual(outputs, pluginExampleOutputs(seeded));
    }

    before(async function () {
        this.timeout(600_000);
        for (const file of [ARCHIVE, wheelFileName(VERSION)]) {
            if (!existsSync(join(RELEASE_DIR, file))) throw new Error(`release/${file} is missing: run \`npm run release\` first (after npm run engine)`);
        }
        pulumi = findEngine();
        root = mkdtempSync(join(tmpdir(), "plugin-download-test-"));
        server = await serveStaticSite(RELEASE_DIR);
        emulator = await startEmulator({ verifications: seeded });
    });
    after(async () => {
        await server?.close();
        await emulator?.close();
        if (root && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(root, { recursive: true, force: true });
    });

    it("pulumi up of examples/yaml-release downloads the linux-amd64 archive, installs it in PULUMI_HOME and runs it: the emulator's data", async () => {
        const { dir, pulumiHome, env } = project("yaml", { "Pulumi.yaml": readFileSync(join(REPO_ROOT, "examples", "yaml-release", "Pulumi.yaml"), "utf8") });
        await upDownloadsThePlugin(dir, pulumiHome, env);
    });

    it("pulumi up of examples/python, from a fresh venv with the release's wheel, downloads and runs the plugin the same way", async () => {
        const venv = join(root, "venv");
        execFileSync("python3", ["-m", "venv", venv], { stdio: "pipe" });
        // As a user would: the release's wheel, and its dependencies (the Pulumi SDK) from PyPI at the engine's pins.
        execFileSync(
            join(venv, "bin", "python"),
            ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--constraint", PYTHON_REQUIREMENTS, join(RELEASE_DIR, wheelFileName(VERSION))],
            { stdio: "pipe", env: { ...process.env, PYTHONPATH: undefined } },
        );
        assert.ok(!readdirSync(join(venv, "bin")).includes("node"));
        const files = Object.fromEntries(
            ["Pulumi.yaml", "__main__.py"].map((file) => [file, readFileSync(join(REPO_ROOT, "examples", "python", file), "utf8")]),
        );
        const { dir, pulumiHome, env } = project("python", files, [join(venv, "bin")]);
        await upDownloadsThePlugin(dir, pulumiHome, { ...env, VIRTUAL_ENV: venv });
    });

    it("pulumi plugin install --server --checksum (the README's line) refuses a wrong SHA-256, installing nothing, and installs with the right one", async () => {
        const line = readmeLine(readmeBlock("sh", "pulumi plugin install resource"), "pulumi plugin install resource");
        const sha256 = createHash("sha256")
            .update(readFileSync(join(RELEASE_DIR, ARCHIVE)))
            .digest("hex");
        const args = (checksum: string) =>
            substitute(line, { [README_MIRROR]: server.url.replace(/\/$/, ""), [`<sha256 of ${pulumiArchiveName(VERSION, { ...BUILD })}>`]: checksum })
                .split(/\s+/)
                .slice(1);
        const { dir, pulumiHome, env } = project("plugin-install", {});
        const wrong = "0".repeat(64);
        const refused = await run(pulumi.pulumi, [...args(wrong), "--non-interactive"], dir, env);
        assert.notEqual(refused.code, 0, refused.stdout);
        assert.match(refused.stderr, new RegExp(`invalid checksum, expected ${wrong}, actual ${sha256}`));
        assert.ok(!existsSync(pluginDir(pulumiHome)), "a refused plugin was installed");
        ok(await run(pulumi.pulumi, [...args(sha256), "--non-interactive"], dir, env), "pulumi plugin install --checksum <right>");
        assert.ok(existsSync(join(pluginDir(pulumiHome), pulumiExecutableName(BUILD))));
        const list = ok(await run(pulumi.pulumi, ["plugin", "ls", "--json"], dir, env), "pulumi plugin ls");
        assert.ok(
            (JSON.parse(list) as { name: string; kind: string; version: string }[]).some(
                (p) => p.name === PACKAGE_NAME && p.kind === "resource" && p.version === VERSION,
            ),
            list,
        );
    });
});
