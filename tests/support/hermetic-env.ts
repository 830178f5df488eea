/** Variables that could carry the developer's own Alibaba Cloud credentials or settings. */
const CREDENTIAL_VARIABLE = /^(ALIBABA_CLOUD_|ALICLOUD_)/;

/**
 * A copy of `process.env` for a child process: without any `ALIBABA_CLOUD_*`/`ALICLOUD_*` variable (so
 * credentials can only arrive the way a test gives them), with the ECS metadata lookup of the official
 * credential chain turned off (it is not on loopback), and with `overrides` applied (`undefined` removes).
 */
export function hermeticEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(process.env)) {
        if (!CREDENTIAL_VARIABLE.test(name)) env[name] = value;
    }
    env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
    for (const [name, value] of Object.entries(overrides)) {
        if (value === undefined) delete env[name];
        else env[name] = value;
    }
    return env;
}
