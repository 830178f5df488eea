/**
 * A Python program using the provider plugin through the generated Python SDK (sdks/python, as committed), from
 * the npm package and a clone: the README's commands for that route, as the README has them (bash, in a copy of
 * examples/python beside a copy of sdks/python; the packed tarball for the registry's package, as the README says
 * for an install from source; pip's versions pinned by PIP_CONSTRAINT, its downloads from the developer's cache;
 * the emulator's keys for the placeholders and its endpoint in the variable the plugin reads;
 * PULUMI_SKIP_CONFIRMATIONS=true for `pulumi up` without a terminal): `npm install`, the virtual environment
 * Pulumi.yaml names with requirements.txt and the SDK, the plugin on PATH, `pulumi up`. The program runs with that
 * environment's Python through the engine's Python language host (`engine/language-hosts/python`). Its stack
 * outputs equal the emulator's data at up and at the next preview; the state holds no credential in plain text;
 * `pulumi destroy` empties the stack.
 */
import { strict as assert } from "node:assert";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { PYTHON_REQUIREMENTS } from "../../toolchain/python-environment";
import { REPO_ROOT, repoPulumiVersion } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { credentialStrings, engine, engineProject, listingRequests, pluginExampleOutputs } from "../support/engine/engine-fixture";
import { changeSummaryOf } from "../support/engine/engine-results";
import { previewStackOutputs } from "../support/engine/engine-workspace";
import { readmeBlock } from "../support/readme-blocks";
import {
    linkedTools,
    pipFromCache,
    pulumiRouteEnv,
    pythonExecutable,
    runShellBlock,
    ScriptRun,
    stackOutputsIn,
    systemWithNode,
} from "../support/readme-script";

describe("the README's commands for examples/python from the npm package and a clone: the generated SDK in the venv Pulumi.yaml names", function () {
    this.timeout(600_000);
    let emulator: Emulator;
    let root: string;
    let example: string;
    /** The environment of the README's commands, with the PATH they export (the plugin's folder first). */
    let env: NodeJS.ProcessEnv;
    let readmeRun: ScriptRun;
    const seeded = verifications(150);

    /** `pulumi ARGS` in the example's folder, after the README's commands. */
    async function pulumi(args: readonly string[], extra: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
        return runShellBlock(
            { file: "test", line: 0, lang: "sh", code: `pulumi ${args.map((arg) => `'${arg}'`).join(" ")} --non-interactive` },
            { cwd: example, env: { ...env, ...extra } },
        );
    }

    before(async function () {
        this.timeout(900_000);
        const { tarball } = await engineProject(repoPulumiVersion());
        emulator = await startEmulator({ verifications: seeded });
        root = mkdtempSync(join(tmpdir(), "readme-python-"));
        example = join(root, "examples", "python");
        mkdirSync(example, { recursive: true });
        for (const file of ["Pulumi.yaml", "__main__.py", "requirements.txt", "package.json"])
            cpSync(join(REPO_ROOT, "examples", "python", file), join(example, file));
        cpSync(join(REPO_ROOT, "sdks", "python"), join(root, "sdks", "python"), { recursive: true });
        for (const folder of ["home", "pulumi-home", "state"]) mkdirSync(join(root, folder));
        const routeEnv = pulumiRouteEnv({
            engineBin: engine().binDir,
            home: join(root, "home"),
            pulumiHome: join(root, "pulumi-home"),
            state: join(root, "state"),
            endpoint: emulator.url,
            pathBefore: [linkedTools(join(root, "tools"), { python3: pythonExecutable() })],
            system: systemWithNode(),
            extra: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true", ...pipFromCache(PYTHON_REQUIREMENTS) },
        });
        const block = readmeBlock("sh", "install -r requirements.txt ../../sdks/python");
        readmeRun = await runShellBlock(block, {
            cwd: root,
            env: routeEnv,
            replacements: {
                // The README's install from source: the packed tarball for the registry's package (@pulumi/pulumi from npm's cache).
                "npm install pulumi-alicloud-message-contacts @pulumi/pulumi": `npm install ${tarball} @pulumi/pulumi@${repoPulumiVersion()}`,
                "<AccessKey ID>": emulator.account.accessKeyId,
                "<AccessKey secret>": emulator.account.accessKeySecret,
            },
        });
        assert.equal(readmeRun.code, 0, `README.md:${block.line} exited ${readmeRun.code}\n${readmeRun.stdout}\n${readmeRun.stderr}`);
        env = { ...routeEnv, PATH: [join(example, "node_modules", ".bin"), routeEnv.PATH].join(delimiter) };
    });
    after(async () => {
        await emulator?.close();
        if (root && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(root, { recursive: true, force: true });
    });

    it("up (the README's): the stack outputs equal the emulator's data exactly; the state holds no credential in plain text", async () => {
        assert.deepEqual(changeSummaryOf(readmeRun.stdout), { create: 2 });
        assert.deepEqual(stackOutputsIn(engine().pulumi, example, env), pluginExampleOutputs(seeded));
        const state = (await pulumi(["stack", "export"])).stdout;
        for (const secret of credentialStrings(emulator)) assert.ok(!state.includes(secret), "a credential is in the state in plain text");
    });

    it("the program ran with the Python of the virtual environment Pulumi.yaml names, which the README's commands made", async () => {
        assert.ok(existsSync(join(example, "venv", "bin", "python")));
        const probe = await runShellBlock(
            { file: "test", line: 0, lang: "sh", code: "venv/bin/python -c 'import pulumi_alicloud_message_contacts, pulumi; print(pulumi.__file__)'" },
            { cwd: example, env },
        );
        assert.equal(probe.code, 0, probe.stderr);
        assert.ok(probe.stdout.startsWith(join(example, "venv")), probe.stdout);
        // Nowhere else could the program have imported the SDK: not in the engine's own environment.
        const elsewhere = await runShellBlock(
            { file: "test", line: 0, lang: "sh", code: `'${engine().pythonPath}' -c 'import pulumi_alicloud_message_contacts'` },
            { cwd: root, env },
        );
        assert.notEqual(elsewhere.code, 0, "the engine's Python imports the SDK too");
    });

    it("preview: the stack outputs the program registers equal the emulator's data (the function and the planned resource)", async () => {
        emulator.resetRequests();
        const preview = await pulumi(["preview", "--json"], { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" });
        assert.equal(preview.code, 0, preview.stderr + preview.stdout);
        assert.deepEqual(previewStackOutputs(preview.stdout), pluginExampleOutputs(seeded));
        assert.ok(listingRequests(emulator) > 0);
    });

    it("destroy removes the record (and the stack resource), and leaves the service's data alone", async () => {
        const destroy = await pulumi(["destroy", "--yes"]);
        assert.equal(destroy.code, 0, destroy.stderr + destroy.stdout);
        assert.deepEqual(changeSummaryOf(destroy.stdout), { delete: 2 });
        assert.deepEqual(emulator.verifications(), seeded);
    });
});
