/**
 * The plugin's configuration: `alicloud-message-contacts:<key>` in stack config (the default provider) or an
 * explicit provider's inputs. Its keys are the option table's settings, by the name Alibaba Cloud's official
 * providers give them (`accessKey`, `secretKey`, `region`, ...) or by this package's (`endpoint`, `concurrency`, ...);
 * values are read and checked by the same function as the dynamic provider's, and every message names the plugin's
 * key. Absent keys fall back to the environment and files chain.
 */
import { isSettingName, OPTION_DEFINITIONS, ProviderSettings, readSettings, SettingName, SETTING_NAMES, Vocabulary } from "../alibaba-client";
import type { PropertyFailure, Props } from "../listing-resource";
import { PACKAGE_NAME } from "../pulumi-names";
import { containsUnknown } from "../wire-format";

/** The plugin's key of a setting: its official name (`accessKey`), else its own (`concurrency`). */
export function pluginKeyOf(name: SettingName): string {
    return OPTION_DEFINITIONS[name].places.setting?.official ?? name;
}

/** The plugin's keys, by the setting each gives. */
export const PLUGIN_KEYS: ReadonlyMap<string, SettingName> = new Map(SETTING_NAMES.map((name) => [pluginKeyOf(name as SettingName), name as SettingName]));

/** The full key of a plugin setting, as users set it: `alicloud-message-contacts:region`. */
export function pluginConfigKey(key: string): string {
    return `${PACKAGE_NAME}:${key}`;
}

/** How the plugin names its settings in messages: by their full keys. */
export const PLUGIN_VOCABULARY: Vocabulary = {
    setting: (name) => (isSettingName(name) ? { prefix: "", key: pluginConfigKey(pluginKeyOf(name)) } : undefined),
};

/** How the plugin's function names its places: its arguments, and the plugin's keys. */
export const FUNCTION_VOCABULARY: Vocabulary = {
    argument: (name) => ({ prefix: "argument ", key: name }),
    setting: PLUGIN_VOCABULARY.setting,
};

/** Keys the engine itself adds to a provider's inputs. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);

/** The plugin keys whose settings are secret (the schema marks them so). */
export const SECRET_PLUGIN_KEYS: readonly string[] = [...PLUGIN_KEYS].filter(([, name]) => OPTION_DEFINITIONS[name].secret === true).map(([key]) => key);

/** The plugin's configuration, read: the settings, the keys whose values are not known yet, and every problem. */
export interface PluginConfig {
    settings: ProviderSettings;
    /** Keys whose values are unknown (preview, a provider configured from another resource's outputs). */
    unknownKeys: string[];
    failures: PropertyFailure[];
}

/**
 * Reads the plugin's configuration (secrets already revealed; unknown values as the engine's sentinel). Unknown
 * values are neither checked nor used. Returns the settings and the failures naming each bad key, unknown keys
 * included, with the accepted values.
 */
export function readPluginConfig(values: Props): PluginConfig {
    const failures: PropertyFailure[] = [];
    const keys = [...PLUGIN_KEYS.keys()];
    for (const key of Object.keys(values)) {
        if (PLUGIN_KEYS.has(key) || ENGINE_KEYS.has(key) || key.startsWith("__")) continue;
        failures.push({ property: key, reason: `${pluginConfigKey(key)} is not a setting of ${PACKAGE_NAME}; the settings are ${keys.join(", ")}.` });
    }
    const unknownKeys = keys.filter((key) => containsUnknown(values[key]));
    const { settings, problems } = readSettings(
        (name) => values[pluginKeyOf(name)],
        (name) => ({ prefix: "", key: pluginConfigKey(pluginKeyOf(name)) }),
        (name) => unknownKeys.includes(pluginKeyOf(name)),
    );
    for (const problem of problems) failures.push({ property: pluginKeyOf(problem.option), reason: problem.message });
    return { settings, unknownKeys, failures };
}
