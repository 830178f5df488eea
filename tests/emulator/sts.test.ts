import { strict as assert } from "node:assert";
import { RAMRoleARNCredentialsProvider, StaticAKCredentialsProvider } from "@alicloud/credentials";
import { doRequest, Request } from "@alicloud/credentials/dist/src/providers/http";
import { z } from "zod";
import { formatAcsDate } from "../../provider/alibaba-client/signing";
import { Emulator, EmulatorAccount, startEmulator } from "../../emulator";
import { call, CallOptions, errorSchema, expectError, expectPage, Reply } from "./client";
import { callV1 } from "./client-v1";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const ROLE = "acs:ram::123456789012:role/test";
const STS_CALL = { action: "AssumeRole", version: "2015-04-01" } as const;

/** The exact shape of a successful AssumeRole answer. */
const assumeRoleSchema = z.strictObject({
    RequestId: z.string().regex(/^[0-9A-F-]{36}$/),
    AssumedRoleUser: z.strictObject({ Arn: z.string(), AssumedRoleId: z.string() }),
    Credentials: z.strictObject({
        AccessKeyId: z.string().regex(/^STS\.[A-Za-z0-9]+$/),
        AccessKeySecret: z.string().min(20),
        SecurityToken: z.string().min(20),
        Expiration: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    }),
});

function expectCredentials(reply: Reply) {
    if (reply.status !== 200) throw new Error(`expected 200, got ${reply.status}: ${errorSchema.parse(reply.json).Code}`);
    return assumeRoleSchema.parse(reply.json);
}

/** The issued credentials as a signing key. */
function keyOf(body: z.infer<typeof assumeRoleSchema>): Required<EmulatorAccount> {
    const { AccessKeyId, AccessKeySecret, SecurityToken } = body.Credentials;
    return { accessKeyId: AccessKeyId, accessKeySecret: AccessKeySecret, securityToken: SecurityToken };
}

