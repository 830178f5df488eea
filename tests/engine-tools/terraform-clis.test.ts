import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { engineBinDir, requiredGoVersion } from "../../engine/pulumi-engine";
import {
    cliInputsHash,
    cliIsBuilt,
    cliStampPath,
    findTerraformClis,
    OPA_MODULE_DIR,
    parseCliVersion,
    pinnedOpaVersion,
    pinnedTofuVersion,
    TERRAFORM_VERSION,
    terraformCliBuilds,
    TOFU_MODULE_DIR,
} from "../../engine/terraform-clis";
import { terraformEnv } from "../../engine/terraform-env";

const REPO_ROOT = join(__dirname, "..", "..");

/** Runs `body` with XDG_CACHE_HOME an empty temporary folder. */
function withEmptyCache(body: () => void): void {
    const saved = process.env.XDG_CACHE_HOME;
    const cache = mkdtempSync(join(tmpdir(), "no-clis-"));
    try {
        process.env.XDG_CACHE_HOME = cache;
        body();
    } finally {
        if (saved === undefined) delete process.env.XDG_CACHE_HOME;
        else process.env.XDG_CACHE_HOME = saved;
        rmSync(cache, { recursive: true, force: true });
    }
}

describe("the Terraform CLIs' environment (engine/terraform-env.ts)", () => {
    it("replaces the user's CLI configuration with an empty one, and disables the version check", () => {
        const env = terraformEnv({ base: { PATH: "/bin", HOME: "/home/u", TF_CLI_CONFIG_FILE: "/home/u/.terraformrc-missing" } });
        assert.deepEqual(env, { PATH: "/bin", HOME: "/home/u", TF_CLI_CONFIG_FILE: devNull, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" });
    });

    it("points TF_CLI_CONFIG_FILE at the caller's file", () => {
        assert.equal(terraformEnv({ base: {}, cliConfigFile: "/tmp/cli.tfrc" }).TF_CLI_CONFIG_FILE, "/tmp/cli.tfrc");
    });

    it("drops the shell's TF_* and TOFU_* variables but the log ones, and adds the caller's", () => {
        const base = {
            TF_DATA_DIR: "/elsewhere",
            TF_CLI_ARGS_plan: "-refresh=false",
            TF_REATTACH_PROVIDERS: "{}",
            TF_VAR_name: "shell",
            TOFU_ENABLE_STATIC_EVALUATION: "1",
            TF_LOG: "debug",
            TF_LOG_PATH: "/tmp/log",
            CHECKPOINT_DISABLE: "",
            NOT_TF_DATA_DIR: "kept",
        };
        const env = terraformEnv({ base, extra: { TF_VAR_name: "caller", ALICLOUD_REGION: "cn-hangzhou" } });
        assert.deepEqual(env, {
            TF_LOG: "debug",
            TF_LOG_PATH: "/tmp/log",
            NOT_TF_DATA_DIR: "kept",
            TF_VAR_name: "caller",
            ALICLOUD_REGION: "cn-hangzhou",
            TF_CLI_CONFIG_FILE: devNull,
            CHECKPOINT_DISABLE: "1",
            TF_IN_AUTOMATION: "1",
        });
    });

    it("refuses extra variables that would replace the fixed ones, naming them", () => {
        assert.throws(
            () => terraformEnv({ base: {}, extra: { TF_CLI_CONFIG_FILE: "/x", TF_IN_AUTOMATION: "0" } }),
            (error: Error) => {
                assert.match(error.message, /extra may not set TF_CLI_CONFIG_FILE, TF_IN_AUTOMATION;/);
                assert.match(error.message, /cliConfigFile option/);
                return true;
            },
        );
    });

    it("starts from this process's environment by default", () => {
        assert.equal(terraformEnv().PATH, process.env.PATH);
    });
});

describe("the Terraform CLIs' builds (engine/terraform-clis.ts)", () => {
    it("pins OpenTofu and OPA in their tools modules, which accept the same Go as the engine's", () => {
        for (const [dir, tool, version] of [
            [TOFU_MODULE_DIR, "github.com/opentofu/opentofu/cmd/tofu", pinnedTofuVersion()],
            [OPA_MODULE_DIR, "github.com/open-policy-agent/opa", pinnedOpaVersion()],
        ] as const) {
            const goMod = readFileSync(join(dir, "go.mod"), "utf8");
            assert.match(goMod, new RegExp(`^tool ${tool.replace(/\./g, "\\.")}$`, "m"));
            assert.match(version, /^v\d+\.\d+\.\d+$/);
            assert.match(goMod, new RegExp(`^go ${requiredGoVersion().replace(/\./g, "\\.")}$`, "m"));
        }
        assert.match(TERRAFORM_VERSION, /^v1\.5\.\d+$/, "the last MPL-licensed Terraform line");
    });

    it("builds tofu, terraform and opa stripped, tofu with its release flag, terraform by go install", () => {
        const builds = terraformCliBuilds();
        assert.deepEqual(
            builds.map((build) => build.name),
            ["tofu", "terraform", "opa"],
        );
        for (const build of builds)
            assert.ok(
                build.flags.some((flag) => /(^| )-s -w( |$)/.test(flag)),
                build.name,
            );
        const tofu = builds[0];
        assert.ok(tofu?.flags.some((flag) => flag.includes("github.com/opentofu/opentofu/version.dev=no")));
        assert.deepEqual(builds[1]?.source, { kind: "install", pkgAtVersion: `github.com/hashicorp/terraform@${TERRAFORM_VERSION}` });
    });

    it("records each CLI's inputs beside the bin folder, and a change of flags changes the hash", () => {
        for (const build of terraformCliBuilds()) {
            assert.equal(dirname(cliStampPath(build.name)), dirname(engineBinDir()));
            assert.match(cliInputsHash(build), /^[0-9a-f]{12}$/);
            assert.notEqual(cliInputsHash({ ...build, flags: [...build.flags, "-race"] }), cliInputsHash(build));
        }
        assert.ok(!engineBinDir().startsWith(REPO_ROOT));
    });

    it("reads the version each CLI prints", () => {
        assert.equal(parseCliVersion("tofu", "OpenTofu v1.12.6\non linux_amd64\n"), "v1.12.6");
        assert.equal(parseCliVersion("tofu", "OpenTofu v1.12.6-dev\non linux_amd64\n"), "v1.12.6-dev");
        assert.equal(parseCliVersion("terraform", "Terraform v1.5.7\non linux_amd64\n"), "v1.5.7");
        assert.equal(parseCliVersion("opa", "Version: 1.22.4\nBuild Commit: \nGo Version: go1.26.8\n"), "v1.22.4");
        assert.equal(parseCliVersion("terraform", "OpenTofu v1.12.6\n"), undefined);
        assert.equal(parseCliVersion("opa", ""), undefined);
    });

    it("says to run npm run engine, naming each missing CLI, when they are not built", () => {
        withEmptyCache(() => {
            for (const build of terraformCliBuilds()) assert.equal(cliIsBuilt(build), false);
            assert.throws(
                () => findTerraformClis(),
                (error: Error) => {
                    assert.match(error.message, /run `npm run engine` first/);
                    for (const part of [`tofu ${pinnedTofuVersion()}`, `terraform ${TERRAFORM_VERSION}`, `opa ${pinnedOpaVersion()}`])
                        assert.ok(error.message.includes(part), part);
                    return true;
                },
            );
        });
    });
});
