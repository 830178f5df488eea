/**
 * The npm package's Terraform route as examples/terraform/README.md has it, with `tofu` (as written) and with
 * `terraform` (its "or terraform" alternative, `tofu ` replaced): in a folder holding examples/terraform's main.tf
 * and the packed package in node_modules (as `npm install pulumi-alicloud-message-contacts` leaves it there), its
 * blocks run by bash in order: (b) `--write-mirror` and the CLI configuration, `init` from the mirror (the lock file's
 * `h1:`), then "Against the bundled emulator" (the README's emulator in the background, on a free port for its
 * 18080; `apply`, `output -json`); and (a) the `dev_overrides` configuration and `plan` with no `init` (the emulator's
 * endpoint and keys given by the test). The outputs are the emulator's demo data.
 */
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { demoVerifications, Emulator, startEmulator } from "../../emulator";
import { findTerraformClis } from "../../engine/terraform-clis";
import { terraformEnv } from "../../engine/terraform-env";
import { consumerProject, REPO_ROOT } from "../support/consumer-project";
import { listingOutputsOf } from "../support/emulator-fixture";
import { hermeticEnv } from "../support/hermetic-env";
import { CodeBlock } from "../support/markdown-blocks";
import { freePort } from "../support/free-port";
import { markdownBlock } from "../support/readme-blocks";
import { runShellBlock } from "../support/readme-script";

const EXAMPLE_README = "examples/terraform/README.md";
/** The port the README's emulator listens on, replaced by a free one. */
const README_PORT = "18080";
/** How many demo verifications the README's emulator serves (`--demo 23`). */
const README_DEMO = 23;

/** The one shell block of the example's README whose code contains `text`. */
function exampleBlock(text: string): CodeBlock {
    return markdownBlock(EXAMPLE_README, "sh", text);
}

/** Blocks as one script, in order (they share the folder, and the exports of one reach the next). */
function script(blocks: readonly CodeBlock[]): CodeBlock {
    return { file: EXAMPLE_README, line: blocks[0]?.line ?? 0, lang: "sh", code: blocks.map((block) => block.code).join("\n") };
}

describe("examples/terraform/README.md's npm route, run as it is written, with tofu and with terraform", function () {
    this.timeout(600_000);
    let root: string;
    let emulator: Emulator | undefined;
    const demo = demoVerifications(README_DEMO);

    before(() => {
        root = mkdtempSync(join(tmpdir(), "terraform-readme-route-"));
    });
    after(async () => {
        await emulator?.close();
        if (root && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(root, { recursive: true, force: true });
    });

    /** The example's folder after the README's `npm install`, and the environment its commands run in. */
    async function exampleFolder(name: string, cli: string): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
        const project = await consumerProject();
        const dir = join(root, name, "examples", "terraform");
        mkdirSync(dir, { recursive: true });
        symlinkSync(join(REPO_ROOT, "examples", "terraform", "main.tf"), join(dir, "main.tf"));
        symlinkSync(join(project.dir, "node_modules"), join(dir, "node_modules"), "dir");
        mkdirSync(join(root, name, "home"));
        const base = hermeticEnv({
            PATH: [dirname(cli), dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(delimiter),
            HOME: join(root, name, "home"),
            npm_config_offline: "true",
            npm_config_update_notifier: "false",
            NODE_OPTIONS: undefined,
        });
        for (const key of Object.keys(base)) if (/^npm_(package|lifecycle|config_(local_)?prefix)|^INIT_CWD$/i.test(key)) delete base[key];
        return { dir, env: terraformEnv({ base }) };
    }

    /** The example's outputs after its commands, as `output -json` gives them (from the state). */
    async function outputs(cli: string, dir: string, env: NodeJS.ProcessEnv): Promise<Record<string, { value: unknown }>> {
        const result = await runShellBlock(
            { file: "test", line: 0, lang: "sh", code: `'${cli}' output -json` },
            { cwd: dir, env: { ...env, TF_CLI_CONFIG_FILE: join(dir, "mirror.tfrc") } },
        );
        assert.equal(result.code, 0, result.stderr);
        return JSON.parse(result.stdout) as Record<string, { value: unknown }>;
    }

    for (const cliName of ["tofu", "terraform"] as const) {
        it(`(b) --write-mirror, init from the mirror, then apply against the README's emulator (${cliName}): the demo data`, async () => {
            const cli = findTerraformClis()[cliName];
            const { dir, env } = await exampleFolder(`${cliName}-mirror`, cli);
            const blocks = [exampleBlock("--write-mirror"), exampleBlock("tofu init"), exampleBlock("--demo 23")];
            const port = String(await freePort());
            const replacements: Record<string, string> = { [README_PORT]: port, ...(cliName === "terraform" ? { "tofu ": "terraform " } : {}) };
            const result = await runShellBlock(script(blocks), { cwd: dir, env, replacements });
            assert.equal(
                result.code,
                0,
                `${EXAMPLE_README}:${blocks[0]?.line} exited ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
            );
            assert.match(result.stdout, /^\s*"h1:\S+",?$/m, "the lock file's h1: (grep)");
            const expected = listingOutputsOf(demo);
            const shown = await outputs(cli, dir, env);
            assert.equal(shown.total_count?.value, README_DEMO);
            assert.deepEqual(shown.targets?.value, expected.targets);
        });
    }

    it("(a) dev_overrides: the README's configuration, then plan with no init (tofu), reading the emulator", async () => {
        const cli = findTerraformClis().tofu;
        const { dir, env } = await exampleFolder("tofu-dev", cli);
        emulator = await startEmulator({ verifications: demo });
        const blocks = [exampleBlock("dev_overrides {"), exampleBlock("dev.tfrc\ntofu plan")];
        const result = await runShellBlock(script(blocks), {
            cwd: dir,
            env: {
                ...env,
                ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER: emulator.url,
                ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId,
                ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret,
            },
        });
        assert.equal(
            result.code,
            0,
            `${EXAMPLE_README}:${blocks[0]?.line} exited ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
        );
        assert.match(result.stdout + result.stderr, /Provider development overrides are in effect/);
        assert.match(result.stdout, new RegExp(`total_count\\s+= ${README_DEMO}`));
    });
});
