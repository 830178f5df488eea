/**
 * The options of `npm run release:registry` and `npm run release:mirror` (`provider-sites.ts`): which site, where
 * from and to, the signing key (`--gpg-key`, or `RELEASE_GPG_KEY` as for `npm run release`) and the hostnames a
 * mirror answers for. Pure: arguments and environment in, options or an error naming the flag out.
 */
import { resolve } from "node:path";
import { checkProviderHost, DEFAULT_PROVIDER_HOSTS } from "./network-mirror";
import { RELEASE_DIR } from "./paths";

/** The two sites. */
export const SITE_KINDS = ["registry", "mirror"] as const;

/** Which site a run writes. */
export type SiteKind = (typeof SITE_KINDS)[number];

/** What a run writes. */
export interface SiteOptions {
    kind: SiteKind;
    /** The release folder read (default `release/`). */
    fromDir: string;
    /** The site's folder, written (created when missing; files of other versions in it are kept). */
    outDir: string;
    /** registry: the key that signed the SHA256SUMS (its public key is published). */
    gpgKey?: string;
    /** mirror: the provider hostnames it answers for. */
    hosts: string[];
}

/** The usage line of each site. */
export const SITE_USAGE: Readonly<Record<SiteKind, string>> = {
    registry: "usage: npm run release:registry -- --out <dir> --gpg-key <id> [--from <release dir>]",
    mirror: "usage: npm run release:mirror -- --out <dir> [--host <provider hostname>]... [--from <release dir>]",
};

/** The flags each site takes. */
const FLAGS: Readonly<Record<SiteKind, readonly string[]>> = {
    registry: ["--out", "--from", "--gpg-key"],
    mirror: ["--out", "--from", "--host"],
};

/**
 * The options from `args` (the first names the site), then the environment; an error naming what is wrong. Relative
 * folders are relative to where the user typed the command (`INIT_CWD`, which npm sets; it runs scripts in the
 * package's folder), else to the current folder.
 */
export function parseSiteOptions(args: readonly string[], env: NodeJS.ProcessEnv = process.env): SiteOptions {
    const cwd = env.INIT_CWD || process.cwd();
    const kind = args[0];
    if (!(SITE_KINDS as readonly string[]).includes(kind ?? "")) {
        throw new Error(`the first argument must be ${SITE_KINDS.join(" or ")}; got ${kind === undefined ? "none" : JSON.stringify(kind)}`);
    }
    const site = kind as SiteKind;
    const usage = SITE_USAGE[site];
    let outDir: string | undefined;
    let fromDir = RELEASE_DIR;
    let gpgKey = site === "registry" ? env.RELEASE_GPG_KEY || undefined : undefined;
    const hosts: string[] = [];
    for (let i = 1; i < args.length; i++) {
        const flag = args[i] as string;
        const value = args[i + 1];
        if (!FLAGS[site].includes(flag)) throw new Error(`unknown argument "${flag}" (accepted: ${FLAGS[site].join(", ")}); ${usage}`);
        if (value === undefined || value === "" || value.startsWith("--")) throw new Error(`${flag} needs a value; ${usage}`);
        i++;
        if (flag === "--out") outDir = resolve(cwd, value);
        else if (flag === "--from") fromDir = resolve(cwd, value);
        else if (flag === "--gpg-key") gpgKey = value;
        else hosts.push(checkProviderHost(value));
    }
    if (outDir === undefined) throw new Error(`--out is required: the folder the ${site} is written to; ${usage}`);
    if (outDir === fromDir) throw new Error(`--out must not be the release folder itself (${fromDir}); ${usage}`);
    if (site === "registry" && gpgKey === undefined) {
        throw new Error(`--gpg-key (or RELEASE_GPG_KEY) is required: the key that signed the SHA256SUMS, whose public key the registry publishes; ${usage}`);
    }
    return { kind: site, fromDir, outDir, ...(gpgKey !== undefined ? { gpgKey } : {}), hosts: hosts.length > 0 ? hosts : [...DEFAULT_PROVIDER_HOSTS] };
}
