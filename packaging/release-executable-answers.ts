/**
 * What the release's single executable answers to the flags it reads before serving (`sea-entry.ts`): its version,
 * its help (what it serves under each protocol), and, for `--write-mirror`, that the flag belongs to the npm
 * package's provider, with the route that serves the release instead. Bundled into the executable and loaded only
 * for those flags.
 */
import { ProviderCommand, USAGE_ERROR_EXIT, wrapText } from "../provider/plugin-process/command-line";
import { PLUGIN_DESCRIPTION } from "../provider/plugin/plugin-help";
import { PLUGIN_EXECUTABLE_NAME } from "../provider/pulumi-names";
import { EXECUTABLE_NAME as TERRAFORM_EXECUTABLE } from "../provider/terraform/handshake";
import { REGISTRY_HOSTS } from "../provider/terraform/mirror-layout";
import { PROVIDER_DESCRIPTION } from "../provider/terraform/provider-help";
import { WRITE_MIRROR_FLAG } from "../provider/terraform/provider-flags";
import { PROVIDER_NAMESPACE, PROVIDER_TYPE } from "../provider/terraform/terraform-names";

/** What the executable prints, where, and its exit code. */
export interface Answer {
    stdout: string;
    stderr: string;
    exitCode: number;
}

/** `--help` of the release's executable, `name` being how it was started (either archive's name for it). */
export function releaseHelp(name: string): string {
    return `Usage: ${name} [--version | --help]

${wrapText(
    `The release's single executable (Node.js inside: no Node.js needed), shipped as ${PLUGIN_EXECUTABLE_NAME} in the Pulumi plugin's .tar.gz and as ${TERRAFORM_EXECUTABLE}_v<version> in the Terraform zips. Not a command to run by hand: it serves the protocol of whoever starts it.`,
)}

Started by tofu or terraform:
${PROVIDER_DESCRIPTION}

Started otherwise:
${PLUGIN_DESCRIPTION}

Options:
  --help, -h   show this help
  --version    show the version
`;
}

/** Why `--write-mirror` is not this executable's, and what serves the release instead. */
export function writeMirrorRefusal(name: string): string {
    const folder = `${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
    return (
        `${name}: ${WRITE_MIRROR_FLAG} belongs to the npm package's provider (npx ${TERRAFORM_EXECUTABLE} ${WRITE_MIRROR_FLAG} DIR, ` +
        `which writes a launcher of the installed package); this is the release's executable. To install the release ` +
        `without a registry, copy its zip into a filesystem mirror, for both registry hosts: ` +
        `${REGISTRY_HOSTS.map((host) => `<mirror>/${host}/${folder}/`).join(" and ")} (the README's "A filesystem mirror").`
    );
}

/** The answer to a command that is not `serve`. */
export function releaseAnswer(command: Exclude<ProviderCommand, { kind: "serve" }>, name: string, version: string): Answer {
    switch (command.kind) {
        case "version":
            return { stdout: `${version}\n`, stderr: "", exitCode: 0 };
        case "help":
            return { stdout: releaseHelp(name), stderr: "", exitCode: 0 };
        case "flag":
            return { stdout: "", stderr: `${writeMirrorRefusal(name)}\n`, exitCode: USAGE_ERROR_EXIT };
        case "usage-error":
            return { stdout: "", stderr: `${command.message}\n`, exitCode: USAGE_ERROR_EXIT };
    }
}
