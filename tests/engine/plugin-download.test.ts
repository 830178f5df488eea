/**
 * The Pulumi engine downloads the release's plugin itself, as it does for any provider whose SDK names a download
 * URL: the schema's `pluginDownloadURL` (`github://api.github.com/<owner>`, from package.json's repository) is
 * redirected to a loopback HTTP server holding `release/` by `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES`, as the README
 * shows for a mirror of the release. With an empty PULUMI_HOME (no plugin installed) and no `node` on PATH:
 *
 * - the README's commands for examples/yaml-release (its options name the version and URL), run as the README
 *   has them (bash, with the emulator's keys for the placeholders and its endpoint in the variable the plugin
 *   reads): `pulumi up` downloads, installs and runs the plugin: the server saw the GET of the linux-amd64 tar.gz,
 *   the plugin is in PULUMI_HOME/plugins, and the outputs are the emulator's data;
 * - the same for the README's commands for examples/python from the release: a virtual environment beside
 *   Pulumi.yaml (the one it names) with the release's wheel (whose pulumi-plugin.json names the version and URL)
 *   and requirements.txt, the program run through the engine's Python language host;
 * - `pulumi plugin install resource NAME VERSION --server URL --checksum SHA256` (the README's line) installs the
 *   archive with the right checksum and refuses it, installing nothing, with a wrong one.
 */
