/**
 * Writes `provider/package-facts.ts`: the fields of package.json that the plugin's schema and the docs use (name,
 * license, homepage, repository), as a constant, so that the plugin knows them where no package.json is beside it
 * (the single executable). package.json stays the one place they are written; a stale copy fails tests/generate.
 */
import { MANIFEST_FIELDS } from "../provider/package-manifest";

/** The generated file, relative to the repository. */
export const PACKAGE_FACTS_FILE = "provider/package-facts.ts";

/** The generated file's source, from package.json's text (unformatted: generate/main.ts formats it). */
export function packageFactsSource(packageJson: string): string {
    const manifest = JSON.parse(packageJson) as Record<string, unknown>;
    const facts = Object.fromEntries(MANIFEST_FIELDS.filter((field) => manifest[field] !== undefined).map((field) => [field, manifest[field]]));
    return [
        "// Generated from package.json by `npm run generate`: edit package.json, not this file.",
        "",
        "/** The fields of package.json that `packageManifest()` reads (see package-manifest.ts). */",
        `export const PACKAGE_JSON_FACTS: unknown = ${JSON.stringify(facts, null, 4)};`,
        "",
    ].join("\n");
}
