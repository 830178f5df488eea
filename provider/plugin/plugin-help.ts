/**
 * What the provider plugin's executable says of itself (`--help`): what it serves, and that the Pulumi engine, not
 * a user, starts it. Loaded only for `--help`.
 */
import { wrapText } from "../plugin-process/command-line";
import { FUNCTION_TOKEN, PACKAGE_NAME, PLUGIN_EXECUTABLE_NAME, RESOURCE_TOKEN } from "../pulumi-names";

/** What the plugin is and how it runs, without the usage line (the release's executable says it too). */
export const PLUGIN_DESCRIPTION = wrapText(`The Pulumi provider plugin of the package ${PACKAGE_NAME}, for YAML, Python and Go programs: the
function ${FUNCTION_TOKEN} and the resource
${RESOURCE_TOKEN}. The Pulumi engine starts it (from a Pulumi.yaml
plugins path, PATH, or ~/.pulumi/plugins, where pulumi plugin install and the engine's download put it); it prints
the port it serves on, reads stack config ${PACKAGE_NAME}:<key>, and exits when the engine goes. The engine's
arguments (its address, --logtostderr, -v=N, --tracing URL) are accepted and not needed.`);

/** `--help` of the npm package's plugin. */
export function pluginHelp(): string {
    return `Usage: ${PLUGIN_EXECUTABLE_NAME} [--version | --help]

${PLUGIN_DESCRIPTION}

Options:
  --help, -h   show this help
  --version    show the version
`;
}
