/**
 * The provider network mirror protocol's files for a release (Terraform's
 * website/docs/internals/provider-network-mirror-protocol.mdx; OpenTofu implements the same): for each provider
 * hostname the mirror answers for, `<hostname>/<namespace>/<type>/index.json` (`{"versions": {"0.1.0": {}}}`) and
 * `<hostname>/<namespace>/<type>/<version>.json` (`{"archives": {"linux_amd64": {"url", "hashes"}}}`), with the zips
 * beside the first hostname's documents, as `terraform providers mirror` lays them out, named by relative URLs
 * (which the protocol resolves against the document's URL). Each archive carries its `h1:` and `zh:` hashes: both
 * CLIs accept either scheme from a mirror and check the download against the strongest they know. Any static
 * host serves these files, provided `.json` is served as `application/json` (which the CLIs require). Pure.
 */
import { z } from "zod";
import { PROVIDER_NAMESPACE, PROVIDER_TYPE } from "../provider/terraform/terraform-names";
import { ProviderRelease, terraformPlatform } from "./provider-release";
import { relativeUrl, SiteFile } from "./site-files";

/**
 * The hostnames of the provider's source address, `pulumi-alicloud-message-contacts/alicloudmessagecontacts`, as
 * each CLI reads it without a hostname: OpenTofu's registry, then Terraform's. A mirror answers for both.
 */
export const DEFAULT_PROVIDER_HOSTS: readonly string[] = ["registry.opentofu.org", "registry.terraform.io"];

/** A hostname as a provider source address names it (with an optional port), or an error naming it. */
export function checkProviderHost(host: string): string {
    if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/.test(host)) {
        throw new Error(`--host: "${host}" is not a lower-case hostname (such as registry.terraform.io or registry.example.com:8443)`);
    }
    return host;
}

/** The folder of a provider's documents under the mirror: `<hostname>/<namespace>/<type>`. */
export function mirrorProviderDir(host: string): string {
    return `${host}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
}

/** The "List Available Versions" answer's shape. */
const MirrorIndex = z.object({ versions: z.record(z.string(), z.object({}).passthrough()) }).passthrough();

/** The index document listing `versions`. */
export function mirrorIndex(versions: readonly string[]): { versions: Record<string, Record<string, never>> } {
    return { versions: Object.fromEntries([...new Set(versions)].map((v) => [v, {}])) };
}

/**
 * The versions an index already on the site lists (`undefined`: no index yet), so that publishing a new version
 * keeps the older ones the site still holds; an error naming `path` when it is not a mirror index.
 */
export function versionsInMirrorIndex(existing: unknown, path: string): string[] {
    if (existing === undefined) return [];
    const parsed = MirrorIndex.safeParse(existing);
    if (!parsed.success) throw new Error(`${path} is not a network mirror index ({"versions": {...}}): ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return Object.keys(parsed.data.versions);
}

/** One archive of a version document. */
export interface MirrorArchive {
    url: string;
    hashes: string[];
}

/** The version document of `release`, each zip named by `urlOf`. */
export function mirrorVersion(release: ProviderRelease, urlOf: (filename: string) => string): { archives: Record<string, MirrorArchive> } {
    return {
        archives: Object.fromEntries(
            release.archives.map((a) => [terraformPlatform(a.platform), { url: urlOf(a.filename), hashes: [a.h1, `zh:${a.sha256}`] }]),
        ),
    };
}

/**
 * The mirror's files for `release` under each of `hosts`: the zips once (beside the first host's documents),
 * each host's version document and its index, which lists the release's version and the ones `existingIndex`
 * (the index already on the site for that host, if any) lists.
 */
export function mirrorFiles(release: ProviderRelease, hosts: readonly string[], existingIndex: (path: string) => unknown): SiteFile[] {
    if (hosts.length === 0) throw new Error("a network mirror needs at least one provider hostname");
    const zipDir = mirrorProviderDir(hosts[0] as string);
    const files: SiteFile[] = release.archives.map((a) => ({ path: `${zipDir}/${a.filename}`, copyOf: a.filename }));
    for (const host of [...new Set(hosts)]) {
        const dir = mirrorProviderDir(host);
        const versionPath = `${dir}/${release.version}.json`;
        const indexPath = `${dir}/index.json`;
        files.push({ path: versionPath, json: mirrorVersion(release, (filename) => relativeUrl(versionPath, `${zipDir}/${filename}`)) });
        files.push({ path: indexPath, json: mirrorIndex([...versionsInMirrorIndex(existingIndex(indexPath), indexPath), release.version]) });
    }
    return files;
}
