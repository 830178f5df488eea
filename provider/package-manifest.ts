/**
 * The facts about this package that its package.json holds (name, license, repository, homepage), and what
 * follows from the repository: where a Pulumi plugin is downloaded from (`github://api.github.com/<owner>`) and the
 * generated Go SDK's module path. Each fact is written once, in package.json: a fork changes `repository` there,
 * runs `npm run generate` (which copies the facts into `package-facts.ts`, for the single executable, which has no
 * package.json) and `npm run sdks`, and the schema, the SDKs and the docs follow.
 */
import { z } from "zod";
import { PACKAGE_JSON_FACTS } from "./package-facts";
import { NPM_PACKAGE_NAME } from "./package-version";

export { NPM_PACKAGE_NAME };

/** `git+https://github.com/<owner>/<name>.git`, `https://github.com/<owner>/<name>`, `github:<owner>/<name>`. */
const GITHUB_REPOSITORY = /^(?:git\+)?(?:https:\/\/github\.com\/|github:)([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/;

const Manifest = z.object({
    name: z.literal(NPM_PACKAGE_NAME),
    license: z.string().min(1),
    homepage: z.string().url().optional(),
    repository: z.union([z.string(), z.object({ type: z.literal("git"), url: z.string() })]),
});

/** The fields of package.json that {@link PackageManifest} is read from (`npm run generate` copies them). */
export const MANIFEST_FIELDS = ["name", "license", "homepage", "repository"] as const;

/** What package.json says about the package, and what its GitHub repository implies. */
export interface PackageManifest {
    /** The npm package's name (also the Node.js SDK's name: Node.js programs use this package directly). */
    name: string;
    /** The SPDX license expression. */
    license: string;
    /** The repository's owner on GitHub (a user or an organisation). */
    owner: string;
    /** The repository's name on GitHub. */
    repositoryName: string;
    /** `https://github.com/<owner>/<name>`. */
    repository: string;
    /** package.json's `homepage`, else the repository's README. */
    homepage: string;
}

/** Reads a package.json's content as a {@link PackageManifest}; throws naming the field that is missing or wrong. */
export function parseManifest(packageJson: unknown): PackageManifest {
    const parsed = Manifest.safeParse(packageJson);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`package.json: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
    }
    const manifest = parsed.data;
    const url = typeof manifest.repository === "string" ? manifest.repository : manifest.repository.url;
    const match = GITHUB_REPOSITORY.exec(url);
    if (!match?.[1] || !match[2]) {
        throw new Error(`package.json: repository must be a GitHub repository (https://github.com/<owner>/<name>), got ${JSON.stringify(url)}`);
    }
    const repository = `https://github.com/${match[1]}/${match[2]}`;
    return {
        name: manifest.name,
        license: manifest.license,
        owner: match[1],
        repositoryName: match[2],
        repository,
        homepage: manifest.homepage ?? `${repository}#readme`,
    };
}

/** This package's {@link PackageManifest}, from the facts `npm run generate` copied from package.json. */
export function packageManifest(): PackageManifest {
    return parseManifest(PACKAGE_JSON_FACTS);
}

/**
 * Where the Pulumi CLI downloads the plugin from: `github://api.github.com/<owner>`, the releases of
 * `<owner>/pulumi-<plugin name>` (the CLI's default repository name), or `github://api.github.com/<owner>/<name>`
 * when the repository has another name. The release assets are `pulumi-resource-<plugin>-v<version>-<os>-<arch>.tar.gz`.
 */
export function pluginDownloadUrl(manifest: PackageManifest, pluginName: string): string {
    const base = `github://api.github.com/${manifest.owner}`;
    return manifest.repositoryName === `pulumi-${pluginName}` ? base : `${base}/${manifest.repositoryName}`;
}

/** The folder of the repository that holds the generated Go SDK's module (its go.mod). */
export const GO_SDK_FOLDER = "sdks/go";

/** The generated Go SDK's module path: `github.com/<owner>/<name>/sdks/go`, the folder that holds its go.mod. */
export function goModulePath(manifest: PackageManifest): string {
    return `github.com/${manifest.owner}/${manifest.repositoryName}/${GO_SDK_FOLDER}`;
}
