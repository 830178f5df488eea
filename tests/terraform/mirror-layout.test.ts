/**
 * `terraform-provider-alicloudmessagecontacts --write-mirror DIR` of the packed package: the unpacked
 * `filesystem_mirror` layout for both registry hosts, whose launcher runs the installed package's provider (that
 * `tofu init` and `terraform init` accept it is tests/engine/terraform-provider-cli.test.ts's), and its errors.
 */
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launcherScript, mirrorDirArgument, mirrorPlatform } from "../../provider/terraform/mirror-layout";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { hermeticEnv } from "../support/hermetic-env";
import { MAGIC_COOKIE, TERRAFORM_PROVIDER_EXECUTABLE } from "../support/terraform-provider";

describe("Terraform provider: --write-mirror", function () {
    this.timeout(60_000);
    let project: ConsumerProject;
    let dir: string;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
    });
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "tf-mirror-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const executable = () => join(project.dir, "node_modules", ".bin", TERRAFORM_PROVIDER_EXECUTABLE);

    it("writes the unpacked layout for registry.opentofu.org and registry.terraform.io, at the package's version, and prints the files", () => {
        const result = spawnSync(executable(), ["--write-mirror", join(dir, "mirror")], { encoding: "utf8", env: hermeticEnv() });
        assert.equal(result.status, 0, result.stderr);
        const platform = mirrorPlatform(process.platform, process.arch);
        const manifest = join(project.dir, "node_modules", project.packageName, "package.json");
        const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
        const expected = ["registry.opentofu.org", "registry.terraform.io"].map((host) =>
            join(
                dir,
                "mirror",
                host,
                "pulumi-alicloud-message-contacts",
                "alicloudmessagecontacts",
                version,
                platform,
                `${TERRAFORM_PROVIDER_EXECUTABLE}_v${version}`,
            ),
        );
        assert.deepEqual(result.stdout.trim().split("\n"), expected);
        for (const file of expected) {
            assert.equal(statSync(file).mode & 0o111, 0o111, `${file} is not executable`);
            assert.match(readFileSync(file, "utf8"), new RegExp(`node_modules/pulumi-alicloud-message-contacts/dist/provider/terraform/main\\.js' "\\$@"\\n$`));
        }
    });

    it("the launcher runs the installed package's provider: its refusal without the magic cookie, then its handshake line with it", async () => {
        const [launcher] = spawnSync(executable(), ["--write-mirror", dir], { encoding: "utf8", env: hermeticEnv() }).stdout.trim().split("\n");
        assert.ok(launcher);
        const refused = spawnSync(launcher, [], { encoding: "utf8", env: hermeticEnv() });
        assert.equal(refused.status, 1);
        assert.match(refused.stderr, /is a Terraform\/OpenTofu provider plugin, not a command to run by hand/);
        const started = spawn(launcher, [], { stdio: ["ignore", "pipe", "inherit"], env: hermeticEnv({ ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6" }) });
        try {
            const line = await new Promise<string>((resolve, reject) => {
                started.stdout.once("data", (chunk) => resolve(String(chunk)));
                started.once("exit", (code) => reject(new Error(`the provider exited ${code} before its handshake line`)));
            });
            assert.match(line, /^1\|6\|unix\|\S+\|grpc\|\n$/);
        } finally {
            started.kill("SIGTERM");
        }
    });

    it("refuses a missing or extra argument with its usage, exit 2 (a usage error, as the CLI's)", () => {
        for (const args of [["--write-mirror"], ["--write-mirror", dir, "more"]]) {
            const result = spawnSync(executable(), args, { encoding: "utf8", env: hermeticEnv() });
            assert.equal(result.status, 2);
            assert.match(result.stderr, /usage: terraform-provider-alicloudmessagecontacts --write-mirror DIR/);
        }
    });

    it("maps Node's platform and architecture to the mirror's os_arch, and refuses one without a launcher", () => {
        assert.equal(mirrorPlatform("linux", "x64"), "linux_amd64");
        assert.equal(mirrorPlatform("darwin", "arm64"), "darwin_arm64");
        assert.throws(() => mirrorPlatform("win32", "x64"), /win32\/x64 has no launcher .*accepted: linux, darwin/);
        assert.throws(() => mirrorDirArgument(["--write-mirror", ""]), /usage/);
    });

    it("quotes the launcher's paths for /bin/sh", () => {
        assert.equal(launcherScript("/opt/node 24/bin/node", "/x/it's/main.js").split("\n")[2], `exec '/opt/node 24/bin/node' '/x/it'\\''s/main.js' "$@"`);
    });
});
