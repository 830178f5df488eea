/**
 * Credential values taken out of text (redact-values.ts), and the Terraform provider's set of the values it knows
 * (known-secrets.ts): whole values, percent-encoded once and twice, runs of 8 or more of their characters, and a
 * value's start where a bounded text was cut; ordinary text left as it is.
 */
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { Credentials, percentEncode, redactValues, serviceText } from "../../provider/alibaba-client";
import { KnownSecrets } from "../../provider/terraform/known-secrets";

const ID = "LTAI5tQ2vXyZaBcDeFgHiJkL";
const SECRET = "s3cretS3cretS3cretS3cretS3cret";
const TOKEN = `CAIS${randomBytes(180).toString("base64")}`;

describe("redactValues", () => {
    it("replaces each value, as it is and percent-encoded once and twice (a query, a string to sign)", () => {
        const text = `AccessKeyId: ${ID}; string to sign: POST&%2F&AccessKeyId%3D${ID}%26SecurityToken%3D${percentEncode(percentEncode(TOKEN))}; query SecurityToken=${percentEncode(TOKEN)}; token ${TOKEN}.`;
        assert.equal(
            redactValues(text, [ID, TOKEN]),
            "AccessKeyId: [redacted]; string to sign: POST&%2F&AccessKeyId%3D[redacted]%26SecurityToken%3D[redacted]; query SecurityToken=[redacted]; token [redacted].",
        );
    });

    it("replaces a value cut by a bounded text, and any run of 8 or more of its characters", () => {
        const cut = serviceText(`The token ${TOKEN} is not valid.`, 60);
        assert.match(cut, /\.\.\. \(\d+ more characters\)$/);
        assert.equal(redactValues(cut, [TOKEN]).replace(/\(\d+ more/, "(N more"), "The token [redacted]... (N more characters)");
        assert.equal(redactValues(`ends with ${ID.slice(0, 6)}`, [ID]), "ends with [redacted]", "a start of 4 or more at the end");
        assert.equal(redactValues(`middle ${SECRET.slice(5, 14)} here`, [SECRET]), "middle [redacted] here");
        assert.equal(redactValues(`short ${SECRET.slice(5, 11)} here`, [SECRET]), `short ${SECRET.slice(5, 11)} here`, "7 characters inside are left");
    });

    it("leaves text without the values as it is, values under 4 characters alone, values of 4 to 7 whole", () => {
        const text = "ListMessageContactVerifications failed with HTTP 400 InvalidParameter: x (RequestId 1).";
        assert.equal(redactValues(text, [ID, SECRET, TOKEN]), text);
        assert.equal(redactValues(text, []), text);
        assert.equal(redactValues("a b c", ["a", "b c"]), "a b c");
        assert.equal(redactValues("key abcd and abcdx", ["abcd"]), "key [redacted] and [redacted]x");
    });
});

describe("KnownSecrets (the Terraform provider's)", () => {
    const diagnostic = (text: string) => ({ severity: "ERROR" as const, summary: text, detail: `detail ${text}` });

    it("knows the environment's credential variables, the secret settings and every credentials handed out", () => {
        const env = { ALICLOUD_SECRET_KEY: "env-secret-0123456789", ALIBABA_CLOUD_SECURITY_TOKEN: "env-token-0123456789", ALICLOUD_REGION: "cn-hangzhou" };
        const secrets = new KnownSecrets(env);
        secrets.addSettings({ accessKeyId: ID, region: "cn-shanghai" });
        secrets.addCredentials(new Credentials("STS.temporary0123456789", "temporary-secret-0123", TOKEN));
        const text = `${env.ALICLOUD_SECRET_KEY} ${env.ALIBABA_CLOUD_SECURITY_TOKEN} ${ID} STS.temporary0123456789 temporary-secret-0123 ${TOKEN} cn-hangzhou cn-shanghai`;
        assert.deepEqual(secrets.redact([diagnostic(text)]), [
            diagnostic("[redacted] [redacted] [redacted] [redacted] [redacted] [redacted] cn-hangzhou cn-shanghai"),
        ]);
    });

    it("keeps a diagnostic's severity and path", () => {
        const secrets = new KnownSecrets({});
        secrets.addSettings({ accessKeySecret: SECRET });
        const [shown] = secrets.redact([{ severity: "ERROR", summary: "s", detail: SECRET, attribute: { steps: [{ attributeName: "contact_id" }] } }]);
        assert.deepEqual(shown, { severity: "ERROR", summary: "s", detail: "[redacted]", attribute: { steps: [{ attributeName: "contact_id" }] } });
    });
});
