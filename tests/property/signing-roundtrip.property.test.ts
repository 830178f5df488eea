import { strict as assert } from "node:assert";
import fc from "fast-check";
import { SignatureVerifier } from "../../emulator";
import { canonicalQuery, signRpcCall } from "../../provider/alibaba-client/signing";

const account = { accessKeyId: "prop-key-id", accessKeySecret: "prop-secret" };
const NOW = Date.parse("2026-01-01T00:00:00Z");

/** Parameter names: anything printable the API could see, unicode included (not empty). */
const name = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 });
const value = fc.string({ unit: "grapheme", maxLength: 40 });

describe("property: whatever the parameters, the client's signature verifies", () => {
    it("signs and verifies round trip (emulator verifier, independent parsing of the raw query)", () => {
        let nonce = 0;
        const verifier = new SignatureVerifier({ accounts: [account], now: () => NOW });
        fc.assert(
            fc.property(fc.dictionary(name, value, { maxKeys: 8 }), (query) => {
                const headers = signRpcCall(
                    { host: "127.0.0.1:1", action: "ListMessageContactVerifications", version: "2022-04-19", query },
                    account,
                    new Date(NOW),
                    `nonce-${nonce++}`,
                );
                const verdict = verifier.verify({ method: "POST", rawQuery: canonicalQuery(query), headers, body: new Uint8Array() });
                assert.ok(verdict.ok, verdict.ok ? "" : verdict.error.code + ": " + verdict.error.message);
                assert.deepEqual({ ...verdict.query }, { ...query });
            }),
            { numRuns: 300 },
        );
    });

    it("rejects any change to a signed parameter value", () => {
        let nonce = 0;
        const verifier = new SignatureVerifier({ accounts: [account], now: () => NOW });
        fc.assert(
            fc.property(fc.dictionary(name, value, { minKeys: 1, maxKeys: 6 }), value, (query, replacement) => {
                const key = Object.keys(query)[0] as string;
                fc.pre(query[key] !== replacement);
                const headers = signRpcCall({ host: "h", action: "A", version: "2022-04-19", query }, account, new Date(NOW), `tamper-${nonce++}`);
                const tampered = { ...query, [key]: replacement };
                const verdict = verifier.verify({ method: "POST", rawQuery: canonicalQuery(tampered), headers: { ...headers }, body: new Uint8Array() });
                assert.equal(verdict.ok, false);
                assert.equal(verdict.ok ? "" : verdict.error.code, "SignatureDoesNotMatch");
            }),
            { numRuns: 200 },
        );
    });
});
