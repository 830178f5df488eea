/**
 * The release's Terraform provider installed as Terraform's and OpenTofu's users install providers, by `tofu` and
 * `terraform` (built by `npm run engine`), with no `node` on PATH, following the README's commands and
 * configurations (read from README.md, with this test's hosts, key and folders in place of its placeholders):
 *
 * - `npm run release:registry` and `npm run release:mirror` over a copy of `release/` whose SHA256SUMS is signed
 *   with a throwaway RSA key (in a temporary GNUPGHOME), served over HTTPS on 127.0.0.1 with a throwaway CA that
 *   the CLIs trust through `SSL_CERT_FILE`;
 * - `init` from the registry (source address `localhost:PORT/...`) verifies the signature, and the lock file
 *   holds the `zh:` hash of every platform's zip (its SHA-256) and the `h1:` hash the mirror publishes; `apply` of
 *   examples/terraform against the emulator gives the emulator's data;
 * - `providers lock` with every platform of PLATFORMS records each one's `h1:` hash, equal to ours;
 * - `init` through a `network_mirror` block, and from a packed filesystem mirror of the zips (then `providers lock
 *   -fs-mirror` for every platform);
 * - a changed zip, and a SHA256SUMS signed by another key, fail `init` with the CLI's own checksum and signature
 *   errors.
 */
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { findTerraformClis, TerraformClis } from "../../engine/terraform-clis";
import { terraformEnv } from "../../engine/terraform-env";
import { parseSha256Sums } from "../../packaging/checksums";
import { gpgDetachSign } from "../../packaging/gpg-sign";
import { mirrorProviderDir } from "../../packaging/network-mirror";
import { RELEASE_DIR, REPO_ROOT } from "../../packaging/paths";
import { PLATFORMS } from "../../packaging/platforms";
import { terraformPlatform } from "../../packaging/provider-release";
import { registryProviderDir } from "../../packaging/provider-registry";
import { terraformManifestName, terraformSumsName, terraformSumsSignatureName, terraformZipName } from "../../packaging/release-names";
import { PROVIDER_SOURCE } from "../../provider/terraform/terraform-names";
import { listingOutputsOf, verifications } from "../support/emulator-fixture";
import { hermeticEnv } from "../support/hermetic-env";
import { readmeBlock, readmeLine, substitute } from "../support/readme-blocks";
import { serveStaticSite, StaticSite } from "../support/static-site-server";
import { throwawayCa, ThrowawayCa } from "../support/throwaway-ca";
import { stopGpgAgent, throwawayGpgKey, ThrowawayKey } from "../support/throwaway-gpg";
import { runFile as run, succeeded } from "../support/run-file";

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const BUILD = PLATFORMS[0] as (typeof PLATFORMS)[number];
const EXAMPLE_MAIN_TF = readFileSync(join(REPO_ROOT, "examples", "terraform", "main.tf"), "utf8");
/** The example's source line, the short address both CLIs resolve against their own registry host. */
const SHORT_SOURCE = `source = "${PROVIDER_SOURCE}"`;

/** A CLI's error output as one line: the diagnostic box's borders and its line wrapping removed. */
function diagnostics(stderr: string): string {
    return stderr.replace(/[│╷╵]/g, " ").replace(/\s+/g, " ");
}

