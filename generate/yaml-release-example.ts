/**
 * `examples/yaml-release/Pulumi.yaml`: examples/yaml's program for users of the release, who install no npm
 * package: instead of `plugins:` pointing at `./node_modules/.bin`, the function's and the resource's `options`
 * name the plugin's version and download URL, so the Pulumi CLI downloads and installs the plugin on first use
 * (pulumi-yaml reports both to the engine as the package's requirements). Written from examples/yaml/Pulumi.yaml,
 * package.json's version and the download URL by `npm run generate`. Pure.
 */

/** The generated example, relative to the repository. */
export const YAML_RELEASE_EXAMPLE_FILE = "examples/yaml-release/Pulumi.yaml";

/** The example it is written from. */
export const YAML_EXAMPLE_FILE = "examples/yaml/Pulumi.yaml";

/** `text` with `pattern`'s one match replaced, or an error naming what examples/yaml lacks. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
    const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`)) ?? [];
    if (matches.length !== 1) throw new Error(`${YAML_EXAMPLE_FILE}: expected one ${what}, found ${matches.length}`);
    return text.replace(pattern, replacement);
}

/** The release example's text, from examples/yaml's `yaml`, the plugin's `version` and its `downloadUrl`. */
export function yamlReleaseExample(yaml: string, version: string, downloadUrl: string): string {
    const options = (indent: string) => `${indent}options:\n${indent}  version: ${version}\n${indent}  pluginDownloadURL: ${downloadUrl}\n`;
    let text = replaceOnce(yaml, /^name: (\S+)$/m, "name: $1-release", "name: line");
    text = replaceOnce(
        text,
        /\n(#[^\n]*\n)*plugins:\n {2}providers:\n {4}- name: [^\n]+\n {6}path: [^\n]+\n/,
        [
            "",
            "# The plugin comes from the release: the function's and the resource's options name its version and download URL,",
            "# and the Pulumi CLI downloads it on first use (from the repository's releases; PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES",
            "# points that URL at a mirror of the release's pulumi-resource-*.tar.gz files). No Node.js, no npm install.",
            "",
        ].join("\n"),
        "plugins: section naming a path",
    );
    text = replaceOnce(text, /( {6}function: [^\n]+\n {6}arguments:\n(?: {8}[^\n]+\n)+)/, `$1${options("      ")}`, "fn::invoke with arguments");
    text = replaceOnce(text, /( {4}type: [^\n]+\n {4}properties:\n(?: {6}[^\n]+\n)+)/, `$1${options("    ")}`, "resource with properties");
    return text;
}
