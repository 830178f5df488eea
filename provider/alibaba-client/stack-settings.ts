import { z } from "zod";
import { InvalidArgumentError } from "./errors";
import { optionProblems } from "./operation/validate-options";

/** `alicloud:assumeRole`, as `@pulumi/alicloud` and Terraform's provider take it. */
export interface AssumeRoleSettings {
    roleArn: string;
    sessionName?: string;
    /** Lifetime of the temporary credentials, in seconds (900..43200). */
    sessionExpiration?: number;
    externalId?: string;
    /** A RAM policy (JSON text) that further restricts the role's permissions. */
    policy?: string;
}

/**
 * What the stack config holds for this package: `@pulumi/alicloud`'s own keys (`alicloud:*`), so users
 * configure nothing twice, plus this package's `alicloud-message-contacts:endpointType`.
 */
export interface StackSettings {
    accessKeyId?: string;
    accessKeySecret?: string;
    securityToken?: string;
    region?: string;
    profile?: string;
    assumeRole?: AssumeRoleSettings;
    /** Endpoint overrides by service code (`resourcedirectory`, `resourcemanager`, `sts`, ...). */
    endpoints?: Record<string, string>;
    endpointType?: "public" | "vpc";
    /** Listing limits from `alicloud-message-contacts:*` config; arguments override them. */
    listing?: ListingSettings;
}

/** Limits of a listing that a stack may set for every call (`alicloud-message-contacts:<name>`). */
export interface ListingSettings {
    maxAttempts?: number;
    timeoutMs?: number;
    concurrency?: number;
    consistency?: "checked" | "snapshot";
}

/** This package's own config namespace. */
export const PACKAGE_CONFIG_NAMESPACE = "alicloud-message-contacts";

const LISTING_SETTING_NAMES = ["maxAttempts", "timeoutMs", "concurrency", "consistency"] as const;

/** The stack config keys read, by setting. */
export const STACK_CONFIG_KEYS = {
    accessKeyId: "alicloud:accessKey",
    accessKeySecret: "alicloud:secretKey",
    securityToken: "alicloud:securityToken",
    region: "alicloud:region",
    profile: "alicloud:profile",
    assumeRole: "alicloud:assumeRole",
    endpoints: "alicloud:endpoints",
    endpointType: "alicloud-message-contacts:endpointType",
    listing: "alicloud-message-contacts:{maxAttempts,timeoutMs,concurrency,consistency}",
} as const satisfies Record<keyof StackSettings, string>;

const assumeRoleSchema = z.object({
    roleArn: z.string().min(1),
    sessionName: z.string().min(1).optional(),
    sessionExpiration: z.coerce.number().int().min(900).max(43_200).optional(),
    externalId: z.string().min(1).optional(),
    policy: z.string().min(1).optional(),
});

/** `alicloud:endpoints` is a list of `{service: endpoint}` objects (or one object). */
const endpointsSchema = z.union([z.record(z.string(), z.string()), z.array(z.record(z.string(), z.string()))]);

function parseJsonSetting<T>(key: string, text: string, schema: z.ZodType<T>, accepted: string): T {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        throw new InvalidArgumentError(key, `stack config ${key} must be ${accepted}; it is not valid JSON.`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
        const where = parsed.error.issues.map((i) => i.path.join(".") || "(value)").join(", ");
        throw new InvalidArgumentError(key, `stack config ${key} must be ${accepted}; check ${where}.`);
    }
    return parsed.data;
}

/**
 * Reads {@link StackSettings} through a getter of full config keys (`alicloud:region`): the program's
 * `pulumi.runtime.getConfig` or the dynamic provider's `Config.get`. The same function serves both, so a
 * program and its provider resolve the same settings. Throws {@link InvalidArgumentError} naming the key.
 */
export function readStackSettings(get: (key: string) => string | undefined): StackSettings {
    const text = (key: string) => {
        const value = get(key);
        return value === undefined || value === "" ? undefined : value;
    };
    const settings: StackSettings = {};
    for (const field of ["accessKeyId", "accessKeySecret", "securityToken", "region", "profile"] as const) {
        const value = text(STACK_CONFIG_KEYS[field]);
        if (value !== undefined) settings[field] = value;
    }
    const assumeRole = text(STACK_CONFIG_KEYS.assumeRole);
    if (assumeRole !== undefined) {
        settings.assumeRole = parseJsonSetting(
            STACK_CONFIG_KEYS.assumeRole,
            assumeRole,
            assumeRoleSchema,
            "an object {roleArn, sessionName?, sessionExpiration? (900..43200), externalId?, policy?}",
        );
    }
    const endpoints = text(STACK_CONFIG_KEYS.endpoints);
    if (endpoints !== undefined) {
        const parsed = parseJsonSetting(STACK_CONFIG_KEYS.endpoints, endpoints, endpointsSchema, "a list of {service: endpoint} objects");
        settings.endpoints = Object.assign({}, ...(Array.isArray(parsed) ? parsed : [parsed]));
    }
    const endpointType = text(STACK_CONFIG_KEYS.endpointType);
    if (endpointType !== undefined) {
        if (endpointType !== "public" && endpointType !== "vpc") {
            throw new InvalidArgumentError(
                STACK_CONFIG_KEYS.endpointType,
                `stack config ${STACK_CONFIG_KEYS.endpointType} must be "public" or "vpc"; got ${JSON.stringify(endpointType)}.`,
            );
        }
        settings.endpointType = endpointType;
    }
    const listing: Record<string, string | number> = {};
    for (const name of LISTING_SETTING_NAMES) {
        const value = text(`${PACKAGE_CONFIG_NAMESPACE}:${name}`);
        if (value !== undefined) listing[name] = name === "consistency" ? value : Number(value);
    }
    const [problem] = optionProblems(listing);
    if (problem) {
        const key = `${PACKAGE_CONFIG_NAMESPACE}:${problem.field}`;
        throw new InvalidArgumentError(key, `stack config ${key}: ${problem.message}`);
    }
    if (Object.keys(listing).length > 0) settings.listing = listing as ListingSettings;
    return settings;
}
