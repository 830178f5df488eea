import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import { AddressInfo } from "node:net";
import { inspect } from "node:util";
import {
    credentialsFor,
    Credentials,
    CredentialsNotFoundError,
    CredentialSources,
    InvalidArgumentError,
    MessageContactsError,
    ProfileNotFoundError,
} from "../../provider/alibaba-client";
import { PROGRAM_VOCABULARY, readStackConfig, STACK_CONFIG_VOCABULARY } from "../../provider/dynamic/stack-config";
import { FUNCTION_VOCABULARY, PLUGIN_VOCABULARY } from "../../provider/plugin/plugin-config";
import { CLI_VOCABULARY } from "../../cli/flags";
import { aliyunConfig, withEnv } from "../support/with-env";

const SECRET = "very-secret-value-123";

/** The AccessKey ID (and token) the chain resolves to. */
async function resolvedId(sources: CredentialSources): Promise<string> {
    const found = await credentialsFor({ vocabulary: PROGRAM_VOCABULARY, ...sources }).getCredentials();
    return found.securityToken ? `${found.accessKeyId}+${found.securityToken}` : found.accessKeyId;
}

const everyPlace = {
    arguments: { accessKeyId: "explicit-id", accessKeySecret: "s" },
    settings: { accessKeyId: "config-id", accessKeySecret: "s" },
    env: { ALICLOUD_ACCESS_KEY: "terraform-id", ALICLOUD_SECRET_KEY: "s" },
};

