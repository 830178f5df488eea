import { strict as assert } from "node:assert";
import { EMPTY_BODY_SHA256, signatureParts, sha256Hex, percentEncode, canonicalQuery } from "../../provider/alibaba-client/signing";

// Alibaba Cloud's worked example of ACS3-HMAC-SHA256 (see the V3 signature documentation).
const officialExample = {
    request: {
        method: "POST",
        pathname: "/",
        query: { ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", RegionId: "cn-shanghai" },
        headers: {
            host: "ecs.cn-shanghai.aliyuncs.com",
            "x-acs-action": "RunInstances",
            "x-acs-version": "2014-05-26",
            "x-acs-date": "2023-10-26T10:22:32Z",
            "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
            "x-acs-content-sha256": EMPTY_BODY_SHA256,
        },
        hashedPayload: EMPTY_BODY_SHA256,
    },
    secret: "YourAccessKeySecret",
    hashedCanonicalRequest: "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
    signedHeaders: "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
    signature: "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
};

describe("ACS3-HMAC-SHA256 signing", () => {
    it("reproduces the official worked example exactly", () => {
        const parts = signatureParts(officialExample.request, officialExample.secret);
        assert.equal(parts.hashedCanonicalRequest, officialExample.hashedCanonicalRequest);
        assert.equal(parts.signedHeaders, officialExample.signedHeaders);
        assert.equal(parts.signature, officialExample.signature);
        assert.equal(parts.stringToSign, `ACS3-HMAC-SHA256\n${officialExample.hashedCanonicalRequest}`);
    });

    it("hashes the empty body to the documented constant", () => {
        assert.equal(sha256Hex(""), EMPTY_BODY_SHA256);
    });

    it("percent-encodes the characters encodeURIComponent leaves alone", () => {
        assert.equal(percentEncode("a!b'c(d)e*f"), "a%21b%27c%28d%29e%2Af");
        assert.equal(percentEncode("a b+c/d~e"), "a%20b%2Bc%2Fd~e");
        assert.equal(percentEncode("中"), "%E4%B8%AD");
    });

    it("sorts query parameters by encoded name", () => {
        assert.equal(canonicalQuery({ b: "2", a: "1", A: "0" }), "A=0&a=1&b=2");
    });

    it("changes the signature when any signed input changes", () => {
        const base = signatureParts(officialExample.request, officialExample.secret).signature;
        const otherNonce = signatureParts(
            { ...officialExample.request, headers: { ...officialExample.request.headers, "x-acs-signature-nonce": "other" } },
            officialExample.secret,
        ).signature;
        const otherSecret = signatureParts(officialExample.request, "other").signature;
        assert.notEqual(otherNonce, base);
        assert.notEqual(otherSecret, base);
    });
});
