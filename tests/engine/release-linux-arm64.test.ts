/**
 * The release's linux-arm64 executable run on this x86-64 machine under qemu's user-mode emulation
 * (`.ci/arm64-emulation` installs Debian's qemu-user-static and the arm64 C and C++ runtime, and registers
 * binfmt_misc): through `qemu-aarch64-static`, the go-plugin handshake line, the Pulumi port line, and a full
 * listing over gRPC against the emulator with each protocol (tfplugin6 with AutoMTLS, and Pulumi's Invoke); then,
 * the kernel starting it through binfmt_misc, `tofu` itself executes it through `dev_overrides` and applies
 * examples/terraform. Without the emulation these tests fail, saying how to set it up: they never skip.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { findTerraformClis } from "../../engine/terraform-clis";
import { terraformEnv } from "../../engine/terraform-env";
import { REPO_ROOT } from "../../packaging/paths";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../provider/terraform/handshake";
import { PROVIDER_NAMESPACE, PROVIDER_TYPE } from "../../provider/terraform/terraform-names";
import { listingOutputsOf, verifications } from "../support/emulator-fixture";
import { hermeticEnv } from "../support/hermetic-env";
import { FUNCTION_TOKEN, startProviderPlugin } from "../support/provider-plugin";
import { platformOf, unpackPulumiArchive, unpackTerraformZip } from "../support/release-executables";
import { startTerraformProvider } from "../support/terraform-provider";
import { firstLine } from "../support/first-line";

const LINUX_ARM64 = platformOf("linux-arm64");
/** Debian's statically linked qemu for arm64 Linux programs. */
const QEMU = "/usr/bin/qemu-aarch64-static";
/** The kernel's entry for arm64 ELF files, which `.ci/arm64-emulation` registers. */
const BINFMT_ENTRY = "/proc/sys/fs/binfmt_misc/qemu-aarch64";
const SET_UP = "set up arm64 emulation first: sudo bash .ci/arm64-emulation";
/** Starting Node.js under emulation is slower: the lines and the connection get this long. */
const EMULATED_START_MS = 60_000;

/** `e_machine` of an AArch64 ELF file. */
const EM_AARCH64 = 0xb7;

