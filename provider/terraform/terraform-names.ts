/**
 * The Terraform provider's names, all derived from the option table: the provider type, the data source, the
 * provider's attributes in the vocabulary of Alibaba Cloud's official Terraform provider (snake_case of the
 * option's official name, else of its own), the data source's arguments, and how messages name each place.
 */
import { CALL_ARGUMENT_NAMES, isSettingName, OPTION_DEFINITIONS, OptionName, SettingName, SETTING_NAMES, Vocabulary } from "../alibaba-client";

/** The provider type (`terraform-provider-<type>`, `required_providers { alicloudmessagecontacts = ... }`). */
export const PROVIDER_TYPE = "alicloudmessagecontacts";

/** The registry namespace of the provider's source address. */
export const PROVIDER_NAMESPACE = "pulumi-alicloud-message-contacts";

/** The provider's source address in `required_providers`: `pulumi-alicloud-message-contacts/alicloudmessagecontacts`. */
export const PROVIDER_SOURCE = `${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;

/** The data source's type. */
export const DATA_SOURCE_TYPE = `${PROVIDER_TYPE}_verifications`;

/** `accessKey` -> `access_key`, `maxAttempts` -> `max_attempts`. */
export function snakeCase(name: string): string {
    return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The provider attribute of a setting: `access_key`, `region`, `max_attempts`, `assume_role`. */
export function providerAttributeOf(name: SettingName): string {
    return snakeCase(OPTION_DEFINITIONS[name].places.setting?.official ?? name);
}

/** The provider's settings, in the table's order. */
export const PROVIDER_SETTINGS = SETTING_NAMES as readonly SettingName[];

/** The settings by provider attribute. */
export const SETTING_BY_ATTRIBUTE: ReadonlyMap<string, SettingName> = new Map(PROVIDER_SETTINGS.map((name) => [providerAttributeOf(name), name]));

/**
 * The endpoints a provider's `endpoints` block takes, by service code as the official provider spells them: the
 * API's (`resourcemanager`; the client also reads `resourcedirectory`) and STS's, for `assume_role`.
 */
export const ENDPOINT_SERVICE_CODES = ["resourcemanager", "sts"] as const;

/**
 * Arguments that belong to the provider in Terraform rather than to one read: where the service is (endpoint,
 * its type, the region, STS) and credentials; and `timeoutMs`, which the `timeouts { read }` block gives.
 */
const NOT_PER_READ: readonly OptionName[] = ["endpoint", "endpointType", "region", "stsEndpoint", "timeoutMs"];

/** The data source's arguments: the per-read call arguments of the table (`contact_id`, `page_size`, `output_file`, ...). */
export const DATA_SOURCE_ARGUMENTS: readonly OptionName[] = CALL_ARGUMENT_NAMES.filter(
    (name) => OPTION_DEFINITIONS[name].secret !== true && !NOT_PER_READ.includes(name),
);

/** How messages name the places a Terraform user sets options in: the data source's arguments, the provider's attributes. */
export const TERRAFORM_VOCABULARY: Vocabulary = {
    argument: (name) => (DATA_SOURCE_ARGUMENTS.includes(name) ? { prefix: "argument ", key: snakeCase(name) } : undefined),
    setting: (name) => (isSettingName(name) ? { prefix: "provider attribute ", key: providerAttributeOf(name) } : undefined),
};
