import { strict as assert } from "node:assert";
import OpenApiUtil from "@alicloud/openapi-util";
import fc from "fast-check";
import { EMPTY_BODY_SHA256, HEADER, signRpcRequest } from "../../provider/alibaba-client/signing";

const key = { accessKeyId: "oracle-key-id", accessKeySecret: "oracle-secret" };

/** Parameter names as the API has them (Alibaba's library does not encode names); values: anything. */
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,15}$/);
const value = fc.string({ unit: "grapheme", maxLength: 40 });

// The emulator judges signatures with our own helpers; Alibaba's own library is an independent judge.
describe("property: our ACS3-HMAC-SHA256 signature is the one Alibaba's @alicloud/openapi-util computes", () => {
    it("for any parameters, date, nonce and STS token, and the path sent holds the query that was signed", () => {
        fc.assert(
            fc.property(
                fc.dictionary(name, value, { maxKeys: 8 }),
                fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-01-01T00:00:00Z"), noInvalidDate: true }),
                fc.stringMatching(/^[0-9a-f]{32}$/),
                fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{10,60}$/), { nil: undefined }),
                (query, date, nonce, securityToken) => {
                    const signingKey = securityToken ? { ...key, securityToken } : key;
                    const call = { host: "resourcedirectory.aliyuncs.com", action: "ListMessageContactVerifications", version: "2022-04-19", query };
                    const { path, headers } = signRpcRequest(call, signingKey, date, nonce);
                    const { [HEADER.authorization]: ours, ...signed } = headers;
                    const theirs = OpenApiUtil.getAuthorization(
                        { pathname: "/", method: "POST", query, headers: signed } as never,
                        "ACS3-HMAC-SHA256",
                        EMPTY_BODY_SHA256,
                        signingKey.accessKeyId,
                        signingKey.accessKeySecret,
                    );
                    assert.equal(ours, theirs);
                    // The query on the wire decodes to exactly the parameters that were signed.
                    const sent = new URL(`https://h${path}`).searchParams;
                    assert.deepEqual(Object.fromEntries(sent), { ...query });
                },
            ),
            { numRuns: 300 },
        );
    });
});
