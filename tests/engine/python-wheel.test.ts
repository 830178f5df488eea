/**
 * The Python SDK as a user installs it: the wheel `npm run release` builds (packaging/python-wheel.ts),
 * pip installed into a FRESH virtual environment with the Pulumi SDK from PyPI (at the engine's pins), and
 * examples/python run from that environment (activated: its bin folder first on PATH, VIRTUAL_ENV set) with
 * `pulumi preview`, `up` and `destroy` through the engine's Python language host: first with the plugin found on
 * PATH as the npm package installs it, then with the release's linux-x64 archive installed by `pulumi plugin
 * install -f` and no `node` anywhere on PATH (the engine's own stand-in language host is started by its absolute
 * path to Node.js, as a real Pulumi install starts its Go host; the plugin cannot have used a `node`). Outputs
 * equal the emulator's data.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { basename, delimiter, join } from "node:path";
import { PYTHON_REQUIREMENTS, pythonEnvironmentPython } from "../../toolchain/python-environment";
import { Emulator, startEmulator } from "../../emulator";
import { RELEASE_DIR } from "../../packaging/paths";
import { selectPlatforms } from "../../packaging/platforms";
import { buildPythonWheel, pluginJsonInWheel, wheelFileName } from "../../packaging/python-wheel";
import { pulumiArchiveName } from "../../packaging/release-names";
import { packageManifest, pluginDownloadUrl } from "../../provider/package-manifest";
import { PACKAGE_NAME } from "../../provider/pulumi-names";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { credentialStrings, engine, engineProject, listingRequests, pluginExampleOutputs, pluginStackConfig } from "../support/engine/engine-fixture";
import { changeSummaryOf } from "../support/engine/engine-results";
import { CliResult, EngineWorkspace, previewStackOutputs } from "../support/engine/engine-workspace";

const PROJECT = "python-wheel";
const LINUX_X64 = selectPlatforms(["linux-x64"])[0] as ReturnType<typeof selectPlatforms>[number];

/** The `pulumi plugin install ... -f ...` command the README's Python section gives for the release's route. */
function readmePluginInstall(): string {
    const python = readFileSync(join(REPO_ROOT, "README.md"), "utf8").split("\n### Python: ")[1]?.split("\n### ")[0] ?? "";
    const found = [...python.replace(/\s+/g, " ").matchAll(/`(pulumi plugin install [^`]* -f [^`]*)`/g)].map((match) => match[1] as string);
    assert.equal(found.length, 1, `README.md's Python section gives ${found.length} \`pulumi plugin install -f\` commands`);
    return found[0] as string;
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("the Python SDK's wheel, installed into a fresh venv, under the real engine", function () {
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
    const expectedPluginJson = { resource: true, name: PACKAGE_NAME, version, server: pluginDownloadUrl(packageManifest(), PACKAGE_NAME) };
    let emulator: Emulator;
    let workspace: EngineWorkspace;
    let wheel: string;
    let venv: string;
    let venvPython: string;
    let binPath: string;
    const seeded = verifications(120);

    /** `pulumi OPERATION` of examples/python with the venv activated; `env` adds the plugin's whereabouts. */
    function cli(operation: "preview" | "up" | "destroy", env: NodeJS.ProcessEnv): Promise<CliResult> {
        const venvEnv = { ...env, PATH: [join(venv, "bin"), env.PATH].join(delimiter), VIRTUAL_ENV: venv, PYTHONPATH: undefined };
        if (operation === "preview")
            return workspace.run(engine().pulumi, ["preview", "--json", "--non-interactive", "--stack", workspace.stackName], {
                ...venvEnv,
                PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true",
            });
        return workspace.run(
            engine().pulumi,
            [operation, "--yes", "--non-interactive", "--stack", workspace.stackName, ...(operation === "up" ? ["--skip-preview"] : [])],
            venvEnv,
        );
    }

    /** preview, up (outputs, state) and destroy, each asserted. */
    async function previewUpDestroy(env: NodeJS.ProcessEnv): Promise<void> {
        const preview = await cli("preview", env);
        assert.equal(preview.code, 0, preview.stderr + preview.stdout);
        assert.deepEqual(previewStackOutputs(preview.stdout), pluginExampleOutputs(seeded));
        emulator.resetRequests();
        const up = await cli("up", env);
        assert.equal(up.code, 0, up.stderr + up.stdout);
        assert.deepEqual(await workspace.stackOutputs(), pluginExampleOutputs(seeded));
        assert.deepEqual(changeSummaryOf(up.stdout), { create: 2 });
        assert.ok(listingRequests(emulator) > 0);
        const state = await workspace.exportStack();
        for (const secret of credentialStrings(emulator)) assert.ok(!state.includes(secret), "a credential is in the state in plain text");
        const destroy = await cli("destroy", env);
        assert.equal(destroy.code, 0, destroy.stderr + destroy.stdout);
        assert.deepEqual(changeSummaryOf(destroy.stdout), { delete: 2 });
    }

    before(async function () {
        this.timeout(900_000);
        const project = await engineProject(repoPulumiVersion());
        binPath = join(project.dir, "node_modules", ".bin");
        emulator = await startEmulator({ verifications: seeded });
        workspace = new EngineWorkspace(
            project,
            engine(),
            { "__main__.py": readFileSync(join(REPO_ROOT, "examples", "python", "__main__.py"), "utf8") },
            PROJECT,
            `name: ${PROJECT}\nruntime: python\n`,
        );
        wheel = buildPythonWheel({ outDir: mkdtempSync(join(workspace.dir, "release-")) });
        venv = join(workspace.dir, "venv");
        execFileSync("python3", ["-m", "venv", venv], { stdio: ["ignore", "pipe", "pipe"] });
        venvPython = join(venv, "bin", "python");
        // As a user would: the wheel, and its dependencies (the Pulumi SDK) from PyPI, at the engine's pins. The
        // developer's own environment (HOME, the pip cache) is used for the download, not the workspace's.
        execFileSync(venvPython, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--constraint", PYTHON_REQUIREMENTS, wheel], {
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, PYTHONPATH: undefined },
        });
        await workspace.initStack(pluginStackConfig(emulator));
    });
    after(async () => {
        workspace?.remove();
        await emulator?.close();
    });

    it("the wheel carries pulumi-plugin.json naming the plugin, its version and download URL; a second build gives the same bytes", () => {
        assert.equal(wheel.endsWith(wheelFileName(version)), true, wheel);
        assert.deepEqual(pluginJsonInWheel(pythonEnvironmentPython(), wheel), expectedPluginJson);
        const again = buildPythonWheel({ outDir: mkdtempSync(join(workspace.dir, "release-again-")) });
        assert.equal(sha256(again), sha256(wheel));
    });

    it("the wheel requires the Pulumi SDK examples/python/requirements.txt allows, the same specifiers (both from sdks/python/pyproject.toml)", () => {
        const script = [
            "import sys, zipfile",
            "with zipfile.ZipFile(sys.argv[1]) as wheel:",
            "    name = next(n for n in wheel.namelist() if n.endswith('.dist-info/METADATA'))",
            "    print(wheel.read(name).decode())",
        ].join("\n");
        const metadata = execFileSync(pythonEnvironmentPython(), ["-c", script, wheel], { encoding: "utf8" });
        const specifiers = (requirement: string) =>
            new Set(
                requirement
                    .replace(/^pulumi/, "")
                    .split(",")
                    .map((s) => s.trim()),
            );
        const required = /^Requires-Dist: (pulumi[<>=!~][^;\n]*)$/m.exec(metadata)?.[1];
        assert.ok(required, metadata);
        const example = readFileSync(join(REPO_ROOT, "examples", "python", "requirements.txt"), "utf8")
            .split("\n")
            .map((line) => line.replace(/#.*$/, "").trim())
            .filter((line) => line !== "");
        assert.equal(example.length, 1, example.join(" | "));
        assert.deepEqual(specifiers(example[0] as string), specifiers(required));
    });

    it("installed, the package holds pulumi-plugin.json and the version, imported from the venv (not the repository)", () => {
        const script = [
            "import importlib.metadata, importlib.resources, json, pulumi_alicloud_message_contacts as p",
            "print(json.dumps({'plugin': json.loads(importlib.resources.files(p).joinpath('pulumi-plugin.json').read_text()),",
            " 'version': importlib.metadata.version('pulumi_alicloud_message_contacts'), 'file': p.__file__}))",
        ].join("\n");
        const found = JSON.parse(execFileSync(venvPython, ["-c", script], { encoding: "utf8", env: { ...process.env, PYTHONPATH: undefined } })) as {
            plugin: unknown;
            version: string;
            file: string;
        };
        assert.deepEqual(found.plugin, expectedPluginJson);
        assert.equal(found.version, version);
        assert.ok(found.file.startsWith(join(workspace.dir, "venv")), found.file);
    });

    it("preview, up and destroy of examples/python, the plugin from the npm package on PATH: the emulator's data, no credential in state", async () => {
        await previewUpDestroy({ PATH: [binPath, workspace.env.PATH ?? ""].join(delimiter) });
    });

    it("the same with the release's archive installed by pulumi plugin install -f, and no node anywhere on PATH", async () => {
        const archive = join(RELEASE_DIR, pulumiArchiveName(version, LINUX_X64));
        if (!existsSync(archive)) throw new Error(`${archive} is missing: run \`npm run release\` first`);
        const pulumiHome = join(workspace.dir, "pulumi-home-release");
        mkdirSync(pulumiHome);
        const env = { PATH: engine().binDir, PULUMI_HOME: pulumiHome };
        for (const dir of [join(venv, "bin"), engine().binDir]) assert.ok(!readdirSync(dir).includes("node"), `${dir} holds a node`);
        // The README's command for this route, as its Python section writes it, with this platform's archive.
        const [command = "", ...args] = readmePluginInstall().split(" ");
        assert.equal(command, "pulumi");
        const file = args.indexOf("-f") + 1;
        assert.equal(args[file]?.replace("<os>-<arch>", "linux-amd64"), basename(archive), "the README's archive name");
        args[file] = archive;
        const install = await workspace.run(engine().pulumi, [...args, "--non-interactive"], env);
        assert.equal(install.code, 0, install.stderr + install.stdout);
        await previewUpDestroy(env);
    });
});
