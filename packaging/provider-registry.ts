/**
 * The provider registry protocol's files for a release, as static files served at the root of the registry's
 * host (Terraform's website/docs/internals/provider-registry-protocol.mdx and remote-service-discovery.mdx;
 * OpenTofu implements the same):
 *
 * - `.well-known/terraform.json`: `{"providers.v1": "/v1/providers/"}` (service discovery);
 * - `v1/providers/<namespace>/<type>/versions`: every version with its protocols and platforms;
 * - `v1/providers/<namespace>/<type>/<version>/download/<os>/<arch>`: one per platform, with the zip's `filename`,
 *   `download_url`, `shasum`, `shasums_url`, `shasums_signature_url` and `signing_keys.gpg_public_keys`
 *   (`key_id`, `ascii_armor`): the key that signed the SHA256SUMS;
 * - the zips, the SHA256SUMS and its signature in `v1/providers/<namespace>/<type>/<version>/`.
 *
 * The URLs are relative (both CLIs resolve them against the answer's URL). A source address names the host:
 * `<host>/pulumi-alicloud-message-contacts/alicloudmessagecontacts`. Pure.
 */
import { z } from "zod";
import { PROVIDER_NAMESPACE, PROVIDER_TYPE } from "../provider/terraform/terraform-names";
import { ProviderRelease } from "./provider-release";
import { relativeUrl, SiteFile } from "./site-files";

/** The service discovery document's path (RFC 8615's `.well-known`), at the root of the host. */
export const SERVICE_DISCOVERY_PATH = ".well-known/terraform.json";

/** The base path of the provider registry protocol on the host. */
export const PROVIDERS_V1_PATH = "v1/providers/";

/** The public key that signed the SHA256SUMS, as the registry names it. */
export interface SigningKey {
    /** Upper-case hex key ID (the long, 16-digit form). */
    keyId: string;
    /** The ASCII-armoured public key. */
    asciiArmor: string;
}

/** The folder of the provider's documents: `v1/providers/<namespace>/<type>`. */
export function registryProviderDir(): string {
    return `${PROVIDERS_V1_PATH}${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
}

/** The service discovery document: where the providers protocol is on this host. */
export function serviceDiscovery(): { "providers.v1": string } {
    return { "providers.v1": `/${PROVIDERS_V1_PATH}` };
}

const VersionEntry = z
    .object({
        version: z.string().min(1),
        protocols: z.array(z.string()).optional(),
        platforms: z.array(z.object({ os: z.string(), arch: z.string() }).passthrough()).optional(),
    })
    .passthrough();
const VersionsDocument = z.object({ versions: z.array(VersionEntry) }).passthrough();

/** One entry of the versions document. */
export type RegistryVersion = z.infer<typeof VersionEntry>;

/** The versions entry of `release`. */
export function registryVersion(release: ProviderRelease): RegistryVersion {
    return {
        version: release.version,
        protocols: [...release.protocols],
        platforms: release.archives.map((a) => ({ os: a.platform.goos, arch: a.platform.goarch })),
    };
}

/**
 * The versions document: the entries of `existing` (the document already on the site, `undefined` when none)
 * but the one of `release`'s version, then `release`'s; an error naming `path` when `existing` is not one.
 */
export function registryVersions(release: ProviderRelease, existing: unknown, path: string): { versions: RegistryVersion[] } {
    let kept: RegistryVersion[] = [];
    if (existing !== undefined) {
        const parsed = VersionsDocument.safeParse(existing);
        if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new Error(`${path} is not a provider registry versions document: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
        }
        kept = parsed.data.versions.filter((v) => v.version !== release.version);
    }
    return { versions: [...kept, registryVersion(release)] };
}

/** The "Find a Provider Package" answer of one platform, its URLs relative to `answerPath`. */
export function registryDownload(release: ProviderRelease, index: number, key: SigningKey, answerPath: string, versionDir: string) {
    const archive = release.archives[index];
    if (!archive) throw new RangeError(`no archive ${index}`);
    const url = (name: string) => relativeUrl(answerPath, `${versionDir}/${name}`);
    return {
        protocols: [...release.protocols],
        os: archive.platform.goos,
        arch: archive.platform.goarch,
        filename: archive.filename,
        download_url: url(archive.filename),
        shasums_url: url(release.sumsName),
        shasums_signature_url: url(release.signatureName),
        shasum: archive.sha256,
        signing_keys: { gpg_public_keys: [{ key_id: key.keyId, ascii_armor: key.asciiArmor }] },
    };
}

/** OpenPGP's public-key algorithm number of EdDSA keys (ed25519). */
export const EDDSA_ALGORITHM = 22;

/**
 * A warning for a signing key some CLIs cannot read, or undefined: Terraform 1.5.7 (and the releases before it that
 * read OpenPGP with golang.org/x/crypto) fails `init` on an EdDSA key with "openpgp: unsupported feature: public key
 * type: 22"; OpenTofu and later Terraform releases (ProtonMail/go-crypto) read it.
 */
export function signingKeyWarning(algorithm: number): string | undefined {
    if (algorithm !== EDDSA_ALGORITHM) return undefined;
    return 'the signing key is EdDSA (ed25519): Terraform 1.5.7 cannot read it (init fails with "openpgp: unsupported feature: public key type: 22"); OpenTofu and newer Terraform can. Sign with an RSA key to serve every CLI.';
}

/** A key ID as the registry writes it: 16 upper-case hex digits, or an error naming it. */
export function checkKeyId(keyId: string): string {
    if (!/^[0-9A-F]{16}$/.test(keyId)) throw new Error(`signing key: "${keyId}" is not a 16-digit upper-case hex key ID`);
    return keyId;
}

/**
 * The registry's files for `release`: discovery, the versions document (with the versions that the one already on
 * the site lists: `existing` reads a site document, `undefined` when absent), one download answer per platform,
 * and the zips, SHA256SUMS and signature.
 */
export function registryFiles(release: ProviderRelease, key: SigningKey, existing: (path: string) => unknown): SiteFile[] {
    checkKeyId(key.keyId);
    if (!key.asciiArmor.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")) throw new Error("signing key: ascii_armor is not an ASCII-armoured public key");
    const dir = registryProviderDir();
    const versionDir = `${dir}/${release.version}`;
    const versionsPath = `${dir}/versions`;
    const files: SiteFile[] = [
        { path: SERVICE_DISCOVERY_PATH, json: serviceDiscovery() },
        { path: versionsPath, json: registryVersions(release, existing(versionsPath), versionsPath) },
    ];
    release.archives.forEach((archive, i) => {
        const answerPath = `${versionDir}/download/${archive.platform.goos}/${archive.platform.goarch}`;
        files.push({ path: answerPath, json: registryDownload(release, i, key, answerPath, versionDir) });
    });
    for (const name of [...release.archives.map((a) => a.filename), release.sumsName, release.signatureName]) {
        files.push({ path: `${versionDir}/${name}`, copyOf: name });
    }
    return files;
}
