/**
 * The release's artefacts in `release/` as the engine tests take them (`npm run test:engine` runs `npm run release`
 * first): each platform's Pulumi `.tar.gz` and Terraform `.zip`, and the executable unpacked from either with the
 * system's `tar` and `unzip`, as a user unpacks it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RELEASE_DIR, REPO_ROOT } from "../../packaging/paths";
import { Platform, selectPlatforms } from "../../packaging/platforms";
import { pulumiArchiveName, pulumiExecutableName, terraformExecutableName, terraformZipName } from "../../packaging/release-names";

/** The package's version, which names the artefacts. */
export const RELEASE_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The platform of a Node.js id (`linux-arm64`). */
export function platformOf(id: string): Platform {
    return selectPlatforms([id])[0] as Platform;
}

/** A platform's two archives in `release/`; an error naming the missing one and the command that builds them. */
export function releaseArchives(platform: Platform): { tar: string; zip: string } {
    const tar = join(RELEASE_DIR, pulumiArchiveName(RELEASE_VERSION, platform));
    const zip = join(RELEASE_DIR, terraformZipName(RELEASE_VERSION, platform));
    for (const file of [tar, zip]) if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run release\` first (npm run test:engine does)`);
    return { tar, zip };
}

/** Unpacks the platform's `.tar.gz` into `dir` (which must be empty); the executable's path, the archive's only file. */
export function unpackPulumiArchive(platform: Platform, dir: string): string {
    execFileSync("tar", ["xzf", releaseArchives(platform).tar, "-C", dir]);
    const files = readdirSync(dir);
    if (files.length !== 1 || files[0] !== pulumiExecutableName(platform)) throw new Error(`the tar.gz holds ${files.join(", ")}`);
    return join(dir, pulumiExecutableName(platform));
}

/** Unpacks the platform's `.zip` into `dir` (which must be empty); the executable's path, the archive's only file. */
export function unpackTerraformZip(platform: Platform, dir: string): string {
    execFileSync("unzip", ["-q", releaseArchives(platform).zip, "-d", dir]);
    const name = terraformExecutableName(RELEASE_VERSION, platform);
    const files = readdirSync(dir);
    if (files.length !== 1 || files[0] !== name) throw new Error(`the zip holds ${files.join(", ")}`);
    return join(dir, name);
}
