/**
 * `npm run release` options: `--gpg-key <id>` (or `RELEASE_GPG_KEY`) signs the SHA256SUMS file; the darwin
 * executables are signed ad hoc unless `--apple-p12 <file>` (or `RELEASE_APPLE_P12`, with
 * `--apple-p12-password-file`/`RELEASE_APPLE_P12_PASSWORD_FILE`) gives a Developer ID certificate, and
 * `--apple-api-key <file>` (or `RELEASE_APPLE_API_KEY`) an App Store Connect API key to notarize them with;
 * `--platform <id>` (repeatable, or `RELEASE_PLATFORMS=linux-x64,win-x64`) builds only those platforms; `--out <dir>`
 * writes elsewhere than `release/`; `--startup trained-code-cache|code-cache|snapshot|none` chooses the V8 start-up
 * data of the linux-x64 executable (default: the code cache trained on a plan's calls; `code-cache` is Node.js's own,
 * of the top-level functions only; `npm run bench:release` measures the others against the default; a snapshot is
 * built in private PID and mount namespaces, with `unshare`, so that two builds give the same bytes).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { AppleSigning } from "./macos-signing";
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
    /** The V8 start-up data of the build platform's executable (default: the trained code cache). */
    startup: StartupData;
    /** How the darwin executables are signed (default: ad hoc). */
    apple?: AppleSigning;
}

/** The usage line. */
export const USAGE =
    `usage: npm run release -- [--gpg-key <id>] [--platform <${PLATFORMS.map((p) => p.id).join("|")}>]... [--out <dir>] ` +
    `[--startup <${STARTUP_DATA.join("|")}>] [--apple-p12 <file> [--apple-p12-password-file <file>] [--apple-api-key <file>]]`;

/** The flags that name a file, and the variable each falls back to. */
const FILE_FLAGS = {
    "--apple-p12": "RELEASE_APPLE_P12",
    "--apple-p12-password-file": "RELEASE_APPLE_P12_PASSWORD_FILE",
    "--apple-api-key": "RELEASE_APPLE_API_KEY",
} as const;
type FileFlag = keyof typeof FILE_FLAGS;

/**
 * The darwin executables' signing from the file flags (or their variables): ad hoc without `--apple-p12`; an error
 * naming the flag when a file is missing, or when a password file or an API key comes without a certificate.
 */
function appleSigning(files: Partial<Record<FileFlag, string>>, env: NodeJS.ProcessEnv): AppleSigning {
    const file = (flag: FileFlag): string | undefined => {
        const path = files[flag] ?? (env[FILE_FLAGS[flag]] || undefined);
        if (path === undefined) return undefined;
        if (!existsSync(path)) throw new Error(`${flag} (or ${FILE_FLAGS[flag]}): no file ${path}`);
        return resolve(path);
    };
    const p12File = file("--apple-p12");
    const p12PasswordFile = file("--apple-p12-password-file");
    const apiKeyFile = file("--apple-api-key");
    if (!p12File) {
        if (p12PasswordFile) throw new Error("--apple-p12-password-file needs --apple-p12, the certificate it unlocks");
        if (apiKeyFile) throw new Error("--apple-api-key needs --apple-p12: Apple notarizes only code signed with a Developer ID certificate");
        return { kind: "ad-hoc" };
    }
    return { kind: "developer-id", p12File, ...(p12PasswordFile ? { p12PasswordFile } : {}), ...(apiKeyFile ? { notarizeWith: apiKeyFile } : {}) };
}

/** The options from the arguments, then the environment; an error naming a bad flag or a flag without its value. */
export function parseReleaseOptions(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ReleaseOptions {
    let gpgKey = env.RELEASE_GPG_KEY || undefined;
    let outDir = RELEASE_DIR;
    const platformIds: string[] = [];
    let startup: StartupData = DEFAULT_STARTUP_DATA;
    const files: Partial<Record<FileFlag, string>> = {};
    for (let i = 0; i < args.length; i++) {
        const flag = args[i] as string;
        const value = args[i + 1];
        if (!["--gpg-key", "--platform", "--out", "--startup", ...Object.keys(FILE_FLAGS)].includes(flag))
            throw new Error(`unknown argument "${flag}"; ${USAGE}`);
        if (value === undefined || value === "" || value.startsWith("--")) throw new Error(`${flag} needs a value; ${USAGE}`);
        i++;
        if (flag === "--gpg-key") gpgKey = value;
        else if (flag === "--out") outDir = resolve(value);
        else if (flag in FILE_FLAGS) files[flag as FileFlag] = value;
        else if (flag === "--startup") {
            if (!(STARTUP_DATA as readonly string[]).includes(value)) throw new Error(`--startup must be ${STARTUP_DATA.join(", ")}; got "${value}"`);
            startup = value as StartupData;
        } else platformIds.push(value);
    }
    if (platformIds.length === 0 && env.RELEASE_PLATFORMS) platformIds.push(...env.RELEASE_PLATFORMS.split(",").map((id) => id.trim()));
    return { ...(gpgKey ? { gpgKey } : {}), platforms: selectPlatforms(platformIds), outDir, startup, apple: appleSigning(files, env) };
}
