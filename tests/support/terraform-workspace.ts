/**
 * Runs `tofu` or `terraform` on configurations that use the packed Terraform provider, installed the way the
 * example's README says: `terraform-provider-alicloudmessagecontacts --write-mirror` of a consumer project's
 * package writes a `filesystem_mirror`, and a CLI configuration with that mirror alone (no `direct`, so nothing is
 * fetched) lets `init` install it and write the lock file. Every run gets `terraformEnv()` (its CLI configuration,
 * no checkpoint, automation output) over a hermetic base: no Alibaba Cloud variable of the developer, an empty
 * HOME (no `~/.aliyun` profile). Every output is kept, so that a test can check that no secret was printed.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { terraformEnv } from "../../engine/terraform-env";
import { ConsumerProject } from "./consumer-project";
import { hermeticEnv } from "./hermetic-env";
import { TERRAFORM_PROVIDER_EXECUTABLE } from "./terraform-provider";

/** The provider's source address, as the example's `required_providers` gives it. */
export const PROVIDER_SOURCE = "pulumi-alicloud-message-contacts/alicloudmessagecontacts";

/** The registry host a short source address means to each CLI. */
export const REGISTRY_HOST = { tofu: "registry.opentofu.org", terraform: "registry.terraform.io" } as const;

/** Text without the CLIs' colour codes. */
function plain(text: string | Buffer): string {
    return String(text).replace(/\x1b\[[0-9;]*m/g, "");
}

/** A finished CLI run. */
export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

/** A folder with a mirror of the packed provider and a CLI configuration that installs from it alone. */
export class TerraformWorkspace {
    /** The temporary root (mirror, CLI configuration, HOME, working folders). */
    readonly root: string;
    /** The CLI configuration file. */
    readonly cliConfigFile: string;
    /** Everything every run printed, stdout and stderr. */
    readonly printed: string[] = [];
    private readonly home: string;

    /** Writes the mirror with the consumer project's installed executable, and the CLI configuration. */
    constructor(
        readonly cli: string,
        project: ConsumerProject,
    ) {
        this.root = mkdtempSync(join(tmpdir(), "terraform-workspace-"));
        this.home = join(this.root, "home");
        mkdirSync(this.home);
        const mirror = join(this.root, "mirror");
        execFileSync(join(project.dir, "node_modules", ".bin", TERRAFORM_PROVIDER_EXECUTABLE), ["--write-mirror", mirror], { stdio: "pipe" });
        this.cliConfigFile = join(this.root, "cli.tfrc");
        const include = Object.values(REGISTRY_HOST).map((host) => JSON.stringify(`${host}/pulumi-alicloud-message-contacts/*`));
        writeFileSync(
            this.cliConfigFile,
            `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = [${include.join(", ")}]\n  }\n}\n`,
        );
    }

    /** A new working folder holding `files` (name to content). */
    folder(name: string, files: Readonly<Record<string, string>>): string {
        const dir = join(this.root, name);
        mkdirSync(dir);
        for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
        return dir;
    }

    /** Runs the CLI in `dir` with `extra` variables (and another CLI configuration, if given); never rejects. */
    run(dir: string, args: readonly string[], extra: NodeJS.ProcessEnv = {}, cliConfigFile = this.cliConfigFile): Promise<CliRun> {
        const env = terraformEnv({ cliConfigFile, base: hermeticEnv({ HOME: this.home }), extra });
        return new Promise((resolve) => {
            execFile(this.cli, [...args], { cwd: dir, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
                this.printed.push(String(stdout), String(stderr));
                const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
                resolve({ code, stdout: plain(stdout), stderr: plain(stderr) + (error && code === -1 ? `\n${error.message}` : "") });
            });
        });
    }

    /**
     * Runs a shell script (bash, `set -euo pipefail`) in `dir` with the CLIs' environment, `extra` variables and
     * `binDir` first on PATH, as a user types a README's commands; never rejects.
     */
    shell(dir: string, script: string, binDir: string, extra: NodeJS.ProcessEnv = {}): Promise<CliRun> {
        const env = terraformEnv({
            cliConfigFile: this.cliConfigFile,
            base: hermeticEnv({ HOME: this.home }),
            extra: { ...extra, PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}` },
        });
        return new Promise((resolve) => {
            execFile(
                "bash",
                ["-euo", "pipefail", "-c", script],
                { cwd: dir, env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
                (error, stdout, stderr) => {
                    this.printed.push(String(stdout), String(stderr));
                    const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
                    resolve({ code, stdout: plain(stdout), stderr: plain(stderr) + (error && code === -1 ? `\n${error.message}` : "") });
                },
            );
        });
    }

    /** Runs the CLI and fails, with what it printed, unless it exits 0; resolves with its stdout. */
    async ok(dir: string, args: readonly string[], extra: NodeJS.ProcessEnv = {}, cliConfigFile = this.cliConfigFile): Promise<string> {
        const result = await this.run(dir, args, extra, cliConfigFile);
        if (result.code !== 0) {
            throw new Error(
                `${this.cli} ${args.join(" ")} exited ${result.code}\nstdout: ${result.stdout.slice(-4000)}\nstderr: ${result.stderr.slice(-4000)}`,
            );
        }
        return result.stdout;
    }
}
