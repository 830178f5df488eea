/**
 * The CLIs `npm run engine` builds for the Terraform provider's tests: `tofu`, `terraform` and `opa` from the engine's
 * bin folder report the pinned releases, and `tofu` and `terraform` initialize and plan a configuration with no
 * provider in a temporary folder, in the environment every run gets (`engine/terraform-env.ts`).
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { findTerraformClis, parseCliVersion, pinnedTofuVersion, TerraformClis, TOFU_MODULE_DIR } from "../../engine/terraform-clis";
import { terraformEnv } from "../../engine/terraform-env";

/** Runs `executable args` in `cwd` with `env`; fails the test, with its output, when it exits non-zero. */
function run(executable: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = terraformEnv()) {
    const result = spawnSync(executable, args, { cwd, env, encoding: "utf8", timeout: 120_000 });
    assert.equal(result.status, 0, `${executable} ${args.join(" ")} failed (${String(result.error ?? result.status)}):\n${result.stdout}\n${result.stderr}`);
    return result;
}

/** What the tests read of `show -json PLAN`: the outputs' planned values and the CLI version that planned. */
const PLAN_JSON = z.object({
    terraform_version: z.string(),
    output_changes: z.object({
        greeting: z.object({ actions: z.array(z.string()), after: z.string() }),
        sum: z.object({ actions: z.array(z.string()), after: z.number() }),
    }),
});

/** A configuration with no provider: an output computed from a variable, and one from arithmetic. */
const MAIN_TF = `variable "name" {
  type = string
}

output "greeting" {
  value = "hello \${upper(var.name)}"
}

output "sum" {
  value = 1 + 2
}
`;

/** The `go`, `godebug` and `replace` lines of go.mod text (a block's entries one by one, comments dropped). */
function directiveLines(goMod: string, directive: "godebug" | "replace"): string[] {
    const lines: string[] = [];
    let inBlock = false;
    for (const raw of goMod.split("\n")) {
        const line = raw.replace(/\/\/.*$/, "").trim();
        if (inBlock) {
            if (line === ")") inBlock = false;
            else if (line !== "") lines.push(line);
        } else if (line === `${directive} (`) {
            inBlock = true;
        } else if (line.startsWith(`${directive} `)) {
            lines.push(line.slice(directive.length + 1).trim());
        }
    }
    return lines;
}

describe("the Terraform CLIs (npm run engine)", function () {
    this.timeout(300_000);
    let clis: TerraformClis;
    let dir: string;

    before(() => {
        clis = findTerraformClis();
    });
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "terraform-clis-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    for (const name of ["tofu", "terraform", "opa"] as const) {
        it(`${name} version reports the pinned release (not a -dev build)`, () => {
            const { stdout } = run(clis[name], ["version"], dir);
            assert.equal(parseCliVersion(name, stdout), clis.versions[name], stdout);
        });
    }

    for (const name of ["tofu", "terraform"] as const) {
        it(`${name} init and plan a configuration with no provider, in the engine tests' environment`, () => {
            writeFileSync(join(dir, "main.tf"), MAIN_TF);
            const planName = `n${randomBytes(4).toString("hex")}`;
            const init = run(clis[name], ["init", "-input=false", "-no-color"], dir);
            assert.match(init.stdout, /has been successfully initialized!/);
            // Not a word about the CLI configuration (this machine exports TF_CLI_CONFIG_FILE naming a missing file).
            assert.doesNotMatch(`${init.stdout}${init.stderr}`, /CLI configuration/);
            assert.ok(!existsSync(join(dir, ".terraform.lock.hcl")), "no provider, no lock file");
            run(clis[name], ["plan", "-input=false", "-no-color", "-out=plan.bin", `-var=name=${planName}`], dir);
            const plan = PLAN_JSON.parse(JSON.parse(run(clis[name], ["show", "-json", "plan.bin"], dir).stdout));
            assert.equal(`v${plan.terraform_version}`, clis.versions[name]);
            assert.deepEqual(plan.output_changes.greeting, { actions: ["create"], after: `hello ${planName.toUpperCase()}` });
            assert.deepEqual(plan.output_changes.sum, { actions: ["create"], after: 3 });
        });
    }

    for (const name of ["tofu", "terraform"] as const) {
        it(`${name} reads the CLI configuration file it is given, and only that one`, () => {
            writeFileSync(join(dir, "main.tf"), MAIN_TF);
            const config = join(dir, "cli.tfrc");
            // A configuration the CLI complains about: proof that it read this file (and not the user's).
            writeFileSync(config, "provider_installation {\n  no_such_method {}\n}\n");
            const env = terraformEnv({ cliConfigFile: config });
            const result = spawnSync(clis[name], ["init", "-input=false", "-no-color"], { cwd: dir, env, encoding: "utf8" });
            assert.match(`${result.stdout}${result.stderr}`, /no_such_method/);
            assert.doesNotMatch(`${result.stdout}${result.stderr}`, /Unable to open CLI configuration file/);
        });
    }

    it("builds tofu with every replace and godebug line of OpenTofu's own go.mod", () => {
        // The pinned module is in the module cache once tofu is built: no download.
        const download = spawnSync("go", ["mod", "download", "-json", `github.com/opentofu/opentofu@${pinnedTofuVersion()}`], {
            cwd: TOFU_MODULE_DIR,
            encoding: "utf8",
            env: { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" },
        });
        assert.equal(download.status, 0, download.stderr);
        const upstream = readFileSync(z.object({ GoMod: z.string() }).parse(JSON.parse(download.stdout)).GoMod, "utf8");
        const ours = readFileSync(join(TOFU_MODULE_DIR, "go.mod"), "utf8");
        for (const directive of ["godebug", "replace"] as const) {
            const expected = directiveLines(upstream, directive);
            assert.ok(expected.length > 0, `OpenTofu's go.mod has ${directive} lines`);
            assert.deepEqual(directiveLines(ours, directive), expected, directive);
        }
    });
});
