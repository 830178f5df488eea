/**
 * The Pulumi package schema of the provider plugin: the function and the resource that the TypeScript SDK
 * offers, documented for every language's generated SDK. `pulumi package get-schema` prints it, and the SDKs in
 * `sdks/` are generated from it.
 */
import { ARGUMENT_NAMES, descriptionText, documentation, OPTION_DEFINITIONS, OptionName, Rule, SettingName, SETTING_NAMES } from "../alibaba-client";
import { OUTPUT_DESCRIPTIONS, RESOURCE_INPUT_NAMES } from "../resource-shape";
import { goModulePath, packageManifest, PackageManifest, pluginDownloadUrl } from "../package-manifest";
import { FUNCTION_TOKEN, PACKAGE_NAME, RESOURCE_TOKEN } from "../pulumi-names";
import { pluginKeyOf } from "./plugin-config";

const VERIFICATION_TYPE = `${PACKAGE_NAME}:index:MessageContactVerification`;

/**
 * The Pythons the generated Python SDK accepts (its pyproject's `requires-python`): the `Requires-Python` of the
 * oldest Pulumi SDK it allows, `pulumi>=3.269.0` (the generator's floor). Without it the generator writes its own
 * default, `>=3.9`, which pip accepts and the Pulumi SDK then refuses.
 */
export const PYTHON_REQUIRES = ">=3.10";

/**
 * The Pulumi SDK the generated Python SDK requires: the pinned generator's own floor (its `MinimumValidSDKVersion`,
 * the release whose `Requires-Python` is {@link PYTHON_REQUIRES}), stated so that a newer generator cannot raise it
 * unseen.
 */
export const PYTHON_PULUMI_REQUIREMENT = ">=3.269.0,<4.0.0";

/** The Go package of the generated Go SDK, in its module (`<module path>/alicloudmessagecontacts`). */
export const GO_PACKAGE = "alicloudmessagecontacts";

/** The generated Python SDK's package, as imported and as named on PyPI. */
export const PYTHON_PACKAGE = "pulumi_alicloud_message_contacts";

/** A type in the schema's JSON form (of a list's items, a map's values): no description there. */
export interface SchemaType {
    type?: "string" | "integer" | "boolean" | "array" | "object";
    items?: SchemaType;
    additionalProperties?: SchemaType;
    $ref?: string;
}

/** A property in the schema's JSON form. */
export interface SchemaProperty extends SchemaType {
    description: string;
    secret?: boolean;
}

const string = (description: string, extra: Partial<SchemaProperty> = {}): SchemaProperty => ({ type: "string", description, ...extra });
const integer = (description: string): SchemaProperty => ({ type: "integer", description });

/** `assumeRole` -> `alicloud-message-contacts:index:AssumeRole`: the schema type of an object option. */
function objectTypeToken(name: string): string {
    return `${PACKAGE_NAME}:index:${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/** The schema type of a rule. */
function schemaType(rule: Rule, name: string): SchemaType {
    switch (rule.kind) {
        case "integer":
            return { type: "integer" };
        case "boolean":
            return { type: "boolean" };
        case "object":
            return { $ref: `#/types/${objectTypeToken(name)}` };
        case "map":
            return { type: "object", additionalProperties: { type: "string" } };
        default:
            return { type: "string" };
    }
}

/** An option as a schema property: its type, its documentation, and `secret` when the table says so. */
function optionProperty(name: OptionName): SchemaProperty {
    const option = OPTION_DEFINITIONS[name];
    return { ...schemaType(option.rule, name), description: documentation(name), ...(option.secret ? { secret: true } : {}) };
}

/** The named options as schema properties. */
function properties(names: readonly OptionName[]): Record<string, SchemaProperty> {
    return Object.fromEntries(names.map((name) => [name, optionProperty(name)]));
}

/** The object types the options use (`AssumeRole`). */
function optionTypes(): Record<string, unknown> {
    const types: Record<string, unknown> = {};
    for (const [name, option] of Object.entries(OPTION_DEFINITIONS)) {
        const rule = option.rule;
        if (rule.kind !== "object") continue;
        types[objectTypeToken(name)] = {
            type: "object",
            description: descriptionText(name as OptionName),
            properties: Object.fromEntries(
                Object.entries(rule.fields).map(([field, f]) => [
                    field,
                    {
                        ...schemaType(f.rule, field),
                        description: f.rule.kind === "integer" ? `${f.description} From ${f.rule.min} to ${f.rule.max}.` : f.description,
                    },
                ]),
            ),
            required: Object.entries(rule.fields)
                .filter(([, f]) => f.required)
                .map(([field]) => field),
        };
    }
    return types;
}

/** The provider's configuration: `alicloud-message-contacts:<key>` in stack config, or the provider resource's inputs. */
export const CONFIG_VARIABLES: Record<string, SchemaProperty> = Object.fromEntries(
    (SETTING_NAMES as SettingName[]).map((name) => [pluginKeyOf(name), optionProperty(name)]),
);