/** The hashes the lock file records for `provider` (its full address). */
function lockedHashes(lockFile: string, provider: string): string[] {
    const text = readFileSync(lockFile, "utf8");
    const block = new RegExp(`provider "${provider.replace(/[.]/g, "\\.")}" \\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1];
    assert.ok(block, `no provider "${provider}" in the lock file:\n${text}`);
    const hashes = /hashes = \[([\s\S]*?)\]/.exec(block)?.[1] ?? "";
    return [...hashes.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}

describe("the release's Terraform provider from a registry, a network mirror and a filesystem mirror (tofu, terraform; no node on PATH)", function () {
    this.timeout(300_000);
    let root: string;
    let clis: TerraformClis;
    let ca: ThrowawayCa;
    let signer: ThrowawayKey;
    let other: ThrowawayKey;
    let signed: string;
    let registry: StaticSite;
    let mirror: StaticSite;
    let emulator: Emulator;
    let noNodePath: string;
    /** Each platform's zip's SHA-256, as the release's SHA256SUMS lists it. */
    let sums: Map<string, string>;
    /** Each platform's `h1:` hash, as the network mirror publishes it (linux_amd64 -> h1:...). */
    const h1 = new Map<string, string>();
    const seeded = verifications(37);

    /** `npm run release:<site> ...` as the README's line has it, `npm` run from `root` for this repository. */
    async function readmeSiteCommand(site: "registry" | "mirror"): Promise<void> {
        const line = readmeLine(readmeBlock("sh", `--out site/${site}`), `npm run release:${site}`);
        const args = (site === "registry" ? substitute(line, { "<key id>": signer.fingerprint }) : line).split(/\s+/).filter((arg) => arg !== "");
        assert.deepEqual(args.slice(0, 3), ["npm", "run", `release:${site}`]);
        // npm runs the script in the repository; INIT_CWD (root) is where the README's relative --out lands.
        const result = await run("npm", ["--prefix", REPO_ROOT, ...args.slice(1), "--from", signed], root, { ...signer.env, INIT_CWD: undefined });
        succeeded(result, line);
    }

    before(async function () {
        this.timeout(600_000);
        const missing = [...PLATFORMS.map((p) => terraformZipName(VERSION, p)), terraformSumsName(VERSION), terraformManifestName(VERSION)].filter(
            (name) => !existsSync(join(RELEASE_DIR, name)),
        );
        if (missing.length > 0) throw new Error(`release/ lacks ${missing.join(", ")}: run \`npm run release\` first`);
        clis = findTerraformClis();
        root = mkdtempSync(join(tmpdir(), "provider-registry-test-"));
        noNodePath = join(root, "empty-bin");
        mkdirSync(noNodePath);
        ca = throwawayCa(join(root, "ca"));
        signer = throwawayGpgKey(join(root, "gnupg"), "signer");
        other = throwawayGpgKey(join(root, "gnupg"), "other");
        // A copy of the release whose SHA256SUMS is signed by the throwaway key (.ci/run's release is unsigned).
        signed = join(root, "release-signed");
        mkdirSync(signed);
        for (const name of [...PLATFORMS.map((p) => terraformZipName(VERSION, p)), terraformManifestName(VERSION)])
            symlinkSync(join(RELEASE_DIR, name), join(signed, name));
        copyFileSync(join(RELEASE_DIR, terraformSumsName(VERSION)), join(signed, terraformSumsName(VERSION)));
        gpgDetachSign(join(signed, terraformSumsName(VERSION)), join(signed, terraformSumsSignatureName(VERSION)), signer.email, signer.env);
        gpgDetachSign(join(signed, terraformSumsName(VERSION)), join(root, "signed-by-other.sig"), other.email, other.env);
        sums = parseSha256Sums(readFileSync(join(signed, terraformSumsName(VERSION)), "utf8"));
        await readmeSiteCommand("registry");
        await readmeSiteCommand("mirror");
        const published = JSON.parse(readFileSync(join(root, "site", "mirror", mirrorProviderDir("registry.opentofu.org"), `${VERSION}.json`), "utf8")) as {
            archives: Record<string, { hashes: string[] }>;
        };
        for (const [platform, archive] of Object.entries(published.archives)) h1.set(platform, archive.hashes.find((h) => h.startsWith("h1:")) as string);
        assert.deepEqual([...h1.keys()], PLATFORMS.map(terraformPlatform), "the mirror publishes every platform");
        registry = await serveStaticSite(join(root, "site", "registry"), ca);
        mirror = await serveStaticSite(join(root, "site", "mirror"), ca);
        emulator = await startEmulator({ verifications: seeded });
    });
    after(async () => {
        await registry?.close();
        await mirror?.close();
        await emulator?.close();
        for (const key of [signer, other]) if (key) stopGpgAgent(key);
        if (root && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(root, { recursive: true, force: true });
    });

    /** A working folder with examples/terraform/main.tf, its source address replaced when `source` is given. */
    function workFolder(name: string, source?: string): string {
        const dir = join(root, name);
        mkdirSync(dir, { recursive: true });
        assert.ok(EXAMPLE_MAIN_TF.includes(SHORT_SOURCE), "examples/terraform/main.tf names the short source address");
        writeFileSync(join(dir, "main.tf"), source === undefined ? EXAMPLE_MAIN_TF : EXAMPLE_MAIN_TF.replace(SHORT_SOURCE, `source = "${source}"`));
        return dir;
    }

    /** The environment of a CLI run: no node on PATH, the throwaway CA trusted, the emulator's endpoint and keys. */
    function cliEnv(cliConfig?: string): NodeJS.ProcessEnv {
        const env = terraformEnv({
            ...(cliConfig ? { cliConfigFile: cliConfig } : {}),
            base: hermeticEnv({ PATH: noNodePath, HOME: join(root, "home"), SSL_CERT_FILE: ca.caFile }),
            extra: {
                ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER: emulator.url,
                ALICLOUD_ACCESS_KEY: emulator.account.accessKeyId,
                ALICLOUD_SECRET_KEY: emulator.account.accessKeySecret,
            },
        });
        for (const dir of (env.PATH as string).split(delimiter)) assert.ok(!existsSync(join(dir, "node")), `${dir} holds a node`);
        return env;
    }

    /** apply, then output -json: the example's outputs, equal to the emulator's data. */
    async function applyGivesTheEmulatorsData(cli: string, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
        succeeded(await run(cli, ["apply", "-input=false", "-auto-approve"], dir, env), "apply");
        const outputs = JSON.parse(succeeded(await run(cli, ["output", "-json"], dir, env), "output")) as Record<string, { value: unknown }>;
        const expected = listingOutputsOf(seeded);
        assert.deepEqual(
            { total_count: outputs.total_count?.value, targets: outputs.targets?.value, verifications: outputs.verifications?.value },
            {
                total_count: expected.totalCount,
                targets: expected.targets,
                verifications: expected.verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
            },
        );
    }

    for (const cliName of ["tofu", "terraform"] as const) {
        describe(cliName, () => {
            const cli = () => clis[cliName];
            /** The registry's source address, the README's with this test's host: localhost:PORT/namespace/type. */
            const registrySource = () =>
                substitute(/source = "([^"]+)"/.exec(readmeBlock("hcl", "registry.example.com/").code)?.[1] ?? "", {
                    "registry.example.com": `localhost:${registry.port}`,
                });
            const installed = () => `Installed ${registrySource()} v${VERSION}`;
            /** The start of the CLI's install error, as a pattern: `Error while installing <source> v<version>: `. */
            const installing = () => `Error while installing ${registrySource()} v${VERSION}: `.replace(/[.]/g, "\\.");

            it("init from the registry checks the signature; the lock file holds every platform's zh: (its sha256) and the h1: the mirror publishes; apply reads the emulator", async () => {
                const dir = workFolder(`${cliName}-registry`, registrySource());
                registry.requests.length = 0;
                const stdout = succeeded(await run(cli(), ["init", "-input=false"], dir, cliEnv()), "init");
                const keyId = signer.fingerprint.slice(-16);
                assert.match(stdout, new RegExp(`${installed().replace(/[.]/g, "\\.")} \\((signed|self-signed), key ID ${keyId}\\)`));
                const hashes = lockedHashes(join(dir, ".terraform.lock.hcl"), registrySource());
                for (const p of PLATFORMS)
                    assert.ok(hashes.includes(`zh:${sums.get(terraformZipName(VERSION, p)) as string}`), `no zh: of ${p.id} in ${hashes.join(" ")}`);
                assert.ok(hashes.includes(h1.get(terraformPlatform(BUILD)) as string), `the lock's h1: is not the mirror's: ${hashes.join(" ")}`);
                const versionDir = `/${registryProviderDir()}/${VERSION}`;
                for (const path of [
                    "/.well-known/terraform.json",
                    `/${registryProviderDir()}/versions`,
                    `${versionDir}/download/${BUILD.goos}/${BUILD.goarch}`,
                    `${versionDir}/${terraformZipName(VERSION, BUILD)}`,
                    `${versionDir}/${terraformSumsName(VERSION)}`,
                    `${versionDir}/${terraformSumsSignatureName(VERSION)}`,
                ]) {
                    assert.ok(registry.requests.includes(`GET ${path}`), `the registry was not asked for ${path}: ${registry.requests.join(", ")}`);
                }
                await applyGivesTheEmulatorsData(cli(), dir, cliEnv());
            });

            it("providers lock with every platform of PLATFORMS (the README's command) records each one's h1:, equal to the mirror's", async () => {
                const dir = join(root, `${cliName}-registry`);
                const command = readmeLine(readmeBlock("sh", "tofu providers lock -platform="), "tofu providers lock");
                const args = command.split(/\s+/).slice(1);
                assert.deepEqual(
                    args.filter((a) => a.startsWith("-platform=")),
                    PLATFORMS.map((p) => `-platform=${terraformPlatform(p)}`),
                    "the README's command names every platform (npm run generate writes it)",
                );
                registry.requests.length = 0;
                succeeded(await run(cli(), args, dir, cliEnv()), command);
                const hashes = lockedHashes(join(dir, ".terraform.lock.hcl"), registrySource());
                for (const p of PLATFORMS) {
                    assert.ok(hashes.includes(h1.get(terraformPlatform(p)) as string), `${p.id}'s h1: is not in the lock file: ${hashes.join(" ")}`);
                    assert.ok(
                        registry.requests.includes(`GET /${registryProviderDir()}/${VERSION}/${terraformZipName(VERSION, p)}`),
                        `${p.id}'s zip was not downloaded`,
                    );
                }
            });

            it("init through a network_mirror block (the README's configuration), then apply reads the emulator", async () => {
                const config = join(root, `${cliName}-network-mirror.tfrc`);
                writeFileSync(
                    config,
                    substitute(readmeBlock("hcl", "network_mirror {").code, {
                        "https://mirror.example.com/terraform-providers/": `https://localhost:${mirror.port}/`,
                    }),
                );
                const dir = workFolder(`${cliName}-network-mirror`);
                mirror.requests.length = 0;
                const env = cliEnv(config);
                const stdout = succeeded(await run(cli(), ["init", "-input=false"], dir, env), "init");
                assert.match(stdout, new RegExp(`Installed ${PROVIDER_SOURCE} v${VERSION.replace(/[.]/g, "\\.")}`));
                const host = cliName === "tofu" ? "registry.opentofu.org" : "registry.terraform.io";
                assert.ok(mirror.requests.includes(`GET /${mirrorProviderDir(host)}/index.json`), mirror.requests.join(", "));
                assert.ok(
                    mirror.requests.some((r) => r.endsWith(`/${terraformZipName(VERSION, BUILD)}`)),
                    mirror.requests.join(", "),
                );
                assert.ok(lockedHashes(join(dir, ".terraform.lock.hcl"), `${host}/${PROVIDER_SOURCE}`).includes(h1.get(terraformPlatform(BUILD)) as string));
                await applyGivesTheEmulatorsData(cli(), dir, env);
            });

            it("init from a packed filesystem mirror of the zips (the README's commands), then providers lock -fs-mirror records every platform", async () => {
                const dir = workFolder(`${cliName}-fs-mirror`);
                symlinkSync(RELEASE_DIR, join(dir, "release"));
                succeeded(
                    await run("bash", ["-euo", "pipefail", "-c", readmeBlock("sh", "for host in registry.opentofu.org").code], dir, process.env),
                    "the README's mirror commands",
                );
                const config = join(root, `${cliName}-fs-mirror.tfrc`);
                writeFileSync(
                    config,
                    substitute(readmeBlock("hcl", "filesystem_mirror {").code, { "/absolute/path/to/terraform-mirror": join(dir, "terraform-mirror") }),
                );
                const env = cliEnv(config);
                succeeded(await run(cli(), ["init", "-input=false"], dir, env), "init");
                const host = cliName === "tofu" ? "registry.opentofu.org" : "registry.terraform.io";
                const lockFile = join(dir, ".terraform.lock.hcl");
                assert.deepEqual(lockedHashes(lockFile, `${host}/${PROVIDER_SOURCE}`), [h1.get(terraformPlatform(BUILD))]);
                const command = readmeLine(readmeBlock("sh", "tofu providers lock -fs-mirror="), "tofu providers lock");
                succeeded(await run(cli(), command.split(/\s+/).slice(1), dir, env), command);
                assert.deepEqual(new Set(lockedHashes(lockFile, `${host}/${PROVIDER_SOURCE}`)), new Set(PLATFORMS.map((p) => h1.get(terraformPlatform(p)))));
            });

            it("a zip changed on the registry's host fails init with the CLI's checksum error", async () => {
                const path = `/${registryProviderDir()}/${VERSION}/${terraformZipName(VERSION, BUILD)}`;
                const changed = readFileSync(join(RELEASE_DIR, terraformZipName(VERSION, BUILD)));
                changed[changed.length >> 1] = (changed[changed.length >> 1] as number) ^ 0x01;
                registry.replaced.set(path, changed);
                try {
                    const result = await run(cli(), ["init", "-input=false"], workFolder(`${cliName}-changed-zip`, registrySource()), cliEnv());
                    assert.notEqual(result.code, 0, result.stdout);
                    const sha = sums.get(terraformZipName(VERSION, BUILD)) as string;
                    assert.match(
                        diagnostics(result.stderr),
                        new RegExp(`${installing()}archive has incorrect checksum zh:[0-9a-f]{64} \\(expected zh:${sha}\\)`),
                    );
                } finally {
                    registry.replaced.delete(path);
                }
            });

            it("a SHA256SUMS signed by another key fails init with the CLI's signature error", async () => {
                const path = `/${registryProviderDir()}/${VERSION}/${terraformSumsSignatureName(VERSION)}`;
                registry.replaced.set(path, readFileSync(join(root, "signed-by-other.sig")));
                try {
                    const result = await run(cli(), ["init", "-input=false"], workFolder(`${cliName}-other-key`, registrySource()), cliEnv());
                    assert.notEqual(result.code, 0, result.stdout);
                    const words =
                        cliName === "tofu"
                            ? "the provider is not signed with a valid signing key; please contact the provider author \\(authentication signature from unknown issuer\\)"
                            : "authentication signature from unknown issuer";
                    assert.match(diagnostics(result.stderr), new RegExp(`${installing()}${words}`));
                } finally {
                    registry.replaced.delete(path);
                }
            });
        });
    }
});
