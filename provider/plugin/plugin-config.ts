/**
 * The plugin's configuration: `alicloud-message-contacts:<key>` in stack config (the default provider) or an
 * explicit provider's inputs. It is read into the same {@link StackSettings} as the dynamic provider's
 * `alicloud:*` keys, by the same function, so both providers accept and refuse the same values; errors name the
 * plugin's key. Absent keys fall back to the environment and files chain.
 */
import { parseEndpoint } from "../alibaba-client/endpoint";
import { InvalidArgumentError } from "../alibaba-client/errors";
import { PACKAGE_CONFIG_NAMESPACE, readStackSettings, STACK_CONFIG_KEYS, StackSettings } from "../alibaba-client/stack-settings";
import type { PropertyFailure, Props } from "../listing-resource";
import { CONFIG_VARIABLES, PACKAGE_NAME } from "./schema";

/** The stack config key the dynamic provider reads, for each plugin key read through {@link readStackSettings}. */
const STACK_KEY_OF: Readonly<Record<string, string>> = {
    accessKey: STACK_CONFIG_KEYS.accessKeyId,
    secretKey: STACK_CONFIG_KEYS.accessKeySecret,
    securityToken: STACK_CONFIG_KEYS.securityToken,
    region: STACK_CONFIG_KEYS.region,
    profile: STACK_CONFIG_KEYS.profile,
    assumeRole: STACK_CONFIG_KEYS.assumeRole,
    endpointType: STACK_CONFIG_KEYS.endpointType,
    maxAttempts: `${PACKAGE_CONFIG_NAMESPACE}:maxAttempts`,
    timeoutMs: `${PACKAGE_CONFIG_NAMESPACE}:timeoutMs`,
    concurrency: `${PACKAGE_CONFIG_NAMESPACE}:concurrency`,
    consistency: `${PACKAGE_CONFIG_NAMESPACE}:consistency`,
};

/** Keys the engine itself adds to a provider's inputs. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);

/** The full key of a plugin setting, as users set it. */
export function pluginConfigKey(key: string): string {
    return `${PACKAGE_NAME}:${key}`;
}

/** A config value as text: config arrives as strings, or as numbers and objects from typed (YAML) config. */
function asText(value: unknown): string | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Reads the plugin's configuration (secrets already revealed). Returns the settings, or the failures naming
 * each bad key, unknown keys included, with the accepted values.
 */
export function readPluginConfig(values: Props): { settings: StackSettings; failures: PropertyFailure[] } {
    const failures: PropertyFailure[] = [];
    for (const key of Object.keys(values)) {
        if (key in CONFIG_VARIABLES || ENGINE_KEYS.has(key) || key.startsWith("__")) continue;
        failures.push({
            property: key,
            reason: `${pluginConfigKey(key)} is not a setting of ${PACKAGE_NAME}; the settings are ${Object.keys(CONFIG_VARIABLES).join(", ")}.`,
        });
    }
    const byStackKey = new Map(Object.entries(STACK_KEY_OF).map(([key, stackKey]) => [stackKey, key]));
    let settings: StackSettings = {};
    try {
        settings = readStackSettings((stackKey) => {
            const key = byStackKey.get(stackKey);
            return key === undefined ? undefined : asText(values[key]);
        });
    } catch (error) {
        if (!(error instanceof InvalidArgumentError)) throw error;
        const key = byStackKey.get(error.field) ?? error.field;
        // The shared reader names the dynamic provider's keys; the plugin's users set the plugin's.
        failures.push({ property: key, reason: error.message.split(error.field).join(pluginConfigKey(key)) });
    }
    const endpoint = asText(values.endpoint);
    if (endpoint !== undefined) {
        settings.endpoints = { ...settings.endpoints, resourcedirectory: endpoint };
        try {
            // Parsed now as every listing will parse it, so a bad endpoint fails the configuration, naming the key.
            parseEndpoint(endpoint, pluginConfigKey("endpoint"));
        } catch (error) {
            if (!(error instanceof InvalidArgumentError)) throw error;
            failures.push({ property: "endpoint", reason: error.message });
        }
    }
    return { settings, failures };
}
