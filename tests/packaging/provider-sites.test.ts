/**
 * `npm run release:registry` and `npm run release:mirror`: the documents against the shapes the provider registry
 * and network mirror protocols document (Terraform's website/docs/internals/provider-registry-protocol.mdx and
 * provider-network-mirror-protocol.mdx), for every platform of PLATFORMS; every relative URL resolved as the CLIs
 * resolve it (against the answer's URL) lands on the file it names; earlier versions on the site are kept; the
 * options and the release's checks refuse bad input naming it. The I/O edge runs over a small fake release signed
 * with a throwaway gpg key; `tests/engine/provider-registry.test.ts` installs the real release with tofu and
 * terraform.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zip } from "../../packaging/archives";
import { sha256Hex, sha256Sums } from "../../packaging/checksums";
import { gpgDetachSign, gpgPublicKey, gpgSignerFingerprint } from "../../packaging/gpg-sign";
import { DEFAULT_PROVIDER_HOSTS, mirrorFiles, mirrorProviderDir } from "../../packaging/network-mirror";
import { RELEASE_DIR } from "../../packaging/paths";
import { PLATFORMS } from "../../packaging/platforms";
import { h1Hash } from "../../packaging/provider-hashes";
import { platformsInSums, ProviderRelease, providerRelease, publishedArchive, terraformPlatform } from "../../packaging/provider-release";
import { registryFiles, SERVICE_DISCOVERY_PATH, SigningKey, signingKeyWarning } from "../../packaging/provider-registry";
import { parseSiteOptions } from "../../packaging/provider-site-options";
import { siteFiles, writeSite } from "../../packaging/provider-sites";
import {
    terraformExecutableName,
    terraformManifest,
    terraformManifestName,
    terraformSumsName,
    terraformSumsSignatureName,
    terraformZipName,
} from "../../packaging/release-names";
import { isCopy, SiteFile } from "../../packaging/site-files";
import { PROVIDER_NAMESPACE, PROVIDER_TYPE } from "../../provider/terraform/terraform-names";
import { stopGpgAgent, throwawayGpgKey, ThrowawayKey } from "../support/throwaway-gpg";

const VERSION = "1.2.3";
const KEY: SigningKey = { keyId: "0123456789ABCDEF", asciiArmor: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nabc\n-----END PGP PUBLIC KEY BLOCK-----\n" };
/** Where a site is served in these tests: under a path, so that relative URLs must climb correctly. */
const SITE = "https://files.example.com/some/prefix/";

/** One zip per platform, each holding its executable; the manifest; the SHA256SUMS: a release's files by name. */
function fakeReleaseFiles(version: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    for (const p of PLATFORMS) files.set(terraformZipName(version, p), zip([{ name: terraformExecutableName(version, p), data: Buffer.from(`exe ${p.id}`) }]));
    files.set(terraformManifestName(version), Buffer.from(terraformManifest()));
    files.set(terraformSumsName(version), Buffer.from(sha256Sums([...files].map(([name, data]) => ({ name, data })))));
    return files;
}

/** The release of {@link fakeReleaseFiles}, through the same checks the command makes. */
function fakeRelease(version = VERSION): { release: ProviderRelease; files: Map<string, Buffer> } {
    const files = fakeReleaseFiles(version);
    const sums = new Map(
        (files.get(terraformSumsName(version)) as Buffer)
            .toString()
            .trim()
            .split("\n")
            .map((line) => [line.slice(66), line.slice(0, 64)] as [string, string]),
    );
    const archives = platformsInSums(version, sums).map((p) => publishedArchive(version, p, files.get(terraformZipName(version, p)) as Buffer, sums));
    return { release: providerRelease(version, archives), files };
}

