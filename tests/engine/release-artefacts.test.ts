/**
 * The release's linux-x64 artefacts (`npm run release`, which `.ci/run` runs before these tests) installed the
 * way users install them, with no `node` anywhere on PATH: the executable alone prints the go-plugin handshake
 * under `TF_PLUGIN_MAGIC_COOKIE` and the Pulumi port line otherwise, answers `--version` and `--help` under either
 * protocol and refuses `--write-mirror` (the npm package's flag) with exit code 2, naming the npm route; `tofu init`
 * installs the zip from a packed filesystem mirror made by the README's commands and configuration, and `tofu
 * apply` of examples/terraform reads the emulator; `pulumi plugin install -f` installs the tar.gz and the release's
 * YAML program (examples/yaml-release) reads the emulator; the SHA256SUMS signs and verifies with a throwaway gpg
 * key; a second build gives the same bytes and a third is skipped.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { findEngine } from "../../engine/pulumi-engine";
import { findTerraformClis } from "../../engine/terraform-clis";
import { terraformEnv } from "../../engine/terraform-env";
import { gpgDetachSign, gpgVerify } from "../../packaging/gpg-sign";
import { release } from "../../packaging/main";
import { RELEASE_DIR, REPO_ROOT } from "../../packaging/paths";
import { selectPlatforms } from "../../packaging/platforms";
import { parseSha256Sums, sha256Hex } from "../../packaging/checksums";
import { pulumiArchiveName, pulumiExecutableName, terraformManifestName, terraformSumsName, terraformZipName } from "../../packaging/release-names";
import { DEFAULT_STARTUP_DATA } from "../../packaging/sea-executable";
import { PROVIDER_NAMESPACE, PROVIDER_TYPE } from "../../provider/terraform/terraform-names";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../provider/terraform/handshake";
import { PACKAGE_NAME } from "../../provider/pulumi-names";
import { listingOutputsOf, verifications } from "../support/emulator-fixture";
import { pluginExampleOutputs, pluginStackConfig } from "../support/engine/engine-fixture";
import { hermeticEnv } from "../support/hermetic-env";
import { readmeBlock, substitute } from "../support/readme-blocks";
import { runFile as run, succeeded } from "../support/run-file";
import { firstLine } from "../support/first-line";

const LINUX_X64 = selectPlatforms(["linux-x64"])[0] as ReturnType<typeof selectPlatforms>[number];
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const TAR = join(RELEASE_DIR, pulumiArchiveName(VERSION, LINUX_X64));
const ZIP = join(RELEASE_DIR, terraformZipName(VERSION, LINUX_X64));

/** Asserts that no folder of `path` (a PATH value) holds a `node`. */
function assertNoNode(path: string): void {
    for (const dir of path.split(delimiter).filter((d) => d !== "")) assert.ok(!existsSync(join(dir, "node")), `${dir} holds a node`);
}

/**
 * Go's dirhash "h1:" of the release zip's one file (golang.org/x/mod/sumdb/dirhash Hash1: SHA-256 over the lines
 * `<sha256 hex>  <name>`, base64), as `tofu init` records it for the extracted provider.
 */
