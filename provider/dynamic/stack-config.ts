/**
 * The stack config a Node.js program and its dynamic provider read: `@pulumi/alicloud`'s own keys
 * (`alicloud:accessKey`, `alicloud:region`, ...) for the settings Alibaba Cloud's official providers have, so that
 * users configure nothing twice, and `alicloud-message-contacts:<name>` for this package's own. Every key derives
 * from the option table; the program's get functions and the dynamic provider read the same keys with the same
 * function, so they resolve the same settings.
 */
import { InvalidArgumentError, OPTION_DEFINITIONS, isSettingName, ProviderSettings, readSettings, SettingName, Vocabulary } from "../alibaba-client";
import { PACKAGE_NAME } from "../pulumi-names";

/** The namespace of `@pulumi/alicloud`'s config, whose keys the official settings share. */
export const ALICLOUD_NAMESPACE = "alicloud";

/** The stack config key of a setting: `alicloud:accessKey`, `alicloud-message-contacts:concurrency`. */
export function stackConfigKey(name: SettingName): string {
    const official = OPTION_DEFINITIONS[name].places.setting?.official;
    return official ? `${ALICLOUD_NAMESPACE}:${official}` : `${PACKAGE_NAME}:${name}`;
}

/** How the dynamic provider names its settings: `stack config alicloud:accessKey`. */
export const STACK_CONFIG_VOCABULARY: Vocabulary = {
    setting: (name) => (isSettingName(name) ? { prefix: "stack config ", key: stackConfigKey(name) } : undefined),
};

/** How a program's get functions name their places: their arguments, and the stack config. */
export const PROGRAM_VOCABULARY: Vocabulary = {
    argument: (name) => ({ prefix: "argument ", key: name }),
    setting: STACK_CONFIG_VOCABULARY.setting,
};

/**
 * Reads the settings through a getter of full config keys (`alicloud:region`): the program's
 * `pulumi.runtime.getConfig` or the dynamic provider's `Config.get`. Throws {@link InvalidArgumentError} naming
 * the first bad key (and listing every problem).
 */
export function readStackConfig(get: (key: string) => string | undefined): ProviderSettings {
    const { settings, problems } = readSettings(
        (name) => get(stackConfigKey(name)),
        (name) => ({ prefix: "stack config ", key: stackConfigKey(name) }),
    );
    const first = problems[0];
    if (first) throw new InvalidArgumentError(stackConfigKey(first.option), problems.map((p) => p.message).join(" "));
    return settings;
}
