/**
 * The names of the release's artefacts, from the names the providers already use (the Pulumi package's name,
 * the Terraform provider's type and executable): Pulumi's plugin archives
 * (`pulumi-resource-<package>-v<version>-<goos>-<goarch>.tar.gz`, the executable at the root), and the Terraform
 * registry's release files (`terraform-provider-<type>_<version>_<goos>_<goarch>.zip` holding
 * `terraform-provider-<type>_v<version>`, the `_SHA256SUMS`, its `.sig`, and the `_manifest.json`).
 */
import { PLUGIN_EXECUTABLE_NAME } from "../provider/pulumi-names";
import { EXECUTABLE_NAME as TERRAFORM_EXECUTABLE, PROTOCOL_VERSION } from "../provider/terraform/handshake";
import { executableSuffix, Platform } from "./platforms";

/** The Pulumi plugin's executable: `pulumi-resource-alicloud-message-contacts`. */
export const PULUMI_EXECUTABLE = PLUGIN_EXECUTABLE_NAME;

/** A version as releases name it: `1.2.3` or `1.2.3-beta.1` (no leading `v`), or an error naming it. */
export function checkVersion(version: string): string {
    if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`version: "${version}" is not a semantic version such as 1.2.3`);
    return version;
}

/** The Pulumi plugin archive of a platform. */
export function pulumiArchiveName(version: string, platform: Platform): string {
    return `${PULUMI_EXECUTABLE}-v${checkVersion(version)}-${platform.goos}-${platform.goarch}.tar.gz`;
}

/** The executable's name inside the Pulumi archive (`.exe` on Windows). */
export function pulumiExecutableName(platform: Platform): string {
    return `${PULUMI_EXECUTABLE}${executableSuffix(platform)}`;
}

/** The Terraform provider zip of a platform. */
export function terraformZipName(version: string, platform: Platform): string {
    return `${TERRAFORM_EXECUTABLE}_${checkVersion(version)}_${platform.goos}_${platform.goarch}.zip`;
}

/** The executable inside the Terraform zip: `terraform-provider-<type>_v<version>` (`.exe` on Windows). */
export function terraformExecutableName(version: string, platform: Platform): string {
    return `${TERRAFORM_EXECUTABLE}_v${checkVersion(version)}${executableSuffix(platform)}`;
}

/** The checksums file of the Terraform release. */
export function terraformSumsName(version: string): string {
    return `${TERRAFORM_EXECUTABLE}_${checkVersion(version)}_SHA256SUMS`;
}

/** The detached signature of the checksums file. */
export function terraformSumsSignatureName(version: string): string {
    return `${terraformSumsName(version)}.sig`;
}

/** The registry manifest of the Terraform release. */
export function terraformManifestName(version: string): string {
    return `${TERRAFORM_EXECUTABLE}_${checkVersion(version)}_manifest.json`;
}

/** The plugin protocol versions the provider serves, as the registry manifest lists them: `["6.0"]`. */
export const TERRAFORM_PROTOCOL_VERSIONS: readonly string[] = [`${PROTOCOL_VERSION}.0`];

/** The registry manifest's text: `{"version":1,"metadata":{"protocol_versions":["6.0"]}}` and a newline. */
export function terraformManifest(): string {
    return `${JSON.stringify({ version: 1, metadata: { protocol_versions: TERRAFORM_PROTOCOL_VERSIONS } })}\n`;
}