/** The plan's files by path; fails on a path written twice. */
function byPath(plan: readonly SiteFile[]): Map<string, SiteFile> {
    const map = new Map<string, SiteFile>();
    for (const file of plan) {
        assert.ok(!map.has(file.path), `${file.path} is written twice`);
        assert.doesNotMatch(file.path, /^\/|\/\/|\.\.|\\/, file.path);
        map.set(file.path, file);
    }
    return map;
}

/** The site path a URL in the document at `from` names, resolved as the CLIs resolve it; fails when it leaves the site. */
function resolved(url: string, from: string): string {
    const absolute = new URL(url, SITE + from).href;
    assert.ok(absolute.startsWith(SITE), `${url} in ${from} leaves the site: ${absolute}`);
    return decodeURIComponent(absolute.slice(SITE.length));
}

/** The release file a URL in the document at `from` names. */
function fileAt(plan: Map<string, SiteFile>, url: string, from: string): string {
    const target = plan.get(resolved(url, from));
    assert.ok(target && isCopy(target), `${url} in ${from} names ${resolved(url, from)}, which is not a copied release file`);
    return target.copyOf;
}

const json = (plan: Map<string, SiteFile>, path: string): unknown => {
    const file = plan.get(path);
    assert.ok(file && !isCopy(file), `${path} is not a document of the site`);
    return file.json;
};