import { strict as assert } from "node:assert";
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
import { pluginExampleOutputs } from "../support/engine/engine-fixture";
import type { CodeBlock } from "../support/markdown-blocks";
import { readmeBlock, readmeLine, substitute } from "../support/readme-blocks";
import { linkedTools, pipFromCache, pulumiRouteEnv, pythonExecutable, runShellBlock } from "../support/readme-script";
import { serveStaticSite, StaticSite } from "../support/static-site-server";
import { runFile as run, succeeded } from "../support/run-file";

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const BUILD = PLATFORMS[0] as (typeof PLATFORMS)[number];
const ARCHIVE = pulumiArchiveName(VERSION, BUILD);
/** Where the README's mirror is: replaced by the loopback server's URL. */
const README_MIRROR = "https://plugins.example.com/alicloud-message-contacts";

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

    /**
     * A folder laid out as the README's block expects (`examples/<example>` with `files`), an empty PULUMI_HOME,
     * backend and HOME of its own, and the environment of the block's commands: no node on PATH (only `tools`),
     * the README's override of the download URL pointed at the loopback mirror, the emulator's endpoint.
     */
    function routeFolder(name: string, example: string, files: Record<string, string | Buffer>, tools: Record<string, string> = {}) {
        const scratch = join(root, name);
        const dir = join(scratch, "examples", example);
        for (const folder of [dir, join(scratch, "home"), join(scratch, "pulumi-home"), join(scratch, "state")]) mkdirSync(folder, { recursive: true });
        for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
        const env = pulumiRouteEnv({
            engineBin: pulumi.binDir,
            home: join(scratch, "home"),
            pulumiHome: join(scratch, "pulumi-home"),
            state: join(scratch, "state"),
            endpoint: emulator.url,
            system: [linkedTools(join(scratch, "tools"), tools)],
            extra: {
                PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: undefined,
                PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: overridesFor(server.url),
                // The Python route's Pulumi SDK from the developer's pip cache, at the engine's pins.
                ...pipFromCache(PYTHON_REQUIREMENTS),
            },
        });
        for (const folder of (env.PATH as string).split(delimiter)) assert.ok(!existsSync(join(folder, "node")), `${folder} holds a node`);
        return { root: scratch, dir, pulumiHome: join(scratch, "pulumi-home"), env };
    }

    /** The plugin's folder in PULUMI_HOME. */
    const pluginDir = (pulumiHome: string) => join(pulumiHome, "plugins", `resource-${PACKAGE_NAME}-v${VERSION}`);

    /**
     * The README's block (from the folder above examples/), with the emulator's keys for its placeholders: the plugin
     * downloaded from the server, installed, and the outputs the emulator's data.
     */
    async function readmeBlockDownloadsThePlugin(block: CodeBlock, route: ReturnType<typeof routeFolder>): Promise<void> {
        assert.ok(!existsSync(pluginDir(route.pulumiHome)), "the plugin is installed beforehand");
        server.requests.length = 0;
        const result = await runShellBlock(block, {
            cwd: route.root,
            env: route.env,
            replacements: { "<AccessKey ID>": emulator.account.accessKeyId, "<AccessKey secret>": emulator.account.accessKeySecret },
        });
        const up = succeeded(result, `README.md:${block.line}`);
        // Before the update when the language host reports the plugin (YAML), at the resource's registration when not (Python).
        assert.match(up, new RegExp(`Downloading (plugin ${PACKAGE_NAME}-${VERSION.replace(/[.]/g, "\\.")}|provider: ${PACKAGE_NAME})`));
        assert.deepEqual(server.requests, [`GET /${ARCHIVE}`]);
        const executable = join(pluginDir(route.pulumiHome), pulumiExecutableName(BUILD));
        assert.ok(existsSync(executable), `${executable} is missing`);
        assert.deepEqual(readFileSync(executable).subarray(0, 4), Buffer.from("\x7fELF", "latin1"));
        const outputs = JSON.parse(
            succeeded(await run(pulumi.pulumi, ["stack", "output", "--json", "--show-secrets"], route.dir, route.env), "pulumi stack output"),
        ) as unknown;
        assert.deepEqual(outputs, pluginExampleOutputs(seeded));
    }

    /** A project folder and an empty PULUMI_HOME, backend and HOME of its own; the env of every command in it. */
    function project(name: string): { dir: string; pulumiHome: string; env: NodeJS.ProcessEnv } {
        const route = routeFolder(name, "none", {});
        return { dir: route.dir, pulumiHome: route.pulumiHome, env: route.env };
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

    it("the README's commands for examples/yaml-release: pulumi up downloads the linux-amd64 archive, installs it in PULUMI_HOME and runs it: the emulator's data", async () => {
        const route = routeFolder("yaml", "yaml-release", { "Pulumi.yaml": readFileSync(join(REPO_ROOT, "examples", "yaml-release", "Pulumi.yaml")) });
        await readmeBlockDownloadsThePlugin(readmeBlock("sh", "cd examples/yaml-release"), route);
    });

    it("the README's commands for examples/python from the release: a venv with the wheel, then pulumi up downloads and runs the plugin the same way", async () => {
        const files = Object.fromEntries(
            ["Pulumi.yaml", "__main__.py", "requirements.txt"].map((file) => [file, readFileSync(join(REPO_ROOT, "examples", "python", file))]),
        );
        // The user downloaded the release's wheel into the folder.
        const route = routeFolder(
            "python",
            "python",
            { ...files, [wheelFileName(VERSION)]: readFileSync(join(RELEASE_DIR, wheelFileName(VERSION))) },
            {
                python3: pythonExecutable(),
            },
        );
        await readmeBlockDownloadsThePlugin(readmeBlock("sh", `install -r requirements.txt ${wheelFileName(VERSION)}`), route);
        // The program ran with the virtual environment Pulumi.yaml names, which the README's commands made.
        assert.ok(!readdirSync(join(route.dir, "venv", "bin")).includes("node"));
        assert.ok(existsSync(join(route.dir, "venv", "lib")), "no venv beside Pulumi.yaml");
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
        const { dir, pulumiHome, env } = project("plugin-install");
        const wrong = "0".repeat(64);
        const refused = await run(pulumi.pulumi, [...args(wrong), "--non-interactive"], dir, env);
        assert.notEqual(refused.code, 0, refused.stdout);
        assert.match(refused.stderr, new RegExp(`invalid checksum, expected ${wrong}, actual ${sha256}`));
        assert.ok(!existsSync(pluginDir(pulumiHome)), "a refused plugin was installed");
        succeeded(await run(pulumi.pulumi, [...args(sha256), "--non-interactive"], dir, env), "pulumi plugin install --checksum <right>");
        assert.ok(existsSync(join(pluginDir(pulumiHome), pulumiExecutableName(BUILD))));
        const list = succeeded(await run(pulumi.pulumi, ["plugin", "ls", "--json"], dir, env), "pulumi plugin ls");
        assert.ok(
            (JSON.parse(list) as { name: string; kind: string; version: string }[]).some(
                (p) => p.name === PACKAGE_NAME && p.kind === "resource" && p.version === VERSION,
            ),
            list,
        );
    });
});
