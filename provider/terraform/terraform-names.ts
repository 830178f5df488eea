/**
 * The Terraform provider's names, all derived from the option table: the provider type, the data source, the
 * provider's attributes in the vocabulary of Alibaba Cloud's official Terraform provider (snake_case of the
 * option's official name, else of its own), the data source's arguments, and how messages name each place.
 */
import {
    CALL_ARGUMENT_NAMES,
    DocWords,
    isSettingName,
    OPTION_DEFINITIONS,
    OptionName,
    Place,
    SettingName,
    SETTING_NAMES,
    Vocabulary,
} from "../alibaba-client/validation";

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

/** Whether a setting is a block in Terraform (an object or a map) rather than an attribute. */
export function isBlockSetting(name: OptionName): boolean {
    const kind = OPTION_DEFINITIONS[name].rule.kind;
    return kind === "object" || kind === "map";
}

/** The provider's settings, in the table's order. */
export const PROVIDER_SETTINGS = SETTING_NAMES as readonly SettingName[];

/** The settings by provider attribute. */
export const SETTING_BY_ATTRIBUTE: ReadonlyMap<string, SettingName> = new Map(PROVIDER_SETTINGS.map((name) => [providerAttributeOf(name), name]));

/** The read's time limit: the table's `timeoutMs`, which a data source takes as its `timeouts` block's `read` (a duration). */
export const READ_TIMEOUT = { option: "timeoutMs", block: "timeouts", attribute: "read" } as const satisfies {
    option: OptionName;
    block: string;
    attribute: string;
};

/**
 * Arguments that belong to the provider in Terraform rather than to one read: where the service is (endpoint,
 * its type, the region, STS) and credentials; and the time limit, which the `timeouts { read }` block gives.
 */
const NOT_PER_READ: readonly OptionName[] = ["endpoint", "endpointType", "region", "stsEndpoint", READ_TIMEOUT.option];

/** The data source's arguments: the per-read call arguments of the table (`contact_id`, `page_size`, `output_file`, ...). */
export const DATA_SOURCE_ARGUMENTS: readonly OptionName[] = CALL_ARGUMENT_NAMES.filter(
    (name) => OPTION_DEFINITIONS[name].secret !== true && !NOT_PER_READ.includes(name),
);

/** A provider attribute as a place: `provider attribute region`, `provider attribute assume_role.role_arn`. */
export function providerPlace(attribute: string): Place {
    return { prefix: "provider attribute ", key: attribute };
}

/** Where a data source's argument is set: `argument page_size`; the time limit in `timeouts.read`. */
function argumentPlace(name: OptionName): Place | undefined {
    if (name === READ_TIMEOUT.option) return { prefix: "", key: `${READ_TIMEOUT.block}.${READ_TIMEOUT.attribute}` };
    return DATA_SOURCE_ARGUMENTS.includes(name) ? { prefix: "argument ", key: snakeCase(name) } : undefined;
}

/** How messages name the places a Terraform user sets options in: the data source's arguments, the provider's attributes. */
export const TERRAFORM_VOCABULARY: Vocabulary = {
    argument: argumentPlace,
    setting: (name) => (isSettingName(name) ? providerPlace(providerAttributeOf(name)) : undefined),
};

/** How Terraform's docs speak: each option by its data source argument or provider attribute; no resource. */
export const TERRAFORM_WORDS: DocWords = {
    nameOf: (name) => argumentPlace(name)?.key ?? (isSettingName(name) ? providerAttributeOf(name) : snakeCase(name)),
    resource: false,
};
