/**
 * The environment variables of Alibaba Cloud's default chain that hold an AccessKey: a leaf of its own, so that
 * what only needs their names (keeping their values out of messages) loads nothing of the chain.
 */

/** The variables of Alibaba Cloud's default chain that hold an AccessKey (read by `@alicloud/credentials`). */
export const CREDENTIAL_ENV = {
    accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    accessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    securityToken: "ALIBABA_CLOUD_SECURITY_TOKEN",
} as const;
