/**
 * This package's npm name and its version, read from the package.json found upwards from a file of the package
 * (source or dist). Every protocol reads its version here; no Pulumi, Terraform or zod is loaded.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The npm package's name, by which its package.json is recognised. */
export const NPM_PACKAGE_NAME = "pulumi-alicloud-message-contacts";

/** The version in this package's package.json, found upwards from `from` (this file's folder by default). */
export function packageVersion(from: string = __dirname): string {
    for (let dir = from; ; dir = dirname(dir)) {
        try {
            const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
            if (manifest.name === NPM_PACKAGE_NAME && typeof manifest.version === "string") return manifest.version;
        } catch {
            // No package.json here: look further up.
        }
        if (dirname(dir) === dir) throw new Error(`no package.json of ${NPM_PACKAGE_NAME} above ${from}`);
    }
}