describe("release: the linux-arm64 executable under qemu", function () {
    this.timeout(300_000);
    let root: string;
    let exe: string;
    let emulator: Emulator;
    const seeded = verifications(57);
    const expected = listingOutputsOf(seeded);

    before(async function () {
        if (!existsSync(QEMU)) throw new Error(`${QEMU} is missing: ${SET_UP}`);
        root = mkdtempSync(join(tmpdir(), "release-arm64-"));
        mkdirSync(join(root, "tar"));
        exe = unpackPulumiArchive(LINUX_ARM64, join(root, "tar"));
        emulator = await startEmulator({ verifications: seeded });
    });
    after(async () => {
        await emulator?.close();
        if (root) rmSync(root, { recursive: true, force: true });
    });

    it("is an AArch64 ELF executable", () => {
        const header = readFileSync(exe).subarray(0, 20);
        assert.equal(header.toString("latin1", 0, 4), "\x7fELF");
        assert.equal(header[4], 2, "ELFCLASS64");
        assert.equal(header.readUInt16LE(18), EM_AARCH64);
    });

    it("under qemu-aarch64-static: the handshake line under TF_PLUGIN_MAGIC_COOKIE, the Pulumi port line otherwise", async () => {
        const env = hermeticEnv({ HOME: root });
        const { line: handshake } = await firstLine(
            [QEMU, exe],
            { ...env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6" },
            EMULATED_START_MS,
        );
        assert.match(handshake, /^1\|6\|unix\|\/\S+\|grpc\|$/);
        rmSync(handshake.split("|")[3] as string, { force: true });
        assert.match((await firstLine([QEMU, exe], env, EMULATED_START_MS)).line, /^\d{2,5}$/);
    });

    it("under qemu-aarch64-static, tfplugin6 over AutoMTLS: configured with the emulator, ReadDataSource lists every verification", async () => {
        const client = await startTerraformProvider(REPO_ROOT, {}, { command: [QEMU, exe], cwd: root, handshakeTimeoutMs: EMULATED_START_MS });
        try {
            assert.notEqual(client.handshake.cert, "", "AutoMTLS: the handshake carries the provider's certificate");
            const keys = { endpoint: emulator.url, access_key: emulator.account.accessKeyId, secret_key: emulator.account.accessKeySecret };
            assert.deepEqual(await client.configure(keys), []);
            const { state, diagnostics } = await client.read({ page_size: 10 });
            assert.deepEqual(diagnostics, []);
            assert.equal(state?.total_count, seeded.length);
            assert.deepEqual(
                state?.verifications,
                expected.verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
            );
            assert.deepEqual(state?.targets, expected.targets);
        } finally {
            await client.close();
        }
    });

    it("under qemu-aarch64-static, Pulumi's provider protocol: configured with the emulator, Invoke lists every verification", async () => {
        const plugin = await startProviderPlugin({ projectDir: REPO_ROOT, command: [QEMU, exe], startTimeoutMs: EMULATED_START_MS });
        try {
            await plugin.configureProvider({ endpoint: emulator.url, accessKey: emulator.account.accessKeyId, secretKey: emulator.account.accessKeySecret }, [
                "accessKey",
                "secretKey",
            ]);
            const result = await plugin.invoke(FUNCTION_TOKEN, { pageSize: 10 });
            assert.deepEqual(result.failures, []);
            assert.deepEqual(result.outputs, {
                id: `${new URL(emulator.url).host}/ListMessageContactVerifications/*`,
                totalCount: seeded.length,
                verifications: expected.verifications,
            });
        } finally {
            await plugin.close();
        }
    });

    it("through binfmt_misc, tofu itself executes the zip's arm64 executable (dev_overrides) and applies examples/terraform: outputs equal the emulator's data", async () => {
        assert.ok(existsSync(BINFMT_ENTRY), `${BINFMT_ENTRY} is missing: the kernel cannot run arm64 executables; ${SET_UP}`);
        assert.match(readFileSync(BINFMT_ENTRY, "utf8"), /^enabled\n/, `${BINFMT_ENTRY} is not enabled; ${SET_UP}`);
        const overrideDir = join(root, "override");
        mkdirSync(overrideDir);
        const provider = unpackTerraformZip(LINUX_ARM64, overrideDir);
        // The kernel runs it: no qemu on the command line.
        assert.match((await firstLine([provider], hermeticEnv({ HOME: root }), EMULATED_START_MS)).line, /^\d{2,5}$/);
        const cliConfig = join(root, "dev.tfrc");
        const source = `registry.opentofu.org/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
        writeFileSync(cliConfig, `provider_installation {\n  dev_overrides {\n    ${JSON.stringify(source)} = ${JSON.stringify(overrideDir)}\n  }\n}\n`);
        const work = join(root, "terraform");
        mkdirSync(work);
        copyFileSync(join(REPO_ROOT, "examples", "terraform", "main.tf"), join(work, "main.tf"));
        const env = terraformEnv({
            cliConfigFile: cliConfig,
            base: hermeticEnv({ HOME: root }),
            extra: {
                ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER: emulator.url,
                ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId,
                ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret,
            },
        });
        const tofu = (args: string[]) =>
            new Promise<string>((resolve, reject) =>
                execFile(findTerraformClis().tofu, args, { cwd: work, env, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
                    error ? reject(new Error(`tofu ${args.join(" ")}: ${error.message}\n${stdout}\n${stderr}`)) : resolve(`${stdout}${stderr}`),
                ),
            );
        const applied = await tofu(["apply", "-input=false", "-auto-approve"]);
        assert.match(applied, /Provider development overrides are in effect/);
        const outputs = JSON.parse(await tofu(["output", "-json"])) as Record<string, { value: unknown }>;
        assert.deepEqual(
            { total_count: outputs.total_count?.value, targets: outputs.targets?.value, verifications: outputs.verifications?.value },
            {
                total_count: expected.totalCount,
                targets: expected.targets,
                verifications: expected.verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
            },
        );
    });
});