/** The resource's inputs: the listing's, and `secretTargets`. */
const RESOURCE_INPUTS = properties([...RESOURCE_INPUT_NAMES, "secretTargets"]);

/** The listing's outputs. */
const LISTING: Record<string, SchemaProperty> = {
    totalCount: integer(OUTPUT_DESCRIPTIONS.totalCount),
    verifications: {
        type: "array",
        items: { $ref: `#/types/${VERIFICATION_TYPE}` },
        description: OUTPUT_DESCRIPTIONS.verifications,
    },
};

const RESOURCE_LISTING: Record<string, SchemaProperty> = {
    ...LISTING,
    targets: { type: "array", items: { type: "string" }, description: OUTPUT_DESCRIPTIONS.targets },
    pendingByTarget: {
        type: "object",
        additionalProperties: { type: "array", items: { type: "string" } },
        description: "Each target and the IDs of the contacts it is pending for, so that a diff names the targets that appeared and went away.",
    },
};

/** The package's name as the Pulumi registry shows it. */
export const DISPLAY_NAME = "Alibaba Cloud message contact verifications";

/** The package's one-line description (the registry's, PyPI's and the Go module's). */
export const PACKAGE_DESCRIPTION =
    "Reads the phone numbers and email addresses of Alibaba Cloud Resource Directory message contacts that are waiting to be verified (ListMessageContactVerifications), from every page.";

/**
 * The schema, with the package's version; license, repository, homepage, publisher, the plugin's download URL and
 * the SDKs' package names come from package.json (`manifest`; see package-manifest.ts).
 */
export function packageSchema(version: string, manifest: PackageManifest = packageManifest()): Record<string, unknown> {
    const goModule = goModulePath(manifest);
    return {
        name: PACKAGE_NAME,
        displayName: DISPLAY_NAME,
        version,
        description: PACKAGE_DESCRIPTION,
        keywords: ["pulumi", "alicloud", "alibaba-cloud", "resource-directory", "category/cloud", "kind/native"],
        homepage: manifest.homepage,
        repository: manifest.repository,
        license: manifest.license,
        publisher: manifest.owner,
        pluginDownloadURL: pluginDownloadUrl(manifest, PACKAGE_NAME),
        // supportPack: the generators write a self-contained package at the schema's version (the Go SDK's go.mod,
        // the Python SDK's version in code rather than read from installed metadata).
        meta: { moduleFormat: "(.*)", supportPack: true },
        config: { variables: CONFIG_VARIABLES },
        provider: {
            description: "The provider of alicloud-message-contacts: its settings and credentials for every listing.",
            inputProperties: CONFIG_VARIABLES,
        },
        types: {
            [VERIFICATION_TYPE]: {
                type: "object",
                description: OUTPUT_DESCRIPTIONS.verification,
                properties: {
                    contactId: string(OUTPUT_DESCRIPTIONS.verificationContactId),
                    target: string(OUTPUT_DESCRIPTIONS.verificationTarget),
                },
                required: ["contactId", "target"],
            },
            ...optionTypes(),
        },
        functions: {
            [FUNCTION_TOKEN]: {
                description:
                    "Lists the phone numbers and email addresses of Resource Directory message contacts that are waiting to be verified, from every page, as one consistent, complete list (or an error, never a partial list). Runs at preview too.",
                inputs: { properties: properties(ARGUMENT_NAMES) },
                outputs: {
                    properties: {
                        id: string(OUTPUT_DESCRIPTIONS.id),
                        contactId: string("The contact the listing is filtered to, when contactId was given."),
                        ...LISTING,
                    },
                    required: ["id", "totalCount", "verifications"],
                },
            },
        },
        resources: {
            [RESOURCE_TOKEN]: {
                description:
                    "Records the pending verifications in the stack's state, so that they show in stack outputs, can be checked by policy packs, and are read again by every preview, up and refresh. Creating, updating or deleting it changes nothing in Alibaba Cloud.",
                inputProperties: RESOURCE_INPUTS,
                properties: { ...RESOURCE_INPUTS, ...RESOURCE_LISTING },
                required: Object.keys(RESOURCE_LISTING),
            },
        },
        language: {
            // Node.js programs use the npm package itself (its get functions and dynamic resource): no SDK is generated.
            nodejs: { packageName: manifest.name, respectSchemaVersion: true },
            python: {
                packageName: PYTHON_PACKAGE,
                respectSchemaVersion: true,
                pythonRequires: PYTHON_REQUIRES,
                requires: { pulumi: PYTHON_PULUMI_REQUIREMENT },
                pyproject: { enabled: true },
            },
            go: {
                importBasePath: `${goModule}/${GO_PACKAGE}`,
                modulePath: goModule,
                generateResourceContainerTypes: true,
                respectSchemaVersion: true,
            },
            csharp: { rootNamespace: "PulumiAlicloudMessageContacts", respectSchemaVersion: true },
        },
    };
}