function h1OfZip(): string {
    const dir = mkdtempSync(join(tmpdir(), "release-h1-"));
    try {
        execFileSync("unzip", ["-q", ZIP, "-d", dir]);
        const lines = readdirSync(dir)
            .sort()
            .map((name) => `${sha256Hex(readFileSync(join(dir, name)))}  ${name}\n`)
            .join("");
        return `h1:${createHash("sha256").update(lines).digest("base64")}`;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

describe("release: the linux-x64 artefacts installed as users install them, no node on PATH", function () {
    this.timeout(300_000);
    let root: string;
    let noNodePath: string;
    let emulator: Emulator;
    const seeded = verifications(230);

    before(async function () {
        if (!existsSync(TAR) || !existsSync(ZIP)) throw new Error(`${TAR} or ${ZIP} is missing: run \`npm run release\` first`);
        root = mkdtempSync(join(tmpdir(), "release-test-"));
        noNodePath = join(root, "empty-bin");
        mkdirSync(noNodePath);
        emulator = await startEmulator({ verifications: seeded });
    });
    after(async () => {
        await emulator?.close();
        if (root) rmSync(root, { recursive: true, force: true });
    });

    it("the executable alone: the go-plugin handshake line under TF_PLUGIN_MAGIC_COOKIE, the Pulumi port line otherwise", async () => {
        const dir = join(root, "exe");
        mkdirSync(dir);
        execFileSync("tar", ["xzf", TAR, "-C", dir]);
        assert.deepEqual(readdirSync(dir), [pulumiExecutableName(LINUX_X64)]);
        const exe = join(dir, pulumiExecutableName(LINUX_X64));
        assert.deepEqual(readFileSync(exe).subarray(0, 4), Buffer.from("\x7fELF", "latin1"), "not an ELF executable");
        const env = { PATH: noNodePath, HOME: root };
        assertNoNode(env.PATH);
        const handshake = await firstLine([exe], { ...env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6" });
        assert.match(handshake.line, /^1\|6\|unix\|\/\S+\|grpc\|$/);
        rmSync(handshake.line.split("|")[3] as string, { force: true });
        const port = await firstLine([exe], env);
        assert.match(port.line, /^\d{2,5}$/);
        // Node.js warns when it rejects the executable's code cache (one made with other V8 flags): it must not.
        assert.equal(handshake.stderr + port.stderr, "");
    });

    it("the executable answers --version and --help as a CLI does, with or without the cookie; --write-mirror exits 2 naming the npm route", async () => {
        const dir = join(root, "flags");
        mkdirSync(dir);
        execFileSync("tar", ["xzf", TAR, "-C", dir]);
        const exe = join(dir, pulumiExecutableName(LINUX_X64));
        const plain = { PATH: noNodePath, HOME: root };
        assertNoNode(plain.PATH);
        for (const env of [plain, { ...plain, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6" }]) {
            const side = MAGIC_COOKIE_KEY in env ? "with the cookie" : "without the cookie";
            const version = await run(exe, ["--version"], dir, env, 20_000);
            assert.deepEqual({ code: version.code, stdout: version.stdout, stderr: version.stderr }, { code: 0, stdout: `${VERSION}\n`, stderr: "" }, side);
            for (const flag of ["--help", "-h"]) {
                const help = await run(exe, [flag], dir, env, 20_000);
                assert.equal(help.code, 0, `${flag} ${side}: ${help.stdout}${help.stderr}`);
                assert.match(help.stdout, new RegExp(`^Usage: ${pulumiExecutableName(LINUX_X64)} \\[--version \\| --help\\]`));
                // It says what it serves under each protocol.
                assert.match(help.stdout, new RegExp(`Started by tofu or terraform:\\n[^]*${PROVIDER_TYPE}[^]*Started otherwise:\\n[^]*${PACKAGE_NAME}`));
            }
            const mirror = await run(exe, ["--write-mirror", join(dir, "mirror")], dir, env, 20_000);
            assert.equal(mirror.code, 2, `--write-mirror ${side}: ${mirror.stdout}${mirror.stderr}`);
            assert.equal(mirror.stdout, "");
            assert.match(
                mirror.stderr,
                /--write-mirror belongs to the npm package's provider \(npx terraform-provider-alicloudmessagecontacts --write-mirror DIR/,
            );
            assert.match(mirror.stderr, /registry\.opentofu\.org\/.*registry\.terraform\.io\//);
            assert.ok(!existsSync(join(dir, "mirror")), "nothing is written");
        }
    });

    it("tofu init from a packed filesystem mirror holding the zip (the README's commands and configuration), then apply of examples/terraform: outputs equal the emulator's data", async () => {
        const clis = findTerraformClis();
        // The README's mirror commands, in a folder where release/ holds the zip (linux-x64's alone suffices here).
        const mirrorRoot = join(root, "fs-mirror");
        mkdirSync(join(mirrorRoot, "release"), { recursive: true });
        copyFileSync(ZIP, join(mirrorRoot, "release", terraformZipName(VERSION, LINUX_X64)));
        succeeded(
            await run("bash", ["-euo", "pipefail", "-c", readmeBlock("sh", "for host in registry.opentofu.org").code], mirrorRoot, process.env),
            "the README's mirror commands",
        );
        const mirror = join(mirrorRoot, "terraform-mirror");
        for (const host of ["registry.opentofu.org", "registry.terraform.io"]) {
            assert.ok(existsSync(join(mirror, host, PROVIDER_NAMESPACE, PROVIDER_TYPE, terraformZipName(VERSION, LINUX_X64))), host);
        }
        const cliConfig = join(root, "cli.tfrc");
        writeFileSync(cliConfig, substitute(readmeBlock("hcl", "filesystem_mirror {").code, { "/absolute/path/to/terraform-mirror": mirror }));
        const work = join(root, "terraform");
        mkdirSync(work);
        copyFileSync(join(REPO_ROOT, "examples", "terraform", "main.tf"), join(work, "main.tf"));
        const env = terraformEnv({
            cliConfigFile: cliConfig,
            base: hermeticEnv({ PATH: noNodePath, HOME: root }),
            extra: {
                ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER: emulator.url,
                ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId,
                ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret,
            },
        });
        assertNoNode(env.PATH as string);
        const init = succeeded(await run(clis.tofu, ["init", "-input=false"], work, env), "tofu init");
        assert.match(init, new RegExp(`Installed ${PROVIDER_NAMESPACE}/${PROVIDER_TYPE} v${VERSION.replace(/\./g, "\\.")}`));
        // The lock file's h1: hash is Go's dirhash of what the zip holds: the executable of this release.
        const lock = readFileSync(join(work, ".terraform.lock.hcl"), "utf8");
        assert.ok(lock.includes(`"${h1OfZip()}"`), lock);
        succeeded(await run(clis.tofu, ["apply", "-input=false", "-auto-approve"], work, env), "tofu apply");
        const outputs = JSON.parse(succeeded(await run(clis.tofu, ["output", "-json"], work, env), "tofu output")) as Record<string, { value: unknown }>;
        const expected = listingOutputsOf(seeded);
        assert.deepEqual(
            { total_count: outputs.total_count?.value, targets: outputs.targets?.value, verifications: outputs.verifications?.value },
            {
                total_count: expected.totalCount,
                targets: expected.targets,
                verifications: expected.verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
            },
        );
    });

    it("pulumi plugin install -f of the tar.gz, then examples/yaml-release (the release's YAML program): outputs equal the emulator's data", async () => {
        const pulumi = findEngine();
        const scratch = join(root, "pulumi");
        for (const folder of ["home", "pulumi-home", "state", "project"]) mkdirSync(join(scratch, folder), { recursive: true });
        // The release's YAML program (the README's for this route), its options naming the version this installs.
        const dir = join(scratch, "project");
        copyFileSync(join(REPO_ROOT, "examples", "yaml-release", "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
        const env = hermeticEnv({
            PATH: pulumi.binDir,
            HOME: join(scratch, "home"),
            PULUMI_HOME: join(scratch, "pulumi-home"),
            PULUMI_BACKEND_URL: `file://${join(scratch, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: "release-test",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            NODE_OPTIONS: undefined,
        });
        assertNoNode(env.PATH as string);
        const cli = (args: string[]) => run(pulumi.pulumi, [...args, "--non-interactive"], dir, env);
        succeeded(await cli(["plugin", "install", "resource", PACKAGE_NAME, `v${VERSION}`, "-f", TAR]), "pulumi plugin install");
        const installed = join(scratch, "pulumi-home", "plugins", `resource-${PACKAGE_NAME}-v${VERSION}`, pulumiExecutableName(LINUX_X64));
        assert.ok(existsSync(installed), `${installed} is missing`);
        succeeded(await cli(["stack", "init", "dev"]), "pulumi stack init");
        for (const entry of pluginStackConfig(emulator)) {
            succeeded(await cli(["config", "set", entry.secret ? "--secret" : "--plaintext", entry.key, entry.value]), "pulumi config set");
        }
        succeeded(await cli(["up", "--yes", "--skip-preview"]), "pulumi up");
        const outputs = JSON.parse(succeeded(await cli(["stack", "output", "--json", "--show-secrets"]), "pulumi stack output")) as unknown;
        assert.deepEqual(outputs, pluginExampleOutputs(seeded));
    });

    it("the SHA256SUMS lists the zip and the manifest; signed with a throwaway gpg key, gpg --verify accepts it and refuses a changed file", () => {
        const sumsFile = join(RELEASE_DIR, terraformSumsName(VERSION));
        const sums = parseSha256Sums(readFileSync(sumsFile, "utf8"));
        assert.equal(sums.get(terraformZipName(VERSION, LINUX_X64)), sha256Hex(readFileSync(ZIP)));
        assert.equal(sums.get(terraformManifestName(VERSION)), sha256Hex(readFileSync(join(RELEASE_DIR, terraformManifestName(VERSION)))));
        const gnupgHome = join(root, "gnupg");
        mkdirSync(gnupgHome, { mode: 0o700 });
        const env = { ...process.env, GNUPGHOME: gnupgHome };
        execFileSync("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Release Test <release-test@example.invalid>", "ed25519", "sign", "1d"], {
            env,
            stdio: "pipe",
        });
        const copy = join(root, terraformSumsName(VERSION));
        copyFileSync(sumsFile, copy);
        gpgDetachSign(copy, `${copy}.sig`, "release-test@example.invalid", env);
        const signature = readFileSync(`${copy}.sig`);
        assert.notEqual(signature.subarray(0, 5).toString("latin1"), "-----", "the registry takes a binary signature, not an armored one");
        const good = gpgVerify(copy, `${copy}.sig`, env);
        assert.ok(good.ok, good.output);
        assert.match(good.output, /Good signature from "Release Test <release-test@example\.invalid>"/);
        writeFileSync(copy, `${readFileSync(copy, "utf8")}0000000000000000000000000000000000000000000000000000000000000000  extra.zip\n`);
        const bad = gpgVerify(copy, `${copy}.sig`, env);
        assert.equal(bad.ok, false);
        assert.match(bad.output, /BAD signature/);
        assert.throws(() => gpgDetachSign(copy, `${copy}.sig2`, "nobody@example.invalid", env), /gpg --detach-sign with key nobody@example\.invalid failed/);
    });

    it("building linux-x64 again, elsewhere, gives the same bytes; building it a third time there is skipped", async () => {
        const out = join(root, "rebuild");
        const lines: string[] = [];
        const artefacts = await release({ platforms: [LINUX_X64], outDir: out, startup: DEFAULT_STARTUP_DATA }, (line) => lines.push(line));
        for (const file of [TAR, ZIP]) {
            const name = file.slice(RELEASE_DIR.length + 1);
            assert.ok(artefacts.some((a) => a.name === name));
            assert.equal(
                sha256Hex(readFileSync(join(out, name))),
                sha256Hex(readFileSync(file)),
                `${name} differs from release/${name} (was release/ built from this tree? npm run release)`,
            );
        }
        const again: string[] = [];
        await release({ platforms: [LINUX_X64], outDir: out, startup: DEFAULT_STARTUP_DATA }, (line) => again.push(line));
        assert.ok(!lines.some((l) => /unchanged/.test(l)), lines.join("\n"));
        assert.ok(
            again.some((l) => /linux-x64: unchanged/.test(l)),
            again.join("\n"),
        );
    });
});
