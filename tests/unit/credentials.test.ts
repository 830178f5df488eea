import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { Credentials, CredentialsNotFoundError, InvalidArgumentError, resolveCredentialsProvider } from "../../provider";

const SECRET = "very-secret-value-123";

describe("credentials", () => {
    it("uses explicit options before the environment", async () => {
        const provider = resolveCredentialsProvider(
            { accessKeyId: "explicit-id", accessKeySecret: SECRET },
            { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret" },
        );
        assert.equal((await provider.getCredentials()).accessKeyId, "explicit-id");
    });

    it("reads ALIBABA_CLOUD_* variables, with the STS token", async () => {
        const provider = resolveCredentialsProvider(
            {},
            { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret", ALIBABA_CLOUD_SECURITY_TOKEN: "tok" },
        );
        const credentials = await provider.getCredentials();
        assert.equal(credentials.accessKeyId, "env-id");
        assert.equal(credentials.accessKeySecret, "env-secret");
        assert.equal(credentials.securityToken, "tok");
    });

    it("says where it looked when nothing is found", () => {
        assert.throws(
            () => resolveCredentialsProvider({}, {}),
            (e: unknown) =>
                e instanceof CredentialsNotFoundError &&
                /accessKeyId\/accessKeySecret options/.test(e.message) &&
                /ALIBABA_CLOUD_ACCESS_KEY_ID/.test(e.message),
        );
    });

    it("rejects half a key pair", () => {
        assert.throws(() => resolveCredentialsProvider({ accessKeyId: "id" }, {}), (e: unknown) => e instanceof InvalidArgumentError && /secret is missing/.test(e.message));
    });

    it("never prints the secret or token through JSON, inspect or string conversion", () => {
        const credentials = new Credentials("LTAI5tExampleKeyId", SECRET, "sts-token-value");
        for (const text of [JSON.stringify(credentials), inspect(credentials), String(credentials), JSON.stringify({ nested: credentials })]) {
            assert.doesNotMatch(text, /very-secret|sts-token-value|LTAI5tExampleKeyId/);
        }
        assert.equal(credentials.accessKeySecret, SECRET);
    });
});
