/**
 * Loaded before every test file (.mocharc `require`): the tests never use the developer's own Alibaba Cloud
 * credentials, and the official credential chain never reaches for the ECS metadata service
 * (100.100.100.200), which is not on loopback.
 */
const CREDENTIAL_VARIABLE = /^(ALIBABA_CLOUD_|ALICLOUD_)/;
for (const name of Object.keys(process.env)) {
    if (CREDENTIAL_VARIABLE.test(name)) delete process.env[name];
}
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
