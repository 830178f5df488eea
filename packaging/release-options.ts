/**
 * `npm run release` options: `--gpg-key <id>` (or `RELEASE_GPG_KEY`) signs the SHA256SUMS file;
 * `--platform <id>` (repeatable, or `RELEASE_PLATFORMS=linux-x64,win-x64`) builds only those platforms; `--out <dir>`
 * writes elsewhere than `release/`; `--startup code-cache|snapshot|none` chooses the V8 start-up data of the linux-x64
 * executable (default: the code cache; `npm run bench:release` measures the snapshot against it).
 */
import { resolve } from "node:path";
import { RELEASE_DIR } from "./paths";
import { Platform, PLATFORMS, selectPlatforms } from "./platforms";
import { DEFAULT_STARTUP_DATA, STARTUP_DATA, StartupData } from "./sea-executable";

/** What a release run does. */
export interface ReleaseOptions {
    /** The key that signs the SHA256SUMS file, when given. */
    gpgKey?: string;
    /** The platforms built. */
    platforms: Platform[];
    /** Where the artefacts go. */
    outDir: string;
    /** The V8 start-up data of the build platform's executable (default: the code cache). */
    startup: StartupData;
}

/** The usage line. */
export const USAGE = `usage: npm run release -- [--gpg-key <id>] [--platform <${PLATFORMS.map((p) => p.id).join("|")}>]... [--out <dir>] [--startup <${STARTUP_DATA.join("|")}>]`;

/** The options from the arguments, then the environment; an error naming a bad flag or a flag without its value. */
export function parseReleaseOptions(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ReleaseOptions {
    let gpgKey = env.RELEASE_GPG_KEY || undefined;
    let outDir = RELEASE_DIR;
    const platformIds: string[] = [];
    let startup: StartupData = DEFAULT_STARTUP_DATA;
    for (let i = 0; i < args.length; i++) {
        const flag = args[i] as string;
        const value = args[i + 1];
        if (!["--gpg-key", "--platform", "--out", "--startup"].includes(flag)) throw new Error(`unknown argument "${flag}"; ${USAGE}`);
        if (value === undefined || value === "" || value.startsWith("--")) throw new Error(`${flag} needs a value; ${USAGE}`);
        i++;
        if (flag === "--gpg-key") gpgKey = value;
        else if (flag === "--out") outDir = resolve(value);
        else if (flag === "--startup") {
            if (!(STARTUP_DATA as readonly string[]).includes(value)) throw new Error(`--startup must be ${STARTUP_DATA.join(", ")}; got "${value}"`);
            startup = value as StartupData;
        } else platformIds.push(value);
    }
    if (platformIds.length === 0 && env.RELEASE_PLATFORMS) platformIds.push(...env.RELEASE_PLATFORMS.split(",").map((id) => id.trim()));
    return { ...(gpgKey ? { gpgKey } : {}), platforms: selectPlatforms(platformIds), outDir, startup };
}