describe("emulator: STS AssumeRole", () => {
    let emulator: Emulator;
    let clock = NOW;
    /** A V3 AssumeRole call at the emulator's clock. */
    const assume = (query: Record<string, string>, options: CallOptions = {}) => call(emulator, { ...STS_CALL, date: new Date(clock), query, ...options });
    const valid = { RoleArn: ROLE, RoleSessionName: "test" };

    beforeEach(async () => {
        clock = NOW;
        emulator = await startEmulator({ verifications: [{ contactId: "c-abc", target: "138****0000" }], now: () => clock });
    });
    afterEach(() => emulator.close());

    it("issues STS credentials to a V3-signed call, Expiration = now + DurationSeconds", async () => {
        const body = expectCredentials(await assume({ ...valid, DurationSeconds: "1800", ExternalId: "ext-1" }));
        assert.equal(body.Credentials.Expiration, formatAcsDate(new Date(NOW + 1800_000)));
        assert.equal(body.AssumedRoleUser.Arn, `${ROLE}/test`);
        assert.match(body.AssumedRoleUser.AssumedRoleId, /^\d{17}:test$/);
        assert.deepEqual(emulator.issuedCredentials, [
            {
                accessKeyId: body.Credentials.AccessKeyId,
                roleArn: ROLE,
                roleSessionName: "test",
                expiration: new Date(NOW + 1800_000),
                issuedAt: NOW,
            },
        ]);
        const recorded = JSON.stringify(emulator.issuedCredentials);
        assert.ok(!recorded.includes(body.Credentials.AccessKeySecret) && !recorded.includes(body.Credentials.SecurityToken));
        assert.deepEqual(
            emulator.requests.map((r) => [r.action, r.status, r.query["RoleArn"]]),
            [["AssumeRole", 200, ROLE]],
        );
    });

    it("lasts 3600 s by default and issues new keys every time", async () => {
        const first = expectCredentials(await assume(valid));
        const second = expectCredentials(await assume(valid));
        assert.equal(first.Credentials.Expiration, "2024-05-01T13:00:00Z");
        assert.notEqual(first.Credentials.AccessKeyId, second.Credentials.AccessKeyId);
        assert.notEqual(first.Credentials.AccessKeySecret, second.Credentials.AccessKeySecret);
    });

    it("accepts the issued credentials, with their token, on other calls", async () => {
        const key = keyOf(expectCredentials(await assume(valid)));
        assert.equal(expectPage(await call(emulator, { key, date: new Date(clock) })).TotalCount, 1);
        const { securityToken: _, ...withoutToken } = key;
        expectError(await call(emulator, { key: withoutToken, date: new Date(clock) }), 400, "MissingSecurityToken");
    });

    it("lets STS credentials assume a role in turn (role chaining)", async () => {
        const key = keyOf(expectCredentials(await assume(valid)));
        expectCredentials(await assume({ ...valid, RoleSessionName: "chained" }, { key }));
        assert.equal(emulator.issuedCredentials.length, 2);
    });

    describe("with stsCredentialLifetimeMs", () => {
        beforeEach(async () => {
            await emulator.close();
            emulator = await startEmulator({ stsCredentialLifetimeMs: 1500, now: () => clock });
        });

        it("issues credentials that expire after that many ms of the emulator's clock", async () => {
            const body = expectCredentials(await assume({ ...valid, DurationSeconds: "3600" }));
            // Expiration has whole seconds: rounded down, so a client never trusts the keys for too long.
            assert.equal(body.Credentials.Expiration, "2024-05-01T12:00:01Z");
            assert.deepEqual(emulator.issuedCredentials[0]?.expiration, new Date(NOW + 1500));
            const key = keyOf(body);
            clock = NOW + 1499;
            expectPage(await call(emulator, { key, date: new Date(clock) }));
            clock = NOW + 1500;
            const error = expectError(await call(emulator, { key, date: new Date(clock) }), 400, "InvalidSecurityToken.Expired");
            assert.equal(error.Message, "Specified SecurityToken is expired.");
            expectError(await callV1(emulator, { key, date: new Date(clock), form: valid }), 400, "InvalidSecurityToken.Expired");
        });
    });

    describe("parameter checks", () => {
        const cases: [string, Record<string, string>, string][] = [
            ["no RoleArn", { RoleSessionName: "test" }, "MissingRoleArn"],
            ["a RAM user ARN", { ...valid, RoleArn: "acs:ram::123456789012:user/test" }, "InvalidParameter.RoleArn"],
            ["an account ID that is not a number", { ...valid, RoleArn: "acs:ram::abc:role/test" }, "InvalidParameter.RoleArn"],
            ["an AWS ARN", { ...valid, RoleArn: "arn:aws:iam::123456789012:role/test" }, "InvalidParameter.RoleArn"],
            ["no RoleSessionName", { RoleArn: ROLE }, "MissingRoleSessionName"],
            ["a one-letter session name", { ...valid, RoleSessionName: "a" }, "InvalidParameter.RoleSessionName"],
            ["a 65-letter session name", { ...valid, RoleSessionName: "a".repeat(65) }, "InvalidParameter.RoleSessionName"],
            ["a session name with a space", { ...valid, RoleSessionName: "my session" }, "InvalidParameter.RoleSessionName"],
            ["DurationSeconds 899", { ...valid, DurationSeconds: "899" }, "InvalidParameter.DurationSeconds"],
            ["DurationSeconds 43201", { ...valid, DurationSeconds: "43201" }, "InvalidParameter.DurationSeconds"],
            ["DurationSeconds 1e3", { ...valid, DurationSeconds: "1e3" }, "InvalidParameter.DurationSeconds"],
            ["an empty DurationSeconds", { ...valid, DurationSeconds: "" }, "InvalidParameter.DurationSeconds"],
            ["a Policy that is not JSON", { ...valid, Policy: "{nope" }, "InvalidParameter.PolicyGrammar"],
        ];
        for (const [what, query, code] of cases) {
            it(`answers 400 ${code} to ${what}`, async () => {
                const error = expectError(await assume(query), 400, code);
                assert.match(error.Recommend, /&product=Sts&/);
                assert.equal(emulator.issuedCredentials.length, 0);
            });
        }

        it("accepts the bounds: DurationSeconds 900 and 43200, 2- and 64-letter session names, a JSON policy", async () => {
            expectCredentials(await assume({ ...valid, DurationSeconds: "900" }));
            expectCredentials(await assume({ ...valid, DurationSeconds: "43200", RoleSessionName: "a".repeat(64) }));
            expectCredentials(await assume({ ...valid, RoleSessionName: "a@b.c-d_e", Policy: '{"Version":"1","Statement":[]}' }));
            expectCredentials(await assume({ ...valid, RoleSessionName: "ab" }));
        });

        it("answers 400 InvalidVersion to another API version", async () => {
            expectError(await assume(valid, { version: "2022-04-19" }), 400, "InvalidVersion");
        });
    });

    describe("with roles", () => {
        beforeEach(async () => {
            await emulator.close();
            emulator = await startEmulator({ roles: [ROLE], now: () => clock });
        });

        it("answers 404 EntityNotExist.Role to another role, and knows its roles whatever their case", async () => {
            const other = "acs:ram::123456789012:role/other";
            assert.match(expectError(await assume({ ...valid, RoleArn: other }), 404, "EntityNotExist.Role").Message, /role\/other/);
            expectCredentials(await assume({ ...valid, RoleArn: ROLE.toUpperCase().replace("ACS:RAM", "acs:ram") }));
        });

        it("rejects a malformed role in the option", async () => {
            await assert.rejects(startEmulator({ roles: ["role/test"] }), TypeError);
        });
    });

    it("applies faults matched on action AssumeRole to STS calls of both signature versions only", async () => {
        emulator.inject({ fault: { kind: "error", status: 503, code: "ServiceUnavailable" }, match: { action: "AssumeRole" }, times: 2 });
        expectPage(await call(emulator, { date: new Date(clock) }));
        expectError(await assume(valid), 503, "ServiceUnavailable");
        expectError(await callV1(emulator, { date: new Date(clock), form: valid }), 503, "ServiceUnavailable");
        expectCredentials(await assume(valid));
        assert.deepEqual(
            emulator.requests.map((r) => r.faults.length),
            [0, 1, 1, 0],
        );
    });

    describe("V1, signed by the official credentials library", () => {
        /** The library's RAM role provider, with its request sent over HTTP (it only speaks HTTPS). */
        function libraryProvider(account: EmulatorAccount) {
            const provider = RAMRoleARNCredentialsProvider.builder()
                .withCredentialsProvider(
                    StaticAKCredentialsProvider.builder().withAccessKeyId(account.accessKeyId).withAccessKeySecret(account.accessKeySecret).build(),
                )
                .withRoleArn(ROLE)
                .withRoleSessionName("library")
                .withDurationSeconds(900)
                .withStsEndpoint(emulator.host)
                .build();
            // `doRequest` is the library's own seam for tests; only the scheme changes, the signed request does not.
            const seam = provider as unknown as { doRequest: (request: Request) => ReturnType<typeof doRequest> };
            seam.doRequest = (request) =>
                doRequest(
                    Request.builder()
                        .withMethod(request.method)
                        .withProtocol("http")
                        .withHost(request.host)
                        .withQueries(request.queries)
                        .withHeaders(request.headers)
                        .withBodyForm(request.bodyForm)
                        .build(),
                );
            return provider;
        }

        beforeEach(async () => {
            await emulator.close();
            emulator = await startEmulator({ verifications: [{ contactId: "c-abc", target: "138****0000" }] });
        });

        it("issues credentials to the library's HMAC-SHA1 request", async () => {
            const credentials = await libraryProvider(emulator.account).getCredentials();
            assert.match(credentials.accessKeyId, /^STS\./);
            const [issued] = emulator.issuedCredentials;
            assert.equal(issued?.accessKeyId, credentials.accessKeyId);
            assert.equal(issued?.roleSessionName, "library");
            const [record] = emulator.requests;
            assert.equal(record?.action, "AssumeRole");
            assert.equal(record?.query["SignatureMethod"], "HMAC-SHA1");
            assert.deepEqual(record?.form, { RoleArn: ROLE, RoleSessionName: "library", DurationSeconds: "900" });
            const key = {
                accessKeyId: credentials.accessKeyId,
                accessKeySecret: credentials.accessKeySecret,
                securityToken: credentials.securityToken,
            };
            expectPage(await call(emulator, { key }));
        });

        it("makes the library report a wrong secret as such, from the server string to sign", async () => {
            const provider = libraryProvider({ ...emulator.account, accessKeySecret: "wrong" });
            await assert.rejects(provider.getCredentials(), /^Error: the access key secret is invalid$/);
            assert.equal(emulator.requests[0]?.errorCode, "SignatureDoesNotMatch");
            assert.equal(emulator.issuedCredentials.length, 0);
        });
    });
});
