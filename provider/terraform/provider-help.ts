/**
 * What the Terraform provider's executable says of itself (`--help`): what it serves, that tofu and terraform
 * start it, and `--write-mirror`. Loaded only for `--help`.
 */
import { wrapText } from "../plugin-process/command-line";
import { EXECUTABLE_NAME, MAGIC_COOKIE_KEY } from "./handshake";
import { REGISTRY_HOSTS } from "./mirror-layout";
import { WRITE_MIRROR_FLAG } from "./provider-flags";
import { DATA_SOURCE_TYPE, PROVIDER_SOURCE, PROVIDER_TYPE } from "./terraform-names";

/** What the provider is and how it runs, without the usage line (the release's executable says it too). */
export const PROVIDER_DESCRIPTION = wrapText(`The Terraform and OpenTofu provider ${PROVIDER_TYPE} (source address ${PROVIDER_SOURCE},
plugin protocol 6), with the data source ${DATA_SOURCE_TYPE}. tofu and terraform start it (with
${MAGIC_COOKIE_KEY} set) when a configuration uses the provider; started otherwise, it says so and exits 1.`);

/** `--help` of the npm package's provider. */
export function providerHelp(): string {
    return `Usage: ${EXECUTABLE_NAME} [--version | --help | ${WRITE_MIRROR_FLAG} DIR]

${PROVIDER_DESCRIPTION}

Options:
  ${WRITE_MIRROR_FLAG} DIR   write a filesystem_mirror into DIR (for ${REGISTRY_HOSTS.join(" and ")})
                       whose launcher runs this installed npm package with this Node.js; then point
                       provider_installation's filesystem_mirror at DIR
  --help, -h           show this help
  --version            show the version
`;
}
