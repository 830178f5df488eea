/**
 * The Pulumi package schema of the provider plugin: the function and the resource that the TypeScript SDK
 * offers, documented for every language's generated SDK. `pulumi package get-schema` prints it, and the SDKs in
 * `sdks/` are generated from it.
 */
import { MAX_PAGE_SIZE } from "../alibaba-client/operation/operation";

/** The package's name: the plugin is `pulumi-resource-<name>`, config keys are `<name>:<key>`. */
export const PACKAGE_NAME = "alicloud-message-contacts";
/** The function's token. */
export const FUNCTION_TOKEN = `${PACKAGE_NAME}:index:getMessageContactVerifications`;
/** The resource's token. */
export const RESOURCE_TOKEN = `${PACKAGE_NAME}:index:MessageContactVerifications`;
const VERIFICATION_TYPE = `${PACKAGE_NAME}:index:MessageContactVerification`;
const ASSUME_ROLE_TYPE = `${PACKAGE_NAME}:index:AssumeRole`;

/**
 * The Pythons the generated Python SDK accepts (its pyproject's `requires-python`): the `Requires-Python` of the
 * oldest Pulumi SDK it allows, `pulumi>=3.269.0` (the generator's floor). Without it the generator writes its own
 * default, `>=3.9`, which pip accepts and the Pulumi SDK then refuses.
 */
export const PYTHON_REQUIRES = ">=3.10";

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

/** What to list: the query of the function and of the resource. */
const QUERY: Record<string, SchemaProperty> = {
    contactId: string("List only this message contact's pending verifications (\"c-\" followed by letters and digits). Default: every contact's."),
    pageSize: integer(`Items asked per page, 1..${MAX_PAGE_SIZE}. Default 100; stepped down to 50, then 10, if the service rejects it.`),
};

/** How to reach the service and how hard to try: the function's and the resource's other inputs. */
const CLIENT: Record<string, SchemaProperty> = {
    endpoint: string(
        "Host (resourcedirectory-intl.aliyuncs.com) or URL (http:// only for loopback). Default: the provider's endpoint, else env ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER, else chosen by region.",
    ),
    endpointType: string('"vpc" selects resourcedirectory.vpc-proxy.aliyuncs.com. Default: the provider\'s, else "public".'),
    region: string("The region, which chooses the site: international regions use resourcedirectory-intl.aliyuncs.com. Default: the provider's."),
    stsEndpoint: string("Where STS AssumeRole is called for the provider's assumeRole. Default sts.aliyuncs.com."),
    concurrency: integer("Pages fetched at once after the first, 1..32. Default 4."),
    maxAttempts: integer("Attempts per request, the first included, 1..20. Default 5."),
    maxListings: integer("Complete listings attempted when the data changes while it is read, 1..10. Default 3."),
    consistency: string(
        '"checked": one pass, every page checked against the first, duplicates and the total checked, a listing that changed starts over. "snapshot": confirmed by a second identical listing (twice the requests). Default "checked" for the function, "snapshot" for the resource.',
    ),
    timeoutMs: integer("Time limit of the whole listing in milliseconds, retries included, 1000..3600000. Default 300000."),
    requestTimeoutMs: integer("Time limit of one request's answer in milliseconds, 100..600000; a request past it is retried. Default 30000."),
    maxResponseBytes: integer("Largest answer accepted, in bytes. Default 8 MiB."),
    maxListingBytes: integer("Most bytes of answers one listing reads in all, so that a broken endpoint cannot exhaust memory. Default 256 MiB."),
};

const CREDENTIAL_ARGS: Record<string, SchemaProperty> = {
    accessKeyId: string("AccessKey ID for this call only. Default: the provider's credentials.", { secret: true }),
    accessKeySecret: string("AccessKey secret for this call only.", { secret: true }),
    securityToken: string("STS token for this call only, with temporary credentials.", { secret: true }),
};

/** The listing's outputs. */
const LISTING: Record<string, SchemaProperty> = {
    totalCount: integer("How many verifications are pending; always the length of verifications."),
    verifications: {
        type: "array",
        items: { $ref: `#/types/${VERIFICATION_TYPE}` },
        description: "Every pending verification, in the service's order: the contact and its masked phone or email.",
    },
};

const RESOURCE_LISTING: Record<string, SchemaProperty> = {
    ...LISTING,
    targets: { type: "array", items: { type: "string" }, description: "Every target (masked), sorted, de-duplicated." },
    pendingByTarget: {
        type: "object",
        additionalProperties: { type: "array", items: { type: "string" } },
        description: "Each target and the IDs of the contacts it is pending for, so that a diff names the targets that appeared and went away.",
    },
};