describe("credential chain", () => {
    it("takes explicit arguments first", async () => {
        assert.equal(await resolvedId(everyPlace), "explicit-id");
    });

    it("then stack config alicloud:accessKey/secretKey (+ securityToken)", async () => {
        assert.equal(await resolvedId({ ...everyPlace, arguments: {} }), "config-id");
        const stack = readStackConfig((k) => ({ "alicloud:accessKey": "cfg", "alicloud:secretKey": "s", "alicloud:securityToken": "tok" })[k]);
        assert.equal(await resolvedId({ settings: stack, env: {} }), "cfg+tok");
    });

    it("then stack config alicloud:profile, from the aliyun CLI profile file", async () => {
        const config = aliyunConfig([
            { name: "default", mode: "AK", access_key_id: "default-profile-id", access_key_secret: "s" },
            { name: "work", mode: "AK", access_key_id: "work-profile-id", access_key_secret: "s" },
        ]);
        await withEnv({}, { ".aliyun/config.json": config }, async () => {
            assert.equal(await resolvedId({ settings: { profile: "work" }, env: everyPlace.env }), "work-profile-id");
        });
    });

    it("then Terraform's ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY (+ ALICLOUD_SECURITY_TOKEN)", async () => {
        assert.equal(await resolvedId({ env: { ...everyPlace.env, ALICLOUD_SECURITY_TOKEN: "tf-token" } }), "terraform-id+tf-token");
    });

    it("then ALICLOUD_PROFILE", async () => {
        const config = aliyunConfig([
            { name: "default", mode: "AK", access_key_id: "default-profile-id", access_key_secret: "s" },
            { name: "tf", mode: "StsToken", access_key_id: "tf-profile-id", access_key_secret: "s", sts_token: "tf-sts" },
        ]);
        await withEnv({}, { ".aliyun/config.json": config }, async () => {
            assert.equal(await resolvedId({ env: { ALICLOUD_PROFILE: "tf" } }), "tf-profile-id+tf-sts");
        });
    });

    it("then the default chain: ALIBABA_CLOUD_* variables", async () => {
        await withEnv(
            { ALIBABA_CLOUD_ACCESS_KEY_ID: "alibaba-env-id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s", ALIBABA_CLOUD_SECURITY_TOKEN: "env-sts" },
            {},
            async () => {
                assert.equal(await resolvedId({ env: {} }), "alibaba-env-id+env-sts");
            },
        );
    });

    it("then the default chain: the aliyun CLI profile file's current profile (AK and StsToken modes)", async () => {
        await withEnv(
            {},
            { ".aliyun/config.json": aliyunConfig([{ name: "default", mode: "AK", access_key_id: "cli-ak-id", access_key_secret: "s" }]) },
            async () => {
                assert.equal(await resolvedId({ env: {} }), "cli-ak-id");
            },
        );
        await withEnv(
            {},
            {
                ".aliyun/config.json": aliyunConfig([
                    { name: "sts", mode: "StsToken", access_key_id: "cli-sts-id", access_key_secret: "s", sts_token: "cli-token" },
                ]),
            },
            async () => {
                assert.equal(await resolvedId({ env: {} }), "cli-sts-id+cli-token");
            },
        );
    });

    it("then the default chain: the INI credentials file", async () => {
        const ini = "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = s\n";
        await withEnv({}, { ".alibabacloud/credentials": ini }, async () => {
            assert.equal(await resolvedId({ env: {} }), "ini-id");
        });
    });

    it("then the default chain: a credentials URI served on loopback", async () => {
        const server = createServer((_req, res) => {
            res.setHeader("content-type", "application/json");
            res.end(
                JSON.stringify({
                    Code: "Success",
                    AccessKeyId: "uri-id",
                    AccessKeySecret: "s",
                    SecurityToken: "uri-token",
                    Expiration: new Date(Date.now() + 3600_000).toISOString(),
                }),
            );
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        const { port } = server.address() as AddressInfo;
        try {
            await withEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: `http://127.0.0.1:${port}/credentials` }, {}, async () => {
                assert.equal(await resolvedId({ env: {} }), "uri-id+uri-token");
            });
        } finally {
            server.close();
        }
    });

    it("lists every place it looked when nothing is found", async () => {
        await withEnv({}, {}, async () => {
            await assert.rejects(credentialsFor({ vocabulary: PROGRAM_VOCABULARY, env: {} }).getCredentials(), (e: unknown) => {
                assert.ok(e instanceof CredentialsNotFoundError);
                for (const place of [
                    "argument accessKeyId/accessKeySecret",
                    "alicloud:accessKey/alicloud:secretKey",
                    "alicloud:profile",
                    "ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY",
                    "ALICLOUD_PROFILE",
                    "ALIBABA_CLOUD_ACCESS_KEY_ID",
                    "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
                    "~/.aliyun/config.json",
                    "~/.alibabacloud/credentials",
                    "ECS instance RAM role",
                    "ALIBABA_CLOUD_CREDENTIALS_URI",
                ]) {
                    assert.ok(e.message.includes(place), `missing ${place} in: ${e.message}`);
                }
                return true;
            });
        });
    });

    it("names only the places of the caller in use: the dynamic provider, the plugin, its function, the CLI", async () => {
        const looked = async (vocabulary: CredentialSources["vocabulary"]) => {
            const error = await credentialsFor({ vocabulary, env: {} })
                .getCredentials()
                .then(
                    () => assert.fail("credentials found"),
                    (e: unknown) => e,
                );
            assert.ok(error instanceof CredentialsNotFoundError);
            return error.message;
        };
        await withEnv({}, {}, async () => {
            const dynamic = await looked(STACK_CONFIG_VOCABULARY);
            assert.match(
                dynamic,
                /Looked in: stack config alicloud:accessKey\/alicloud:secretKey \(\+ alicloud:securityToken\); stack config alicloud:profile; env ALICLOUD_ACCESS_KEY/,
            );
            assert.doesNotMatch(dynamic, /argument/);
            const plugin = await looked(PLUGIN_VOCABULARY);
            assert.match(
                plugin,
                /Looked in: alicloud-message-contacts:accessKey\/alicloud-message-contacts:secretKey \(\+ alicloud-message-contacts:securityToken\); alicloud-message-contacts:profile; env/,
            );
            assert.doesNotMatch(plugin, /alicloud:|stack config|argument/);
            assert.match(
                await looked(FUNCTION_VOCABULARY),
                /Looked in: argument accessKeyId\/accessKeySecret \(\+ securityToken\); alicloud-message-contacts:accessKey/,
            );
            const cli = await looked(CLI_VOCABULARY);
            assert.match(
                cli,
                /Looked in: env ALICLOUD_ACCESS_KEY\/ALICLOUD_SECRET_KEY \(\+ ALICLOUD_SECURITY_TOKEN\); env ALICLOUD_PROFILE; env ALIBABA_CLOUD_ACCESS_KEY_ID/,
            );
            assert.doesNotMatch(cli, /argument|alicloud:|alicloud-message-contacts:/);
        });
    });

    it("says so when a named profile does not exist", async () => {
        const config = aliyunConfig([{ name: "default", mode: "AK", access_key_id: "x", access_key_secret: SECRET }]);
        await withEnv({}, { ".aliyun/config.json": config }, async () => {
            await assert.rejects(
                credentialsFor({ vocabulary: STACK_CONFIG_VOCABULARY, settings: { profile: "missing" }, env: {} }).getCredentials(),
                (e: unknown) => {
                    assert.ok(
                        e instanceof ProfileNotFoundError && e instanceof MessageContactsError && e.code === "ProfileNotFound" && e.profile === "missing",
                    );
                    assert.match(e.message, /"missing" named by stack config alicloud:profile does not exist/);
                    return true;
                },
            );
            await assert.rejects(credentialsFor({ env: { ALICLOUD_PROFILE: "gone" } }).getCredentials(), /"gone" named by env ALICLOUD_PROFILE/);
        });
    });

    it("never prints a secret from a broken profile file", async () => {
        await withEnv({}, { ".aliyun/config.json": `{"profiles": [{"name": "p", "access_key_secret": "${SECRET}"` }, async () => {
            await assert.rejects(
                credentialsFor({ vocabulary: STACK_CONFIG_VOCABULARY, settings: { profile: "p" }, env: {} }).getCredentials(),
                (e: unknown) => {
                    assert.ok(e instanceof Error);
                    assert.doesNotMatch(`${e.message}\n${e.stack}`, new RegExp(SECRET));
                    assert.match(e.message, /not valid JSON/);
                    return true;
                },
            );
        });
    });

    it("rejects half a key pair, naming where it came from", () => {
        assert.throws(
            () => credentialsFor({ vocabulary: PROGRAM_VOCABULARY, arguments: { accessKeyId: "id" }, env: {} }),
            (e: unknown) =>
                e instanceof InvalidArgumentError && /^argument accessKeySecret is missing: set argument accessKeyId\/accessKeySecret together/.test(e.message),
        );
        assert.throws(
            () => credentialsFor({ env: { ALICLOUD_SECRET_KEY: "s" } }),
            /env ALICLOUD_ACCESS_KEY is missing: set env ALICLOUD_ACCESS_KEY\/ALICLOUD_SECRET_KEY together/,
        );
    });

    it("never prints the secret or token through JSON, inspect or string conversion", () => {
        const credentials = new Credentials("LTAI5tExampleKeyId", SECRET, "sts-token-value");
        for (const text of [JSON.stringify(credentials), inspect(credentials), String(credentials), JSON.stringify({ nested: credentials })]) {
            assert.doesNotMatch(text, /very-secret|sts-token-value|LTAI5tExampleKeyId/);
        }
        assert.equal(credentials.accessKeySecret, SECRET);
    });
});

