import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { hermeticEnv } from "../support/hermetic-env";
import { testCertificate } from "../support/test-tls";
import { aliyunConfig, withEnv } from "../support/with-env";
import { verifications } from "../support/emulator-fixture";

const ROLE = "acs:ram::123456789012:role/cli-profile-role";
const PROVIDER = join(__dirname, "..", "..", "dist", "provider", "alibaba-client", "index.js");

/** Lists in a child process (so NODE_EXTRA_CA_CERTS trusts the test certificate), printing what signed. */
function listInChild(env: NodeJS.ProcessEnv, endpoint: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const script = `require(${JSON.stringify(PROVIDER)}).listMessageContactVerifications({ endpoint: ${JSON.stringify(endpoint)} })
        .then((l) => { console.log(JSON.stringify({ totalCount: l.totalCount })); }, (e) => { console.error(e.code + ": " + e.message); process.exitCode = 1; });`;
    return new Promise((resolve) => {
        execFile(process.execPath, ["-e", script], { env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });
}

describe("aliyun CLI profile in RamRoleArn mode (through @alicloud/credentials, over TLS)", () => {
    let emulator: Emulator;
    before(async () => {
        const { key, cert } = testCertificate();
        emulator = await startEmulator({ tls: { key, cert }, roles: [ROLE], verifications: verifications(25) });
    });
    after(() => emulator.close());

    it("assumes the profile's role at its sts_endpoint and lists with the temporary credentials", async () => {
        const profile = {
            name: "ops",
            mode: "RamRoleArn",
            access_key_id: emulator.account.accessKeyId,
            access_key_secret: emulator.account.accessKeySecret,
            ram_role_arn: ROLE,
            ram_session_name: "cli-profile-test",
            expired_seconds: 900,
            sts_endpoint: emulator.host,
        };
        await withEnv({}, { ".aliyun/config.json": aliyunConfig([profile]) }, async (home) => {
            const env = hermeticEnv({ HOME: home, NODE_EXTRA_CA_CERTS: testCertificate().certPath, ALICLOUD_PROFILE: "ops", NODE_OPTIONS: undefined });
            const result = await listInChild(env, emulator.url);
            assert.equal(result.code, 0, result.stderr);
            assert.deepEqual(JSON.parse(result.stdout), { totalCount: 25 });
            assert.equal(emulator.issuedCredentials.length, 1);
            assert.equal(emulator.issuedCredentials[0]?.roleSessionName, "cli-profile-test");
            const listCall = emulator.requests.find((r) => r.action === "ListMessageContactVerifications");
            assert.match(listCall?.headers.authorization ?? "", new RegExp(`Credential=${emulator.issuedCredentials[0]?.accessKeyId},`));
            assert.doesNotMatch(result.stdout + result.stderr, new RegExp(emulator.account.accessKeySecret));
        });
    });
});