const SECRET_TARGETS: SchemaProperty = {
    type: "boolean",
    description: "Record verifications, targets and pendingByTarget as secrets (encrypted in state, [secret] in previews).",
};

/** The provider's configuration: `alicloud-message-contacts:<key>` in stack config, or the provider resource's inputs. */
export const CONFIG_VARIABLES: Record<string, SchemaProperty> = {
    region: string("The region, which chooses the endpoint's site (alicloud:region for @pulumi/alicloud users)."),
    endpoint: string("The API endpoint for every listing: a host, or an http:// URL on loopback (an emulator)."),
    endpointType: string('"public" (default) or "vpc".'),
    accessKey: string("AccessKey ID. Default: the environment and files chain (ALIBABA_CLOUD_ACCESS_KEY_ID, ALICLOUD_ACCESS_KEY, profiles).", {
        secret: true,
    }),
    secretKey: string("AccessKey secret. Set it as a secret.", { secret: true }),
    securityToken: string("STS token, with temporary credentials. Set it as a secret.", { secret: true }),
    profile: string("A profile of the Alibaba Cloud CLI's config.json to take credentials from."),
    assumeRole: { $ref: `#/types/${ASSUME_ROLE_TYPE}`, description: "A RAM role to assume with STS before listing." },
    maxAttempts: integer("Attempts per request for every listing, 1..20. Default 5."),
    timeoutMs: integer("Time limit of every listing in milliseconds, 1000..3600000. Default 300000."),
    concurrency: integer("Pages fetched at once for every listing, 1..32. Default 4."),
    consistency: string('"checked" or "snapshot", for every listing.'),
};

/** The schema, with the package's version. */
export function packageSchema(version: string): Record<string, unknown> {
    return {
        name: PACKAGE_NAME,
        displayName: "Alibaba Cloud message contact verifications",
        version,
        description:
            "Reads the phone numbers and email addresses of Alibaba Cloud Resource Directory message contacts that are waiting to be verified (ListMessageContactVerifications), from every page.",
        keywords: ["pulumi", "alicloud", "alibaba-cloud", "resource-directory", "category/cloud"],
        license: "Apache-2.0",
        publisher: "pulumi-alicloud-message-contacts",
        meta: { moduleFormat: "(.*)" },
        config: { variables: CONFIG_VARIABLES },
        provider: {
            description: "The provider of alicloud-message-contacts: its settings and credentials for every listing.",
            inputProperties: CONFIG_VARIABLES,
        },
        types: {
            [VERIFICATION_TYPE]: {
                type: "object",
                description: "A pending verification: the contact, and its masked phone number or email address.",
                properties: {
                    contactId: string("The message contact's ID (c-...)."),
                    target: string("The phone number or email address waiting to be verified, masked by the service."),
                },
                required: ["contactId", "target"],
            },
            [ASSUME_ROLE_TYPE]: {
                type: "object",
                description: "A RAM role to assume, as @pulumi/alicloud's assumeRole takes it.",
                properties: {
                    roleArn: string("The role's ARN, acs:ram::<account>:role/<name>."),
                    sessionName: string("The session name."),
                    sessionExpiration: integer("Lifetime of the temporary credentials, in seconds (900..43200)."),
                    externalId: string("The external ID the role's trust policy requires."),
                    policy: string("A RAM policy (JSON text) that further restricts the role's permissions."),
                },
                required: ["roleArn"],
            },
        },
        functions: {
            [FUNCTION_TOKEN]: {
                description:
                    "Lists the phone numbers and email addresses of Resource Directory message contacts that are waiting to be verified, from every page, as one consistent, complete list (or an error, never a partial list). Runs at preview too.",
                inputs: { properties: { ...QUERY, ...CLIENT, ...CREDENTIAL_ARGS } },
                outputs: {
                    properties: {
                        id: string("Stable for the same query: <endpoint host>/ListMessageContactVerifications/<contactId or *>."),
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
                inputProperties: { ...QUERY, ...CLIENT, secretTargets: SECRET_TARGETS },
                properties: { ...QUERY, ...CLIENT, secretTargets: SECRET_TARGETS, ...RESOURCE_LISTING },
                required: Object.keys(RESOURCE_LISTING),
            },
        },
        language: {
            nodejs: { packageName: "@pulumi-alicloud-message-contacts/sdk", respectSchemaVersion: true },
            python: {
                packageName: "pulumi_alicloud_message_contacts",
                respectSchemaVersion: true,
                pythonRequires: PYTHON_REQUIRES,
                pyproject: { enabled: true },
            },
            go: { importBasePath: "github.com/pulumi-alicloud-message-contacts/sdk/go/alicloudmessagecontacts", respectSchemaVersion: true },
            csharp: { rootNamespace: "PulumiAlicloudMessageContacts", respectSchemaVersion: true },
        },
    };
}
