/**
 * The package's names in Pulumi: the package (the plugin is `pulumi-resource-<name>`, its config keys are
 * `<name>:<key>`), the function's token, and the resource's type tokens, the dynamic provider's and the plugin's.
 */

/** The Pulumi package's name. */
export const PACKAGE_NAME = "alicloud-message-contacts";
/** The provider plugin's executable, as the engine finds it: `pulumi-resource-<package>`. */
export const PLUGIN_EXECUTABLE_NAME = `pulumi-resource-${PACKAGE_NAME}`;
/** The function's token (the plugin's function, and what Pulumi's mocks see for the TypeScript function). */
export const FUNCTION_TOKEN = `${PACKAGE_NAME}:index:getMessageContactVerifications`;
/** The plugin resource's type token. */
export const RESOURCE_TOKEN = `${PACKAGE_NAME}:index:MessageContactVerifications`;

/** The module part of the dynamic resource's type token. */
export const RESOURCE_MODULE = "alicloud";
/** The type part of the dynamic resource's type token. */
export const RESOURCE_TYPE = "MessageContactVerifications";
/** The dynamic resource's type token, `pulumi-nodejs:dynamic/alicloud:MessageContactVerifications`. */
export const RESOURCE_TYPE_TOKEN = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE}`;

/**
 * Every type a `MessageContactVerifications` has in a stack's state: the dynamic resource of Node.js programs
 * (`pulumi-nodejs:dynamic/alicloud:MessageContactVerifications`) and the provider plugin's resource of YAML,
 * Python and Go programs (`alicloud-message-contacts:index:MessageContactVerifications`). Both record the same
 * outputs (the output table's `resourceOutput`s): policy packs select the resource by these.
 */
export const RESOURCE_TYPE_TOKENS: readonly string[] = Object.freeze([RESOURCE_TYPE_TOKEN, RESOURCE_TOKEN]);
