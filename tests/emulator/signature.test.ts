import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { authorizationHeader, canonicalQuery, EMPTY_BODY_SHA256, formatAcsDate, sha256Hex, signatureParts } from "../../provider/alibaba-client/signing";
import { Emulator, startEmulator } from "../../emulator";
import { parseAcsDate, parseAuthorization } from "../../emulator/verify-signature";
import { call, expectError, expectPage, readReply, send, signCall } from "./client";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const STS = { accessKeyId: "STS.emulator", accessKeySecret: "sts-secret", securityToken: "token-123" };
const PLAIN = { accessKeyId: "ak-plain", accessKeySecret: "plain-secret" };

describe("emulator: V3 signature verification", () => {
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

    it("accepts a call signed by the provider's signer", async () => {
        const page = expectPage(await call(emulator, { date: at(0), query: { PageSize: "5", ContactId: "c-abc" } }));
        assert.equal(page.TotalCount, 1);
    });

    it("accepts values that need percent-encoding, including ! ' ( ) * and non-ASCII", async () => {
        // An unknown parameter is ignored, but it is still part of what is signed.
        expectPage(await call(emulator, { date: at(0), query: { Note: "a b+c/d~e!'()*中" } }));
    });

    it("reads a bare + in the query as a space, as form encoding does", async () => {
        expectPage(await call(emulator, { date: at(0), query: { Note: "a b" }, sentQuery: "Note=a+b" }));
    });

    it("rejects a repeated query parameter, which has no canonical form", async () => {
        const reply = await call(emulator, { date: at(0), query: { PageSize: "10" }, sentQuery: "PageSize=10&PageSize=10" });
        assert.match(expectError(reply, 400, "SignatureDoesNotMatch").Message, /repeated/);
    });

    it("rejects a wrong secret with 400 SignatureDoesNotMatch and names the server string to sign", async () => {
        const error = expectError(await call(emulator, { date: at(0), key: { ...PLAIN, accessKeySecret: "wrong" } }), 400, "SignatureDoesNotMatch");
        assert.match(error.Message, /server string to sign is: "ACS3-HMAC-SHA256\\n[0-9a-f]{64}"/);
    });

    it("rejects a query changed after signing", async () => {
        const reply = await call(emulator, {
            date: at(0),
            query: { PageSize: "10" },
            sentQuery: canonicalQuery({ PageSize: "20" }),
        });
        expectError(reply, 400, "SignatureDoesNotMatch");
    });

    it("rejects an added query parameter", async () => {
        const reply = await call(emulator, { date: at(0), sentQuery: "PageSize=20" });
        expectError(reply, 400, "SignatureDoesNotMatch");
    });

    it("rejects a signed header changed after signing", async () => {
        const reply = await call(emulator, {
            date: at(0),
            editHeaders: (h) => {
                h["x-acs-signature-nonce"] = randomUUID();
            },
        });
        expectError(reply, 400, "SignatureDoesNotMatch");
    });

    it("accepts a date 14 minutes off either way and rejects 16 with 400 InvalidTimeStamp.Expired", async () => {
        expectPage(await call(emulator, { date: at(-14 * 60_000) }));
        expectPage(await call(emulator, { date: at(14 * 60_000) }));
        expectError(await call(emulator, { date: at(-16 * 60_000) }), 400, "InvalidTimeStamp.Expired");
        expectError(await call(emulator, { date: at(16 * 60_000) }), 400, "InvalidTimeStamp.Expired");
    });

    it("rejects a malformed x-acs-date with 400 InvalidTimeStamp.Format", async () => {
        for (const bad of ["2024-05-01 12:00:00", "2024-05-01T12:00:00.000Z", "2024-02-30T12:00:00Z", "yesterday"]) {
            const headers = signCall(emulator, { date: at(0) });
            const parts = signatureParts(
                {
                    method: "POST",
                    pathname: "/",
                    query: {},
                    headers: { ...withoutAuthorization(headers), "x-acs-date": bad },
                    hashedPayload: EMPTY_BODY_SHA256,
                },
                PLAIN.accessKeySecret,
            );
            headers["x-acs-date"] = bad;
            headers["authorization"] = authorizationHeader(PLAIN.accessKeyId, parts.signedHeaders, parts.signature);
            const reply = await call(emulator, { date: at(0), editHeaders: (h) => Object.assign(h, headers) });
            expectError(reply, 400, "InvalidTimeStamp.Format");
        }
    });

    it("rejects a reused nonce with 400 SignatureNonceUsed, even with a fresh date", async () => {
        const nonce = randomUUID();
        expectPage(await call(emulator, { date: at(0), nonce }));
        expectError(await call(emulator, { date: at(1000), nonce }), 400, "SignatureNonceUsed");
    });

    it("does not burn the nonce of a rejected request", async () => {
        const nonce = randomUUID();
        expectError(await call(emulator, { date: at(0), nonce, key: { ...PLAIN, accessKeySecret: "x" } }), 400, "SignatureDoesNotMatch");
        expectPage(await call(emulator, { date: at(0), nonce }));
    });

    for (const header of ["authorization", "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]) {
        it(`rejects a request without ${header} with 400 IncompleteSignature`, async () => {
            const headers = signCall(emulator, { date: at(0) });
            delete headers[header];
            // HTTP/1.1 needs a Host header (Node answers a bare 400 without one), so send it empty: the emulator
            // counts an empty required header as missing.
            if (header === "host") headers["host"] = "";
            expectError(await readReply(await send(emulator, headers)), 400, "IncompleteSignature");
        });
    }

    for (const bad of [
        "ACS3-HMAC-SHA1 Credential=ak-plain,SignedHeaders=host,Signature=00",
        "ACS3-HMAC-SHA256 Credential=ak-plain,Signature=00",
        "ACS3-HMAC-SHA256 Credential=ak-plain,SignedHeaders=host;;x-acs-date,Signature=00",
        "Bearer abc",
    ]) {
        it(`rejects the malformed Authorization ${JSON.stringify(bad)} with 400 IncompleteSignature`, async () => {
            const reply = await call(emulator, { date: at(0), editHeaders: (h) => (h["authorization"] = bad) });
            expectError(reply, 400, "IncompleteSignature");
        });
    }

    it("rejects an unknown AccessKeyId with 404 InvalidAccessKeyId.NotFound", async () => {
        const reply = await call(emulator, { date: at(0), key: { accessKeyId: "nobody", accessKeySecret: "x" } });
        expectError(reply, 404, "InvalidAccessKeyId.NotFound");
    });

    it("rejects a signature whose SignedHeaders leaves out a required header", async () => {
        const headers = signCall(emulator, { date: at(0) });
        const partial = withoutAuthorization(headers);
        delete partial["x-acs-date"];
        const parts = signatureParts({ method: "POST", pathname: "/", query: {}, headers: partial, hashedPayload: EMPTY_BODY_SHA256 }, PLAIN.accessKeySecret);
        assert.ok(!parts.signedHeaders.includes("x-acs-date"));
        const reply = await call(emulator, {
            date: at(0),
            editHeaders: (h) => (h["authorization"] = authorizationHeader(PLAIN.accessKeyId, parts.signedHeaders, parts.signature)),
        });
        const error = expectError(reply, 400, "SignatureDoesNotMatch");
        assert.match(error.Message, /x-acs-date/);
    });

    it("rejects an x-acs-* header sent but not signed", async () => {
        const reply = await call(emulator, { date: at(0), editHeaders: (h) => (h["x-acs-extra"] = "1") });
        expectError(reply, 400, "SignatureDoesNotMatch");
    });

    it("accepts a signed body whose hash matches and rejects one whose hash does not", async () => {
        const body = "Extra=1";
        const sign = (hash: string) => {
            const headers = { ...withoutAuthorization(signCall(emulator, { date: at(0) })), "x-acs-content-sha256": hash };
            const parts = signatureParts({ method: "POST", pathname: "/", query: {}, headers, hashedPayload: hash }, PLAIN.accessKeySecret);
            return { ...headers, authorization: authorizationHeader(PLAIN.accessKeyId, parts.signedHeaders, parts.signature) };
        };
        expectPage(await readReply(await send(emulator, sign(sha256Hex(body)), { body })));
        const error = expectError(await readReply(await send(emulator, sign(EMPTY_BODY_SHA256), { body })), 400, "SignatureDoesNotMatch");
        assert.match(error.Message, /x-acs-content-sha256/);
    });

    describe("STS credentials", () => {
        it("accepts the right security token, signed", async () => {
            expectPage(await call(emulator, { date: at(0), key: STS }));
            const recorded = emulator.requests.at(-1);
            assert.equal(recorded?.headers["x-acs-security-token"], STS.securityToken);
            assert.match(recorded?.headers["authorization"] ?? "", /x-acs-security-token/);
        });

        it("rejects a missing token with 400 MissingSecurityToken", async () => {
            const { securityToken: _unused, ...withoutToken } = STS;
            void _unused;
            expectError(await call(emulator, { date: at(0), key: withoutToken }), 400, "MissingSecurityToken");
        });

        it("rejects another token with 400 InvalidSecurityToken.MismatchWithAccessKey", async () => {
            const reply = await call(emulator, { date: at(0), key: { ...STS, securityToken: "other" } });
            expectError(reply, 400, "InvalidSecurityToken.MismatchWithAccessKey");
        });

        it("rejects a token sent with a key that has none", async () => {
            const reply = await call(emulator, { date: at(0), key: { ...PLAIN, securityToken: "stray" } });
            expectError(reply, 400, "InvalidSecurityToken.MismatchWithAccessKey");
        });
    });

    describe("parsers", () => {
        it("parses an Authorization header, with or without spaces after the commas", () => {
            const parsed = parseAuthorization("ACS3-HMAC-SHA256 Credential=id, SignedHeaders=host;x-acs-date, Signature=ab12");
            assert.deepEqual(parsed, { accessKeyId: "id", signedHeaders: ["host", "x-acs-date"], signature: "ab12" });
        });

        it("parses only strict ACS dates", () => {
            assert.equal(parseAcsDate(formatAcsDate(new Date(NOW))), NOW);
            assert.equal(parseAcsDate("2024-13-01T00:00:00Z"), undefined);
            assert.equal(parseAcsDate("2024-05-01T12:00:00+08:00"), undefined);
        });
    });
});

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
    const { authorization: _unused, ...rest } = headers;
    void _unused;
    return rest;
}
