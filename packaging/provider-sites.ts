/**
 * `npm run release:registry` and `npm run release:mirror`: the static files of a Terraform/OpenTofu provider
 * registry (`provider-registry.ts`) or network mirror (`network-mirror.ts`) for the release in `release/`, which any
 * static host serves over HTTPS. Checks first that every zip the SHA256SUMS lists is there with the bytes listed;
 * for the registry, that the SHA256SUMS signature verifies and was made by `--gpg-key`, whose public key it
 * publishes. Files of other versions already in the output folder are kept, and the indexes list them too. The
 * I/O edge: reading the release, gpg, writing the files.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PROVIDER_SOURCE } from "../provider/terraform/terraform-names";
import { parseSha256Sums } from "./checksums";
import { gpgPublicKey, gpgSignerFingerprint } from "./gpg-sign";
import { mirrorFiles } from "./network-mirror";
import { REPO_ROOT } from "./paths";
import { platformsInSums, ProviderRelease, providerRelease, publishedArchive } from "./provider-release";
import { registryFiles, signingKeyWarning } from "./provider-registry";
import { parseSiteOptions, SiteOptions } from "./provider-site-options";
import { terraformSumsName, terraformZipName } from "./release-names";
import { isCopy, jsonText, SiteFile } from "./site-files";

/** The release in `fromDir` at `version`, every zip checked against the SHA256SUMS. */
export function readProviderRelease(fromDir: string, version: string): ProviderRelease {
    const sumsPath = join(fromDir, terraformSumsName(version));
    if (!existsSync(sumsPath)) throw new Error(`${sumsPath} is missing: run npm run release first`);
    const sums = parseSha256Sums(readFileSync(sumsPath, "utf8"));
    const archives = platformsInSums(version, sums).map((platform) => {
        const file = join(fromDir, terraformZipName(version, platform));
        if (!existsSync(file)) throw new Error(`${file} is missing, though ${terraformSumsName(version)} lists it: run npm run release again`);
        return publishedArchive(version, platform, readFileSync(file), sums);
    });
    return providerRelease(version, archives);
}

/** A JSON document already in the site (`undefined` when absent); an error naming it when it is not JSON. */
function existingJson(outDir: string, path: string): unknown {
    const file = join(outDir, path);
    if (!existsSync(file)) return undefined;
    try {
        return JSON.parse(readFileSync(file, "utf8")) as unknown;
    } catch (error) {
        throw new Error(`${file} is not JSON (${error instanceof Error ? error.message : String(error)}): remove it or choose another --out`, { cause: error });
    }
}

/** Writes `files` under `outDir`: documents as JSON, release files copied (never linked: a rebuild must not change them). */
export function writeSite(files: readonly SiteFile[], fromDir: string, outDir: string): void {
    for (const file of files) {
        const target = join(outDir, ...file.path.split("/"));
        mkdirSync(dirname(target), { recursive: true });
        if (isCopy(file)) copyFileSync(join(fromDir, file.copyOf), target, constants.COPYFILE_FICLONE);
        else writeFileSync(target, jsonText(file.json));
    }
}

/**
 * The files of the site `options` asks for (reading the release, and for the registry, gpg's keyring); `warn`
 * hears what is allowed but will fail some users (an EdDSA key).
 */
export function siteFiles(options: SiteOptions, version: string, env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = () => {}): SiteFile[] {
    const release = readProviderRelease(options.fromDir, version);
    if (options.kind === "mirror") return mirrorFiles(release, options.hosts, (path) => existingJson(options.outDir, path));
    const key = gpgPublicKey(options.gpgKey as string, env);
    const sums = join(options.fromDir, release.sumsName);
    const signature = join(options.fromDir, release.signatureName);
    if (!existsSync(signature)) throw new Error(`${signature} is missing: sign the release with npm run release -- --gpg-key ${options.gpgKey as string}`);
    const signer = gpgSignerFingerprint(sums, signature, env);
    if (signer !== key.fingerprint) {
        throw new Error(
            `${signature} was made by key ${signer}, not by --gpg-key ${options.gpgKey as string} (${key.fingerprint}): sign the release with the key you publish`,
        );
    }
    const warning = signingKeyWarning(key.algorithm);
    if (warning !== undefined) warn(warning);
    return registryFiles(release, key, (path) => existingJson(options.outDir, path));
}

if (require.main === module) {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    try {
        const options = parseSiteOptions(process.argv.slice(2));
        const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
        const started = Date.now();
        const files = siteFiles(options, version, process.env, (warning) => log(`release:${options.kind}: warning: ${warning}`));
        writeSite(files, options.fromDir, options.outDir);
        log(
            `release:${options.kind}: ${files.length} files of ${PROVIDER_SOURCE} ${version} in ${options.outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
        for (const file of files) log(`   ${file.path}`);
    } catch (error) {
        log(`release:${process.argv[2] ?? ""}: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(2);
    }
}
