import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { Emulator, startEmulator, V1SignatureVerifier, v1Signature, v1StringToSign } from "../../emulator";
import { call, expectError, expectPage } from "./client";
import { callV1, signV1Call } from "./client-v1";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const PLAIN = { accessKeyId: "ak-plain", accessKeySecret: "plain-secret" };
const STS = { accessKeyId: "STS.fixed", accessKeySecret: "sts-secret", securityToken: "CAIS+token/with=chars" };
const LIST = { action: "ListMessageContactVerifications", version: "2022-04-19" };

/** Alibaba Cloud's classic worked example of the V1 signature. */
const VECTOR = {
    params: {
        AccessKeyId: "testid",
        Action: "DescribeRegions",
        Format: "XML",
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        SignatureVersion: "1.0",
        Timestamp: "2016-02-23T12:46:24Z",
        Version: "2014-05-26",
    },
    stringToSign:
        "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
        "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
        "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
    secret: "testsecret",
    signature: "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
};

describe("emulator: V1 (HMAC-SHA1) signature", () => {
    describe("the official test vector", () => {
        it("gives the documented string to sign and signature", () => {
            const stringToSign = v1StringToSign("GET", VECTOR.params);
            assert.equal(stringToSign, VECTOR.stringToSign);
            assert.equal(v1Signature(stringToSign, VECTOR.secret), VECTOR.signature);
        });

        it("leaves the Signature parameter out of the string to sign", () => {
            assert.equal(v1StringToSign("GET", { ...VECTOR.params, Signature: VECTOR.signature }), VECTOR.stringToSign);
        });

        it("is accepted by the verifier, and refused with another secret", () => {
            const now = () => Date.parse(VECTOR.params.Timestamp);
            const rawQuery = `${new URLSearchParams(VECTOR.params)}&Signature=${encodeURIComponent(VECTOR.signature)}`;
            const incoming = { method: "GET", rawQuery, headers: {}, body: new Uint8Array() };
            const good = new V1SignatureVerifier({ accounts: [{ accessKeyId: "testid", accessKeySecret: "testsecret" }], now });
            const verdict = good.verify(incoming);
            assert.ok(verdict.ok, JSON.stringify(verdict));
            assert.equal(verdict.query["Action"], "DescribeRegions");
            const bad = new V1SignatureVerifier({ accounts: [{ accessKeyId: "testid", accessKeySecret: "other" }], now });
            const refused = bad.verify(incoming);
            assert.ok(!refused.ok);
            assert.equal(refused.error.code, "SignatureDoesNotMatch");
            assert.ok(refused.error.message.endsWith(`server string to sign is:${VECTOR.stringToSign}`));
        });
    });

    describe("against the emulator", () => {
        let emulator: Emulator;
        const at = (offsetMs: number) => new Date(NOW + offsetMs);

        before(async () => {
            emulator = await startEmulator({
                verifications: [{ contactId: "c-abc", target: "138****0000" }],
                accounts: [PLAIN, STS],
                now: () => NOW,
            });
        });
        after(() => emulator.close());
        afterEach(() => emulator.resetRequests());

        it("answers any action signed with V1, parameters in the query and the form body", async () => {
            const page = expectPage(await callV1(emulator, { ...LIST, date: at(0), form: { PageSize: "1", Note: "a b+c!*" } }));
            assert.equal(page.PageSize, 1);
            const [record] = emulator.requests;
            assert.equal(record?.action, "ListMessageContactVerifications");
            assert.equal(record?.query["SignatureVersion"], "1.0");
            assert.deepEqual(record?.form, { PageSize: "1", Note: "a b+c!*" });
        });

        it("routes on Action and checks Version", async () => {
            expectError(await callV1(emulator, { action: "Nope", date: at(0) }), 404, "InvalidAction.NotFound");
            expectError(await callV1(emulator, { ...LIST, version: "2015-04-01", date: at(0) }), 400, "InvalidVersion");
        });

        it("rejects a wrong secret, giving the server string to sign the official library compares with its own", async () => {
            const key = { ...PLAIN, accessKeySecret: "wrong" };
            const { stringToSign } = signV1Call(emulator, { ...LIST, key, date: at(0), nonce: "n-1" });
            const error = expectError(await callV1(emulator, { ...LIST, key, date: at(0), nonce: "n-1" }), 400, "SignatureDoesNotMatch");
            const prefix = "Specified signature is not matched with our calculation. server string to sign is:";
            assert.equal(error.Message, `${prefix}${stringToSign}`);
        });

        it("rejects a form or query parameter changed, added or repeated after signing", async () => {
            const form = { PageSize: "1" };
            const tamper = [
                { editForm: (f: Record<string, string>) => void (f["PageSize"] = "2") },
                { editForm: (f: Record<string, string>) => void (f["Extra"] = "1") },
                { editQuery: (q: Record<string, string>) => void (q["PageSize"] = "1") },
                { editQuery: (q: Record<string, string>) => void (q["Format"] = "XML") },
            ];
            for (const edit of tamper) {
                expectError(await callV1(emulator, { ...LIST, form, date: at(0), ...edit }), 400, "SignatureDoesNotMatch");
            }
        });

        it("answers 400 IncompleteSignature when a signature parameter is missing or not HMAC-SHA1 1.0", async () => {
            for (const name of ["Signature", "AccessKeyId", "SignatureNonce", "Timestamp", "SignatureMethod"]) {
                const reply = await callV1(emulator, { ...LIST, date: at(0), editQuery: (q) => void delete q[name] });
                expectError(reply, 400, "IncompleteSignature");
            }
            const sha256 = await callV1(emulator, { ...LIST, date: at(0), editQuery: (q) => void (q["SignatureMethod"] = "HMAC-SHA256") });
            expectError(sha256, 400, "IncompleteSignature");
        });

        it("answers 404 InvalidAccessKeyId.NotFound to an unknown key", async () => {
            const key = { accessKeyId: "ak-unknown", accessKeySecret: "x" };
            expectError(await callV1(emulator, { ...LIST, key, date: at(0) }), 404, "InvalidAccessKeyId.NotFound");
        });

        it("checks the Timestamp's format and its 15 minute window", async () => {
            expectPage(await callV1(emulator, { ...LIST, date: at(-15 * 60_000) }));
            expectError(await callV1(emulator, { ...LIST, date: at(15 * 60_000 + 1000) }), 400, "InvalidTimeStamp.Expired");
            const reply = await callV1(emulator, {
                ...LIST,
                date: at(0),
                editQuery: (q) => void (q["Timestamp"] = "2024-05-01 12:00:00"),
            });
            expectError(reply, 400, "InvalidTimeStamp.Format");
        });

        it("refuses a nonce used before, by either signature version", async () => {
            const nonce = randomUUID();
            expectPage(await callV1(emulator, { ...LIST, date: at(0), nonce }));
            expectError(await callV1(emulator, { ...LIST, date: at(0), nonce }), 400, "SignatureNonceUsed");
            const shared = randomUUID();
            expectPage(await call(emulator, { date: at(0), nonce: shared, key: PLAIN }));
            expectError(await callV1(emulator, { ...LIST, date: at(0), nonce: shared }), 400, "SignatureNonceUsed");
        });

        it("checks the SecurityToken parameter of STS credentials", async () => {
            expectPage(await callV1(emulator, { ...LIST, key: STS, date: at(0) }));
            const { securityToken: _, ...withoutToken } = STS;
            expectError(await callV1(emulator, { ...LIST, key: withoutToken, date: at(0) }), 400, "MissingSecurityToken");
            const other = { ...STS, securityToken: "other" };
            expectError(await callV1(emulator, { ...LIST, key: other, date: at(0) }), 400, "InvalidSecurityToken.MismatchWithAccessKey");
        });
    });
});
