/**
 * The packed Terraform provider over gRPC, against an emulator made to echo the credentials that signed each
 * request in its error messages (as Alibaba Cloud's SignatureDoesNotMatch quotes its string to sign): no
 * credential value the provider knows reaches a diagnostic, whole, percent-encoded, or cut by the message's
 * bound. Credentials from the provider block, from the environment, from an aliyun CLI profile, and the
 * temporary ones of an assumed role.
 */
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Emulator, EmulatorAccount, startEmulator } from "../../emulator";
import { percentEncode } from "../../provider/alibaba-client";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { SMALL_LISTING } from "../support/emulator-fixture";
import { startTerraformProvider, TestDiagnostic } from "../support/terraform-provider";
import { aliyunConfig } from "../support/with-env";

const ROLE = "acs:ram::123456789012:role/terraform-reader";
/** A long-term key with a security token, as a key pair of STS credentials given by hand would be. */
const ACCOUNT: EmulatorAccount = {
    accessKeyId: "LTAI5tRedactionTest0001",
    accessKeySecret: "RedactionTestSecret0123456789abcdef",
    securityToken: `CAIS${randomBytes(200).toString("base64")}`,
};
/** A plain key pair, for the profile. */
const PROFILE_ACCOUNT: EmulatorAccount = { accessKeyId: "LTAI5tProfileKey00002", accessKeySecret: "ProfileSecret0123456789abcdefgh" };

/**
 * A message that echoes everything of the signer: its key, secret and token whole, then a string to sign with
 * the key and the token percent-encoded twice, which the message's 400-character bound cuts in the token.
 */
function echoing(signer: Readonly<EmulatorAccount>): string {
    const token = signer.securityToken ?? "";
    return (
        `AccessKeyId ${signer.accessKeyId} secret ${signer.accessKeySecret} SecurityToken ${token} string to sign ` +
        `POST&%2F&SecurityToken%3D${percentEncode(percentEncode(token))}%26AccessKeyId%3D${signer.accessKeyId}`
    );
}

/** Every value, percent-encoded once and twice too, and every run of 8 of their characters: none may be shown. */
function assertNoneShown(diagnostics: TestDiagnostic[], values: readonly string[]): void {
    assert.ok(diagnostics.length > 0, "a diagnostic");
    const shown = diagnostics.map((d) => `${d.summary}\n${d.detail}`).join("\n");
    for (const value of values.filter((v) => v !== ""))
        for (const form of [value, percentEncode(value), percentEncode(percentEncode(value))])
            for (let at = 0; at + 8 <= form.length; at++)
                assert.ok(!shown.includes(form.slice(at, at + 8)), `${form.slice(at, at + 8)} of a credential in: ${shown}`);
    assert.match(shown, /\[redacted\]/);
}

describe("Terraform provider: no credential value in a diagnostic", function () {
    this.timeout(60_000);
    let project: ConsumerProject;
    let emulator: Emulator;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        emulator = await startEmulator({ accounts: [ACCOUNT, PROFILE_ACCOUNT], roles: [ROLE], verifications: SMALL_LISTING });
    });
    after(async () => {
        await emulator?.close();
    });
    afterEach(() => emulator.clearFaults());

    const read = async (env: Record<string, string>, block: Record<string, unknown>) => {
        const client = await startTerraformProvider(project.dir, env);
        try {
            assert.deepEqual(await client.configure({ endpoint: emulator.url, max_attempts: 1, ...block }), []);
            return (await client.read({})).diagnostics;
        } finally {
            await client.close();
        }
    };

    it("from the provider block: the AccessKeyId, the secret and the security token the service echoes", async () => {
        emulator.inject({ fault: { kind: "error", status: 400, code: "SignatureDoesNotMatch", message: echoing } });
        const diagnostics = await read({}, { access_key: ACCOUNT.accessKeyId, secret_key: ACCOUNT.accessKeySecret, security_token: ACCOUNT.securityToken });
        assert.match(diagnostics[0]?.summary ?? "", /ListMessageContactVerifications failed: SignatureDoesNotMatch/);
        assertNoneShown(diagnostics, [ACCOUNT.accessKeyId, ACCOUNT.accessKeySecret, ACCOUNT.securityToken ?? ""]);
    });

    it("from the environment (ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_SECURITY_TOKEN)", async () => {
        emulator.inject({ fault: { kind: "error", status: 400, code: "InvalidAccessKeyId.NotFound", message: echoing } });
        const env = {
            ALICLOUD_ACCESS_KEY: ACCOUNT.accessKeyId,
            ALICLOUD_SECRET_KEY: ACCOUNT.accessKeySecret,
            ALICLOUD_SECURITY_TOKEN: ACCOUNT.securityToken ?? "",
        };
        assertNoneShown(await read(env, {}), Object.values(env));
    });

    it("an assumed role: the profile's keys that STS echoes, and the temporary credentials the service echoes", async () => {
        const home = mkdtempSync(join(tmpdir(), "tf-redaction-home-"));
        try {
            mkdirSync(join(home, ".aliyun"));
            const profile = { name: "ops", mode: "AK", access_key_id: PROFILE_ACCOUNT.accessKeyId, access_key_secret: PROFILE_ACCOUNT.accessKeySecret };
            writeFileSync(join(home, ".aliyun", "config.json"), aliyunConfig([profile]));
            const block = {
                profile: "ops",
                assume_role: { role_arn: ROLE, session_name: null, session_expiration: 900, external_id: null, policy: null },
                endpoints: { sts: emulator.url, resourcedirectory: null, resourcemanager: null },
            };

            emulator.inject({ match: { action: "AssumeRole" }, fault: { kind: "error", status: 400, code: "SignatureDoesNotMatch", message: echoing } });
            const sts = await read({ HOME: home }, block);
            assert.match(sts[0]?.summary ?? "", /AssumeRole/);
            assertNoneShown(sts, [PROFILE_ACCOUNT.accessKeyId, PROFILE_ACCOUNT.accessKeySecret]);

            let temporary: Readonly<EmulatorAccount> | undefined;
            const capture = (signer: Readonly<EmulatorAccount>) => ((temporary = signer), echoing(signer));
            emulator.inject({
                match: { action: "ListMessageContactVerifications" },
                fault: { kind: "error", status: 400, code: "InvalidSecurityToken.Malformed", message: capture },
            });
            const listing = await read({ HOME: home }, block);
            assert.match(temporary?.accessKeyId ?? "", /^STS\./, "the listing was signed with the role's temporary credentials");
            assertNoneShown(listing, [temporary?.accessKeyId ?? "", temporary?.accessKeySecret ?? "", temporary?.securityToken ?? ""]);
        } finally {
            rmSync(home, { recursive: true, force: true });
        }
    });
});
