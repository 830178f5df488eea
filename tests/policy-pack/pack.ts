/**
 * Where the example policy pack lives, and how it finds this package inside the repository.
 *
 * The pack imports `pulumi-alicloud-message-contacts` by name, as a user's copy does. Inside the repository
 * that name does not resolve by itself: the pack has its own package.json (its dependencies, and the version
 * `new PolicyPack` reads), so for Node and TypeScript the pack's files belong to that package, and a package
 * can only self-reference its own name. {@link linkLocalPackage} therefore installs this package into the
 * pack's node_modules (ignored by git) the way `npm install ../..` links a local package, except that only
 * `package.json` and a `dist` link are placed there, so no directory loop (`node_modules/x -> ../../..`) appears
 * under examples/. Nothing else is installed: `@pulumi/policy` and `@pulumi/pulumi` resolve from the
 * repository's node_modules, one directory up the tree.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";

/** The repository root (this file is tests/policy-pack/pack.ts). */
export const REPO_ROOT = resolve(__dirname, "..", "..");
/** The example policy pack (its PulumiPolicy.yaml, package.json, index.ts, policies.ts, policy.wasm ...). */
export const PACK_DIR = join(REPO_ROOT, "examples", "policy-pack");

/** The pack's files, as a user's copy of it holds them: everything in its folder but `node_modules`. */
export function packFiles(): string[] {
    return readdirSync(PACK_DIR, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort();
}

/** The packages the pack depends on (its package.json's `dependencies`), by name. */
export function packDependencies(): string[] {
    const manifest = JSON.parse(readFileSync(join(PACK_DIR, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    return Object.keys(manifest.dependencies ?? {});
}
/** This package's name, which the pack imports. */
export const PACKAGE_NAME = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { name: string }).name;

/** The built entry point the name must resolve to. */
const BUILT_ENTRY = join(REPO_ROOT, "dist", "sdk", "index.js");

/** What `require("pulumi-alicloud-message-contacts")` gives from the pack's index.ts, or undefined. */
export function resolveFromPack(): string | undefined {
    try {
        return realpathSync(createRequire(join(PACK_DIR, "index.ts")).resolve(PACKAGE_NAME));
    } catch {
        return undefined;
    }
}

/**
 * Makes `pulumi-alicloud-message-contacts` resolve from the pack to this repository's build (dist/), creating
 * `examples/policy-pack/node_modules/pulumi-alicloud-message-contacts/{package.json,dist -> ../../../../dist}`
 * when needed. Idempotent; leaves a working link (for example `ln -s ../../.. ...`, as the pack's README
 * shows) alone; refuses to touch anything else already installed there. Throws when dist/ is not built.
 */
export function linkLocalPackage(): void {
    if (!existsSync(BUILT_ENTRY)) {
        throw new Error(`${relative(REPO_ROOT, BUILT_ENTRY)} is missing: run \`npm run build\` before the policy pack tests`);
    }
    const wanted = realpathSync(BUILT_ENTRY);
    const installed = join(PACK_DIR, "node_modules", PACKAGE_NAME);
    const distLink = join(installed, "dist");
    const distTarget = relative(installed, join(REPO_ROOT, "dist"));
    // Checked on disk, not by resolving: Node caches package.json lookups, including missing ones.
    const ours = isSymlink(distLink) && readlinkSync(distLink) === distTarget;
    const present = existsSync(installed) || isSymlink(installed);
    if (!present || ours) {
        mkdirSync(installed, { recursive: true });
        // The manifest (name, exports, types) as the repository declares it now; replaced atomically, since
        // another test process may be resolving through it.
        const manifest = readFileSync(join(REPO_ROOT, "package.json"));
        const manifestPath = join(installed, "package.json");
        if (!existsSync(manifestPath) || !readFileSync(manifestPath).equals(manifest)) {
            const temporary = `${manifestPath}.${process.pid}.tmp`;
            writeFileSync(temporary, manifest);
            renameSync(temporary, manifestPath);
        }
        if (!ours) {
            try {
                symlinkSync(distTarget, distLink, "dir");
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
            }
        }
    } else if (!linksToThisBuild(installed, wanted)) {
        throw new Error(
            `${relative(REPO_ROOT, installed)} exists but is not this repository's build: remove it (it may be a copy ` +
                `installed from the registry) and run the tests again`,
        );
    }
    const resolved = resolveFromPack();
    if (resolved !== wanted) {
        throw new Error(`${PACKAGE_NAME} resolves from ${relative(REPO_ROOT, PACK_DIR)} to ${resolved ?? "nothing"}, not ${wanted}`);
    }
}

/** Whether an installed copy is a link to this repository (its manifest names the package, its dist is ours). */
function linksToThisBuild(installed: string, wanted: string): boolean {
    try {
        const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { name?: string };
        return manifest.name === PACKAGE_NAME && realpathSync(join(installed, "dist", "sdk", "index.js")) === wanted;
    } catch {
        return false;
    }
}

function isSymlink(path: string): boolean {
    try {
        return lstatSync(path).isSymbolicLink();
    } catch {
        return false;
    }
}
