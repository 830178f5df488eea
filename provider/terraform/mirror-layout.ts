/**
 * `terraform-provider-alicloudmessagecontacts --write-mirror DIR`: writes the unpacked layout of a
 * `filesystem_mirror` (`provider_installation` of a CLI configuration) that holds this installed package's
 * provider, for `tofu init` and `terraform init` without a registry:
 *
 *     DIR/<host>/<namespace>/alicloudmessagecontacts/<version>/<os>_<arch>/terraform-provider-alicloudmessagecontacts_v<version>
 *
 * for both registry hosts (`registry.opentofu.org` for OpenTofu, `registry.terraform.io` for Terraform). Each
 * file is a small launcher, a `/bin/sh` script that runs this package's provider with the Node.js that ran the
 * command, by absolute paths: the mirror belongs to this installation (move or reinstall the package, write it
 * again; `init` then records a new hash in the lock file). Pure but for {@link writeMirror}.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { EXECUTABLE_NAME } from "./handshake";
import { WRITE_MIRROR_FLAG } from "./provider-flags";
import { PROVIDER_NAMESPACE, PROVIDER_TYPE } from "./terraform-names";

/** The hosts a short source address means: OpenTofu's registry, and Terraform's. */
export const REGISTRY_HOSTS = ["registry.opentofu.org", "registry.terraform.io"] as const;

/** Node's `process.platform` as Go's GOOS, the mirror's `<os>`. */
const GOOS: Readonly<Record<string, string>> = { linux: "linux", darwin: "darwin", freebsd: "freebsd", openbsd: "openbsd" };

/** Node's `process.arch` as Go's GOARCH, the mirror's `<arch>`. */
const GOARCH: Readonly<Record<string, string>> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };

/** The mirror's platform folder (`linux_amd64`), or an error naming the platform and those that are accepted. */
export function mirrorPlatform(platform: string, arch: string): string {
    const os = GOOS[platform];
    const goArch = GOARCH[arch];
    if (os === undefined || goArch === undefined) {
        throw new Error(
            `${WRITE_MIRROR_FLAG}: the platform ${platform}/${arch} has no launcher (a /bin/sh script); accepted: ` +
                `${Object.keys(GOOS).join(", ")} on ${Object.keys(GOARCH).join(", ")}`,
        );
    }
    return `${os}_${goArch}`;
}

/** Where the launcher goes under the mirror `dir` for one registry host. */
export function mirrorExecutablePath(dir: string, host: string, version: string, platform: string): string {
    return join(dir, host, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, platform, `${EXECUTABLE_NAME}_v${version}`);
}

/** Quotes a path for `/bin/sh` (single quotes; a quote inside becomes `'\''`). */
function shellQuote(text: string): string {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The launcher: runs `mainScript` (this package's provider) with `nodePath`, passing its arguments and environment. */
export function launcherScript(nodePath: string, mainScript: string): string {
    return `#!/bin/sh\n# Written by ${EXECUTABLE_NAME} ${WRITE_MIRROR_FLAG}: runs the provider of the installed npm package.\nexec ${shellQuote(nodePath)} ${shellQuote(mainScript)} "$@"\n`;
}

/** What {@link writeMirror} writes. */
export interface MirrorOptions {
    /** The mirror's folder (created when missing). */
    dir: string;
    /** The provider's version: the package's. */
    version: string;
    /** The provider's script, `dist/provider/terraform/main.js` of the installed package. */
    mainScript: string;
    /** The Node.js executable the launcher runs. Default: the one running. */
    nodePath?: string;
    /** Default: this process's. */
    platform?: string;
    /** Default: this process's. */
    arch?: string;
}

/** Writes the launcher for every registry host; returns the files written. */
export function writeMirror(options: MirrorOptions): string[] {
    const platform = mirrorPlatform(options.platform ?? process.platform, options.arch ?? process.arch);
    const script = launcherScript(options.nodePath ?? process.execPath, resolve(options.mainScript));
    return REGISTRY_HOSTS.map((host) => {
        const path = mirrorExecutablePath(resolve(options.dir), host, options.version, platform);
        mkdirSync(join(path, ".."), { recursive: true });
        writeFileSync(path, script);
        chmodSync(path, 0o755);
        return path;
    });
}

/** The mirror's folder from the command's arguments (`--write-mirror DIR`), or an error saying what is expected. */
export function mirrorDirArgument(args: readonly string[]): string {
    const [flag, dir, ...rest] = args;
    if (flag !== WRITE_MIRROR_FLAG || dir === undefined || dir === "" || rest.length > 0) {
        throw new Error(`usage: ${EXECUTABLE_NAME} ${WRITE_MIRROR_FLAG} DIR (one folder, the filesystem_mirror's path)`);
    }
    return dir;
}
