/**
 * The Pulumi package schema of the provider plugin: the function and the resource that the TypeScript SDK
 * offers, documented for every language's generated SDK. `pulumi package get-schema` prints it, and the SDKs in
 * `sdks/` are generated from it.
 */
import {
    AS_NAMED,
    CALL_ARGUMENT_NAMES,
    describe,
    descriptionText,
    documentation,
    LISTING_DESCRIPTION,
    objectTypesIn,
    OPTION_DEFINITIONS,
    OptionName,
    OUTPUT_DEFINITIONS,
    OUTPUT_NAMES,
    OutputPlace,
    outputsAt,
    OutputType,
    requiredOutputsAt,
    Rule,
    SettingName,
    SETTING_NAMES,
    writeType,
} from "../alibaba-client";
import { RESOURCE_INPUT_NAMES } from "../resource-shape";
import { goModulePath, packageManifest, PackageManifest, pluginDownloadUrl } from "../package-manifest";
import { FUNCTION_TOKEN, PACKAGE_NAME, RESOURCE_TOKEN } from "../pulumi-names";
import { pluginKeyOf } from "./plugin-config";

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

/** The schema type of an output's type: an object type by reference to its declaration in `types`. */
function outputSchemaType(type: OutputType): SchemaType {
    return writeType<SchemaType>(type, {
        string: { type: "string" },
        integer: { type: "integer" },
        list: (items) => ({ type: "array", items }),
        map: (values) => ({ type: "object", additionalProperties: values }),
        object: (object) => ({ $ref: `#/types/${objectTypeToken(object.name)}` }),
    });
}

/** The outputs at `place` as schema properties, described in the schema's words (names as they are). */
function outputProperties(place: OutputPlace): Record<string, SchemaProperty> {
    return Object.fromEntries(
        outputsAt(place).map((name) => {
            const output = OUTPUT_DEFINITIONS[name];
            return [name, { ...outputSchemaType(output.type), description: describe(output.description, AS_NAMED) }];
        }),
    );
}

/** The object types the outputs use (`MessageContactVerification`), every field required. */
function outputTypes(): Record<string, unknown> {
    const objects = OUTPUT_NAMES.flatMap((name) => objectTypesIn(OUTPUT_DEFINITIONS[name].type));
    return Object.fromEntries(
        objects.map((object) => [
            objectTypeToken(object.name),
            {
                type: "object",
                description: describe(object.description, AS_NAMED),
                properties: Object.fromEntries(
                    Object.entries(object.fields).map(([field, { type, description }]) => [
                        field,
                        { ...outputSchemaType(type), description: describe(description, AS_NAMED) },
                    ]),
                ),
                required: Object.keys(object.fields),
            },
        ]),
    );
}

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
        types: { ...outputTypes(), ...optionTypes() },
        functions: {
            [FUNCTION_TOKEN]: {
                description: `${LISTING_DESCRIPTION} Runs at preview too.`,
                inputs: { properties: properties(CALL_ARGUMENT_NAMES) },
                outputs: { properties: outputProperties("result"), required: requiredOutputsAt("result") },
            },
        },
        resources: {
            [RESOURCE_TOKEN]: {
                description:
                    "Records the pending verifications in the stack's state, so that they show in stack outputs, can be checked by policy packs, and are read again by every preview, up and refresh. Creating, updating or deleting it changes nothing in Alibaba Cloud.",
                inputProperties: RESOURCE_INPUTS,
                properties: { ...RESOURCE_INPUTS, ...outputProperties("resourceOutput") },
                required: requiredOutputsAt("resourceOutput"),
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