describe("release: the provider network mirror and registry files (npm run release:mirror, release:registry)", () => {
    it("the mirror: index.json and <version>.json per provider host; every platform's archive with its h1: and zh: hashes, its URL naming the zip", () => {
        const { release, files } = fakeRelease();
        const plan = byPath(mirrorFiles(release, DEFAULT_PROVIDER_HOSTS, () => undefined));
        for (const host of ["registry.opentofu.org", "registry.terraform.io"]) {
            const dir = `${host}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
            assert.equal(mirrorProviderDir(host), dir);
            assert.deepEqual(json(plan, `${dir}/index.json`), { versions: { [VERSION]: {} } });
            const version = json(plan, `${dir}/${VERSION}.json`) as { archives: Record<string, { url: string; hashes: string[] }> };
            assert.deepEqual(Object.keys(version), ["archives"]);
            assert.deepEqual(Object.keys(version.archives), PLATFORMS.map(terraformPlatform));
            for (const p of PLATFORMS) {
                const archive = version.archives[`${p.goos}_${p.goarch}`];
                assert.ok(archive);
                assert.deepEqual(Object.keys(archive), ["url", "hashes"]);
                const zipName = terraformZipName(VERSION, p);
                assert.equal(fileAt(plan, archive.url, `${dir}/${VERSION}.json`), zipName);
                const data = files.get(zipName) as Buffer;
                const executable = { name: terraformExecutableName(VERSION, p), data: Buffer.from(`exe ${p.id}`) };
                assert.deepEqual(archive.hashes, [h1Hash([executable]), `zh:${sha256Hex(data)}`]);
            }
        }
        // The zips once, beside the first host's documents, with the file names `terraform providers mirror` gives them.
        assert.deepEqual(
            [...plan.values()].filter(isCopy).map((f) => f.path),
            PLATFORMS.map((p) => `registry.opentofu.org/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/${terraformZipName(VERSION, p)}`),
        );
        assert.equal(
            (json(plan, `registry.opentofu.org/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/${VERSION}.json`) as { archives: Record<string, { url: string }> })
                .archives.linux_amd64?.url,
            terraformZipName(VERSION, PLATFORMS[0] as (typeof PLATFORMS)[number]),
        );
    });

    it("the mirror keeps the versions an index on the site lists, and refuses an index that is not one", () => {
        const { release } = fakeRelease();
        const index = `registry.example.com/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/index.json`;
        const plan = byPath(
            mirrorFiles(release, ["registry.example.com"], (path) => (path === index ? { versions: { "1.0.0": {}, [VERSION]: {} } } : undefined)),
        );
        assert.deepEqual(json(plan, index), { versions: { "1.0.0": {}, [VERSION]: {} } });
        assert.throws(() => mirrorFiles(release, ["registry.example.com"], () => ({ versions: ["1.0.0"] })), /index\.json is not a network mirror index/);
        assert.throws(() => mirrorFiles(release, [], () => undefined), /at least one provider hostname/);
    });

    it("the registry: discovery, versions with every platform, one download answer per platform as the protocol documents it", () => {
        const { release } = fakeRelease();
        const plan = byPath(registryFiles(release, KEY, () => undefined));
        assert.deepEqual(json(plan, SERVICE_DISCOVERY_PATH), { "providers.v1": "/v1/providers/" });
        const base = `v1/providers/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
        assert.deepEqual(json(plan, `${base}/versions`), {
            versions: [{ version: VERSION, protocols: ["6.0"], platforms: PLATFORMS.map((p) => ({ os: p.goos, arch: p.goarch })) }],
        });
        for (const p of PLATFORMS) {
            const path = `${base}/${VERSION}/download/${p.goos}/${p.goarch}`;
            const answer = json(plan, path) as Record<string, unknown>;
            const zipName = terraformZipName(VERSION, p);
            assert.deepEqual(
                { ...answer, download_url: undefined, shasums_url: undefined, shasums_signature_url: undefined },
                {
                    protocols: ["6.0"],
                    os: p.goos,
                    arch: p.goarch,
                    filename: zipName,
                    download_url: undefined,
                    shasums_url: undefined,
                    shasums_signature_url: undefined,
                    shasum: release.archives.find((a) => a.platform.id === p.id)?.sha256,
                    signing_keys: { gpg_public_keys: [{ key_id: KEY.keyId, ascii_armor: KEY.asciiArmor }] },
                },
            );
            assert.equal(fileAt(plan, answer.download_url as string, path), zipName);
            assert.equal(fileAt(plan, answer.shasums_url as string, path), terraformSumsName(VERSION));
            assert.equal(fileAt(plan, answer.shasums_signature_url as string, path), terraformSumsSignatureName(VERSION));
        }
        // Served at a host's root, the discovery document's base resolves to the versions document's folder.
        assert.equal(
            new URL("versions", new URL("/v1/providers/", "https://registry.example.com/.well-known/terraform.json")).pathname.slice(1),
            "v1/providers/versions",
        );
    });

    it("the registry keeps the other versions the site lists, replaces its own, and refuses a bad key or versions document", () => {
        const { release } = fakeRelease();
        const older = { version: "1.0.0", protocols: ["6.0"], platforms: [{ os: "linux", arch: "amd64" }] };
        const versionsPath = `v1/providers/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/versions`;
        const existing = { versions: [older, { version: VERSION, protocols: ["5.0"], platforms: [] }] };
        const plan = byPath(registryFiles(release, KEY, (path) => (path === versionsPath ? existing : undefined)));
        const versions = (json(plan, versionsPath) as { versions: { version: string; protocols: string[] }[] }).versions;
        assert.deepEqual(
            versions.map((v) => [v.version, v.protocols]),
            [
                ["1.0.0", ["6.0"]],
                [VERSION, ["6.0"]],
            ],
        );
        assert.throws(
            () => registryFiles(release, KEY, () => ({ versions: [{ protocols: [] }] })),
            /versions is not a provider registry versions document: versions\.0\.version/,
        );
        assert.throws(
            () => registryFiles(release, { ...KEY, keyId: "0123abcd" }, () => undefined),
            /signing key: "0123abcd" is not a 16-digit upper-case hex key ID/,
        );
        assert.throws(
            () => registryFiles(release, { ...KEY, asciiArmor: "-----BEGIN PGP PRIVATE KEY BLOCK-----" }, () => undefined),
            /not an ASCII-armoured public key/,
        );
    });

    it("the release's checks: a file the SHA256SUMS does not know, none listed, or a zip changed after summing is refused by name", () => {
        const { files } = fakeRelease();
        const sums = new Map([
            [terraformZipName(VERSION, PLATFORMS[0] as (typeof PLATFORMS)[number]), "a".repeat(64)],
            ["notes.txt", "b".repeat(64)],
        ]);
        assert.throws(() => platformsInSums(VERSION, sums), /lists "notes\.txt", which is not a zip of this release's platforms/);
        assert.throws(
            () => platformsInSums(VERSION, new Map([[terraformManifestName(VERSION), "c".repeat(64)]])),
            /lists no provider zip: run npm run release/,
        );
        const p = PLATFORMS[0] as (typeof PLATFORMS)[number];
        const zipName = terraformZipName(VERSION, p);
        assert.throws(
            () => publishedArchive(VERSION, p, files.get(zipName) as Buffer, sums),
            new RegExp(`${zipName} has sha256 [0-9a-f]{64}, but .*SHA256SUMS lists a{64}: the zip changed`),
        );
        assert.throws(
            () => publishedArchive(VERSION, p, Buffer.from("x"), new Map([[zipName, sha256Hex("x")]])),
            new RegExp(`${zipName}: zip: 1 bytes is too short`),
        );
        // A release built for some platforms only is published as what it is, in PLATFORMS order.
        assert.deepEqual(
            platformsInSums(
                VERSION,
                new Map(
                    [...PLATFORMS]
                        .reverse()
                        .slice(0, 2)
                        .map((q) => [terraformZipName(VERSION, q), "d".repeat(64)]),
                ),
            ).map((q) => q.id),
            PLATFORMS.slice(-2).map((q) => q.id),
        );
    });

    it("options: --out required, --gpg-key (or RELEASE_GPG_KEY) for the registry, --host for the mirror, errors naming the flag", () => {
        const mirror = parseSiteOptions(["mirror", "--out", "site"], {});
        assert.equal(mirror.kind, "mirror");
        assert.equal(mirror.fromDir, RELEASE_DIR);
        assert.deepEqual(mirror.hosts, ["registry.opentofu.org", "registry.terraform.io"]);
        assert.deepEqual(parseSiteOptions(["mirror", "--out", "s", "--host", "registry.example.com:8443"], {}).hosts, ["registry.example.com:8443"]);
        assert.equal(parseSiteOptions(["registry", "--out", "s"], { RELEASE_GPG_KEY: "K" }).gpgKey, "K");
        assert.equal(parseSiteOptions(["registry", "--out", "s", "--gpg-key", "F"], { RELEASE_GPG_KEY: "K" }).gpgKey, "F");
        assert.throws(() => parseSiteOptions(["site", "--out", "s"], {}), /the first argument must be registry or mirror; got "site"/);
        assert.throws(() => parseSiteOptions(["mirror"], {}), /--out is required: the folder the mirror is written to; usage: npm run release:mirror/);
        assert.throws(() => parseSiteOptions(["registry", "--out", "s"], {}), /--gpg-key \(or RELEASE_GPG_KEY\) is required/);
        assert.throws(
            () => parseSiteOptions(["mirror", "--out", "s", "--gpg-key", "K"], {}),
            /unknown argument "--gpg-key" \(accepted: --out, --from, --host\)/,
        );
        assert.throws(() => parseSiteOptions(["registry", "--out"], {}), /--out needs a value; usage: npm run release:registry/);
        assert.throws(
            () => parseSiteOptions(["mirror", "--out", "s", "--host", "Registry.Example.com/x"], {}),
            /--host: "Registry\.Example\.com\/x" is not a lower-case hostname/,
        );
        assert.throws(() => parseSiteOptions(["mirror", "--out", RELEASE_DIR], {}), /--out must not be the release folder itself/);
        // npm runs scripts in the package's folder: relative folders are the user's, INIT_CWD.
        const typed = parseSiteOptions(["mirror", "--out", "site/mirror", "--from", "rel"], { INIT_CWD: "/home/user/work" });
        assert.equal(typed.outDir, "/home/user/work/site/mirror");
        assert.equal(typed.fromDir, "/home/user/work/rel");
    });

    describe("the command's edge, over a fake release on disk signed with a throwaway key", function () {
        this.timeout(120_000);
        let dir: string;
        let release: string;
        let signer: ThrowawayKey;
        let other: ThrowawayKey;

        before(() => {
            dir = mkdtempSync(join(tmpdir(), "provider-sites-test-"));
            release = join(dir, "release");
            mkdirSync(release);
            for (const [name, data] of fakeReleaseFiles(VERSION)) writeFileSync(join(release, name), data);
            signer = throwawayGpgKey(dir, "signer", "ed25519");
            other = throwawayGpgKey(dir, "other", "ed25519", signer.env);
            // Both keys in the signer's keyring: the other key verifies but is not the one named.
            execFileSync("gpg", ["--batch", "--import"], {
                input: execFileSync("gpg", ["--batch", "--export", other.fingerprint], { env: other.env }),
                env: signer.env,
                stdio: ["pipe", "pipe", "pipe"],
            });
            gpgDetachSign(join(release, terraformSumsName(VERSION)), join(release, terraformSumsSignatureName(VERSION)), signer.email, signer.env);
        });
        after(() => {
            for (const key of [signer, other]) if (key) stopGpgAgent(key);
            if (dir) rmSync(dir, { recursive: true, force: true });
        });

        it("gpg: the public key named by e-mail, with its 16-digit key ID and fingerprint; the signer's fingerprint from the signature", () => {
            const key = gpgPublicKey(signer.email, signer.env);
            assert.equal(key.fingerprint, signer.fingerprint);
            assert.equal(key.keyId, signer.fingerprint.slice(-16));
            assert.equal(key.algorithm, 22);
            assert.match(key.asciiArmor, /^-----BEGIN PGP PUBLIC KEY BLOCK-----\n[\s\S]+-----END PGP PUBLIC KEY BLOCK-----\n$/);
            assert.equal(
                gpgSignerFingerprint(join(release, terraformSumsName(VERSION)), join(release, terraformSumsSignatureName(VERSION)), signer.env),
                signer.fingerprint,
            );
            assert.throws(
                () => gpgPublicKey("example.invalid", signer.env),
                /--gpg-key example\.invalid names 2 keys in the keyring; give one key's fingerprint/,
            );
            assert.throws(() => gpgPublicKey("nobody@example.invalid", signer.env), /gpg --list-keys nobody@example\.invalid failed/);
        });

        it("writes the registry's and the mirror's files; a second version on the same site keeps the first in the indexes", () => {
            const out = join(dir, "site");
            const registry = parseSiteOptions(["registry", "--from", release, "--out", join(out, "registry"), "--gpg-key", signer.email], {});
            const warnings: string[] = [];
            writeSite(
                siteFiles(registry, VERSION, signer.env, (w) => warnings.push(w)),
                release,
                registry.outDir,
            );
            // The throwaway key is ed25519, which Terraform 1.5.7 cannot read (tests/engine/provider-registry.test.ts signs with RSA).
            assert.deepEqual(warnings, [signingKeyWarning(22)]);
            assert.match(warnings[0] as string, /Terraform 1\.5\.7 cannot read it .*public key type: 22.*Sign with an RSA key/);
            assert.equal(signingKeyWarning(1), undefined);
            const mirror = parseSiteOptions(["mirror", "--from", release, "--out", join(out, "mirror")], {});
            writeSite(siteFiles(mirror, VERSION, signer.env), release, mirror.outDir);
            const answer = JSON.parse(
                readFileSync(join(out, "registry", `v1/providers/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/${VERSION}/download/linux/amd64`), "utf8"),
            ) as {
                signing_keys: { gpg_public_keys: { key_id: string; ascii_armor: string }[] };
            };
            assert.deepEqual(answer.signing_keys.gpg_public_keys, [
                { key_id: signer.fingerprint.slice(-16), ascii_armor: gpgPublicKey(signer.email, signer.env).asciiArmor },
            ]);
            for (const name of [
                terraformZipName(VERSION, PLATFORMS[0] as (typeof PLATFORMS)[number]),
                terraformSumsName(VERSION),
                terraformSumsSignatureName(VERSION),
            ]) {
                assert.deepEqual(
                    readFileSync(join(out, "registry", `v1/providers/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/${VERSION}`, name)),
                    readFileSync(join(release, name)),
                );
            }
            assert.ok(existsSync(join(out, "mirror", `registry.terraform.io/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/${VERSION}.json`)));

            // The next release, published into the same folders.
            const next = join(dir, "release-next");
            mkdirSync(next);
            for (const [name, data] of fakeReleaseFiles("1.3.0")) writeFileSync(join(next, name), data);
            gpgDetachSign(join(next, terraformSumsName("1.3.0")), join(next, terraformSumsSignatureName("1.3.0")), signer.email, signer.env);
            writeSite(siteFiles({ ...registry, fromDir: next }, "1.3.0", signer.env), next, registry.outDir);
            writeSite(siteFiles({ ...mirror, fromDir: next }, "1.3.0", signer.env), next, mirror.outDir);
            const versions = JSON.parse(readFileSync(join(out, "registry", `v1/providers/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/versions`), "utf8")) as {
                versions: { version: string }[];
            };
            assert.deepEqual(
                versions.versions.map((v) => v.version),
                [VERSION, "1.3.0"],
            );
            const index = JSON.parse(
                readFileSync(join(out, "mirror", `registry.opentofu.org/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}/index.json`), "utf8"),
            ) as unknown;
            assert.deepEqual(index, { versions: { [VERSION]: {}, "1.3.0": {} } });
        });

        it("refuses a signature by another key than --gpg-key, a missing signature, a changed zip and a missing one, naming each", () => {
            const out = join(dir, "refused");
            const options = parseSiteOptions(["registry", "--from", release, "--out", out, "--gpg-key", other.email], {});
            assert.throws(
                () => siteFiles(options, VERSION, signer.env),
                new RegExp(`SHA256SUMS\\.sig was made by key ${signer.fingerprint}, not by --gpg-key ${other.email} \\(${other.fingerprint}\\)`),
            );
            const copy = join(dir, "release-copy");
            mkdirSync(copy);
            for (const [name, data] of fakeReleaseFiles(VERSION)) writeFileSync(join(copy, name), data);
            assert.throws(
                () => siteFiles({ ...options, fromDir: copy, gpgKey: signer.email }, VERSION, signer.env),
                /SHA256SUMS\.sig is missing: sign the release with npm run release -- --gpg-key signer@example\.invalid/,
            );
            const zipName = terraformZipName(VERSION, PLATFORMS[1] as (typeof PLATFORMS)[number]);
            writeFileSync(join(copy, zipName), Buffer.concat([readFileSync(join(copy, zipName)), Buffer.from([0])]));
            assert.throws(
                () => siteFiles({ ...options, kind: "mirror", fromDir: copy }, VERSION, signer.env),
                new RegExp(`${zipName} has sha256 .* the zip changed after the release was summed`),
            );
            rmSync(join(copy, zipName));
            assert.throws(
                () => siteFiles({ ...options, kind: "mirror", fromDir: copy }, VERSION, signer.env),
                new RegExp(`${zipName} is missing, though .*SHA256SUMS lists it`),
            );
            assert.throws(
                () => siteFiles({ ...options, kind: "mirror", fromDir: join(dir, "nowhere") }, VERSION),
                /SHA256SUMS is missing: run npm run release first/,
            );
            assert.ok(!existsSync(out), "nothing is written when a check fails");
        });
    });
});
