/**
 * `npm run sdks`: writes the provider plugin's schema to `sdks/schema.json` and generates the SDKs of other
 * languages from it into `sdks/<language>/`, with the SDK generator `npm run engine` builds (Pulumi's own code
 * generators, called directly: no language plugin needed), and .NET's with `engine/gen-sdk-dotnet` (an older
 * Pulumi release's generator, built here on first use into the engine's cache). The generated folders are committed, so that users
 * install them from the repository; a test fails when they are not what this script generates from the schema.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { cachedGoBuild } from "../engine/cached-go-build";
import { ENGINE_MODULE_DIR, findEngine } from "../engine/pulumi-engine";
import { packageVersion } from "../provider/package-version";
import { packageSchema } from "../provider/plugin/schema";

/** This folder. */
export const SDKS_DIR = resolve(__dirname);
/** The schema every SDK is generated from. */
export const SCHEMA_FILE = join(SDKS_DIR, "schema.json");
/** The languages generated, each into `sdks/<language>/`. */
export const SDK_LANGUAGES = ["python", "go", "dotnet"] as const;

/** The .NET SDK generator's module (see its main.go: the pinned Pulumi release has no .NET generator). */
export const DOTNET_GENERATOR_DIR = join(ENGINE_MODULE_DIR, "gen-sdk-dotnet");

/** The schema's text as `sdks/schema.json` holds it. */
export function schemaText(): string {
    return `${JSON.stringify(packageSchema(packageVersion()), null, 4)}\n`;
}

/** The Go SDK's file that holds `SdkVersion`, relative to `sdks/go/`. */
export const GO_VERSION_FILE = join("alicloudmessagecontacts", "internal", "pulumiVersion.go");

/** What Pulumi's Go generator writes for `SdkVersion`, always: no version. */
const EMPTY_GO_SDK_VERSION = "var SdkVersion semver.Version = semver.Version{}";

/**
 * The Go SDK's version file with `SdkVersion` set to `version`. The generator leaves it empty, and the SDK then
 * registers its package as the version its module path implies (1.0.0 for a path without `/vN`) while its
 * resources and functions ask for the schema's version.
 */
export function withGoSdkVersion(versionFile: string, version: string): string {
    if (!versionFile.includes(EMPTY_GO_SDK_VERSION)) throw new Error(`the Go generator's ${GO_VERSION_FILE} has no \`${EMPTY_GO_SDK_VERSION}\` any more`);
    return versionFile.replace(EMPTY_GO_SDK_VERSION, `var SdkVersion semver.Version = semver.MustParse(${JSON.stringify(version)})`);
}

/** The `version` of a schema file. */
function schemaVersion(schemaFile: string): string {
    return z.object({ version: z.string().min(1) }).parse(JSON.parse(readFileSync(schemaFile, "utf8"))).version;
}

/**
 * Generates `language`'s SDK from `schemaFile` into `outDir/<language>/`, with the Go SDK's `SdkVersion` set to
 * the schema's version; throws with the generator's output.
 */
export function generateSdk(schemaFile: string, language: string, outDir: string): void {
    const dotnet = language === "dotnet";
    const generator = dotnet ? cachedGoBuild({ moduleDir: DOTNET_GENERATOR_DIR, name: "pulumi-gen-sdk-dotnet" }).path : findEngine().genSdk;
    const args = dotnet ? [schemaFile, outDir] : [schemaFile, "--language", language, "--out", outDir];
    const run = spawnSync(generator, args, { encoding: "utf8" });
    if (run.error || run.status !== 0) {
        throw new Error(
            `${generator} ${language} failed (${run.error?.message ?? `exit ${String(run.status)}`}); run npm run engine first\n${run.stderr}${run.stdout}`,
        );
    }
    if (language === "go") {
        const versionFile = join(outDir, "go", GO_VERSION_FILE);
        writeFileSync(versionFile, withGoSdkVersion(readFileSync(versionFile, "utf8"), schemaVersion(schemaFile)));
    }
}

if (require.main === module) {
    writeFileSync(SCHEMA_FILE, schemaText());
    const scratch = mkdtempSync(join(tmpdir(), "generate-sdks-"));
    try {
        for (const language of SDK_LANGUAGES) {
            generateSdk(SCHEMA_FILE, language, scratch);
            rmSync(join(SDKS_DIR, language), { recursive: true, force: true });
            cpSync(join(scratch, language), join(SDKS_DIR, language), { recursive: true });
            process.stdout.write(`wrote sdks/${language}\n`);
        }
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}
