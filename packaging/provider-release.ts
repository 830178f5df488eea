/**
 * What the Terraform release in `release/` publishes, as the provider registry and network mirror files describe
 * it (`network-mirror.ts`, `provider-registry.ts`): its version and plugin protocols, and for each platform its
 * zip's name, SHA-256 and `h1:` hash; and the checks that hold it together: every zip the SHA256SUMS lists is a
 * platform of {@link PLATFORMS} and has the bytes listed. Pure, but for the zips' bytes, which the caller reads.
 */
import { sha256Hex } from "./checksums";
import { Platform, PLATFORMS } from "./platforms";
import { h1Hash } from "./provider-hashes";
import { TERRAFORM_PROTOCOL_VERSIONS, terraformManifestName, terraformSumsName, terraformSumsSignatureName, terraformZipName } from "./release-names";
import { zipEntries } from "./zip-entries";

/** One platform's zip as published. */
export interface PublishedArchive {
    platform: Platform;
    /** The zip's file name in the release (`terraform-provider-<type>_<version>_<os>_<arch>.zip`). */
    filename: string;
    /** Its SHA-256, hex: what the SHA256SUMS lists and the `zh:` hash records. */
    sha256: string;
    /** The `h1:` hash of the files it holds. */
    h1: string;
}

/** One version of the Terraform provider, as its release files describe it. */
export interface ProviderRelease {
    version: string;
    /** The plugin protocol versions it serves (`["6.0"]`), as the registry manifest lists them. */
    protocols: readonly string[];
    /** One per platform the SHA256SUMS lists, in {@link PLATFORMS} order. */
    archives: PublishedArchive[];
    /** The SHA256SUMS file's name. */
    sumsName: string;
    /** Its detached signature's name. */
    signatureName: string;
}

/** `linux_amd64`: how the CLIs, the mirror protocol and the lock file name a platform. */
export function terraformPlatform(platform: Platform): string {
    return `${platform.goos}_${platform.goarch}`;
}

/**
 * The platforms whose zips `sums` (the SHA256SUMS, name -> sha256) lists, in {@link PLATFORMS} order; an error
 * naming a listed file that is neither a platform's zip nor the manifest, or a release that lists no zip.
 */
export function platformsInSums(version: string, sums: ReadonlyMap<string, string>): Platform[] {
    const known = new Set([...PLATFORMS.map((p) => terraformZipName(version, p)), terraformManifestName(version)]);
    const unknown = [...sums.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
        throw new Error(
            `${terraformSumsName(version)} lists ${unknown.map((n) => JSON.stringify(n)).join(", ")}, which ${unknown.length === 1 ? "is" : "are"} not a zip of ` +
                `this release's platforms (${PLATFORMS.map((p) => p.id).join(", ")}) or its manifest`,
        );
    }
    const platforms = PLATFORMS.filter((p) => sums.has(terraformZipName(version, p)));
    if (platforms.length === 0) throw new Error(`${terraformSumsName(version)} lists no provider zip: run npm run release`);
    return platforms;
}

/**
 * One platform's {@link PublishedArchive} from its zip's bytes; an error when they are not what the SHA256SUMS
 * lists (the zip changed after the release was summed and signed), or not a zip this module can read.
 */
export function publishedArchive(version: string, platform: Platform, zip: Buffer, sums: ReadonlyMap<string, string>): PublishedArchive {
    const filename = terraformZipName(version, platform);
    const listed = sums.get(filename);
    const sha256 = sha256Hex(zip);
    if (listed !== sha256) {
        throw new Error(
            listed === undefined
                ? `${terraformSumsName(version)} does not list ${filename}`
                : `${filename} has sha256 ${sha256}, but ${terraformSumsName(version)} lists ${listed}: the zip changed after the release was summed; run npm run release again`,
        );
    }
    let h1: string;
    try {
        h1 = h1Hash(zipEntries(zip));
    } catch (error) {
        throw new Error(`${filename}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return { platform, filename, sha256, h1 };
}

/** The release of `version` made of `archives`. */
export function providerRelease(version: string, archives: PublishedArchive[]): ProviderRelease {
    return {
        version,
        protocols: TERRAFORM_PROTOCOL_VERSIONS,
        archives,
        sumsName: terraformSumsName(version),
        signatureName: terraformSumsSignatureName(version),
    };
}
