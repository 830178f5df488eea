import type { CredentialOptions } from "../credentials";

/** What the provider reads from the stack's config (`alicloud:*`), the same keys `@pulumi/alicloud` uses. */
export interface StackSettings extends CredentialOptions {
    region?: string;
    profile?: string;
}

/** The stack config keys read, and what each becomes. */
export const STACK_CONFIG_KEYS = {
    accessKeyId: "alicloud:accessKey",
    accessKeySecret: "alicloud:secretKey",
    securityToken: "alicloud:securityToken",
    region: "alicloud:region",
    profile: "alicloud:profile",
} as const satisfies Record<keyof StackSettings, string>;

/** Reads {@link StackSettings} through a config getter (the dynamic provider's `Config.get`). Pure. */
export function readStackSettings(get: (key: string) => string | undefined): StackSettings {
    const settings: StackSettings = {};
    for (const [field, key] of Object.entries(STACK_CONFIG_KEYS) as [keyof StackSettings, string][]) {
        const value = get(key);
        if (value !== undefined && value !== "") settings[field] = value;
    }
    return settings;
}