describe("stack config of a program and the dynamic provider", () => {
    it("reads the alicloud:* keys, assumeRole and endpoints", () => {
        const config: Record<string, string> = {
            "alicloud:region": "ap-southeast-1",
            "alicloud:profile": "p",
            "alicloud:assumeRole": JSON.stringify({ roleArn: "acs:ram::123:role/r", sessionName: "s", sessionExpiration: 1800 }),
            "alicloud:endpoints": JSON.stringify([{ resourcemanager: "rm.example" }, { sts: "sts.example" }]),
            "alicloud-message-contacts:endpointType": "vpc",
        };
        assert.deepEqual(
            readStackConfig((k) => config[k]),
            {
                region: "ap-southeast-1",
                profile: "p",
                assumeRole: { roleArn: "acs:ram::123:role/r", sessionName: "s", sessionExpiration: 1800 },
                endpointType: "vpc",
                endpoints: { resourcemanager: "rm.example", sts: "sts.example" },
            },
        );
    });

    it("names the key of a malformed setting", () => {
        assert.throws(() => readStackConfig((k) => (k === "alicloud:assumeRole" ? "{" : undefined)), /alicloud:assumeRole .*not valid JSON/);
        assert.throws(
            () => readStackConfig((k) => (k === "alicloud:assumeRole" ? "{}" : undefined)),
            (e: unknown) => e instanceof InvalidArgumentError && e.field === "alicloud:assumeRole" && /roleArn/.test(e.message),
        );
        assert.throws(() => readStackConfig((k) => (k === "alicloud-message-contacts:endpointType" ? "private" : undefined)), /"public" or "vpc"/);
    });
});
