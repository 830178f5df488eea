import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { z } from "zod";
import { InvalidResponseError } from "../../provider/alibaba-client/errors";
import { parseAnswer } from "../../provider/alibaba-client/transport/parse-answer";
import { redactCredentials } from "../../provider/alibaba-client/transport/redact-credentials";

const SECRET = "Hx9sQ2v8kL0pWz7rT4yU6iO1aS3dF5gJ";
const TOKEN = "CAIS" + "x".repeat(300);
const stsBody = JSON.stringify({
    RequestId: "6894B13B-6D71-4EF5-88FA-F32781734A7F",
    Credentials: { AccessKeyId: "STS.NUx8fQ3", AccessKeySecret: SECRET, SecurityToken: TOKEN, Expiration: "2026-12-01T10:00:00Z" },
});

function answer(body: string, status = 200) {
    return { status, headers: { "content-type": "application/json" }, body: Buffer.from(body) };
}

const credentialsSchema = z.object({ Credentials: z.object({ AccessKeySecret: z.string(), SecurityToken: z.string(), Expiration: z.number() }) });

describe("parseAnswer's excerpts of unusable answers", () => {
    for (const [what, body] of [
        ["a truncated AssumeRole answer", stsBody.slice(0, stsBody.indexOf(TOKEN) + 40)],
        ["a truncated answer cut inside the secret", stsBody.slice(0, stsBody.indexOf(SECRET) + 10)],
        ["a mistyped AssumeRole answer", stsBody],
    ] as const) {
        it(`never keep credentials: ${what}`, () => {
            assert.throws(
                () => parseAnswer("AssumeRole", answer(body), credentialsSchema),
                (error: unknown) => {
                    assert.ok(error instanceof InvalidResponseError);
                    const shown = `${inspect(error)}\n${error.message}\n${error.bodyExcerpt ?? ""}`;
                    assert.ok(!shown.includes(SECRET.slice(0, 10)), "the secret is in the error");
                    assert.ok(!shown.includes("xxxxxxxxxx"), "the token is in the error");
                    assert.match(error.bodyExcerpt ?? "", /"AccessKeySecret":\s*"\[redacted\]/);
                    return true;
                },
            );
        });
    }

    it("redacts every credential-like field, whatever its spelling, and keeps the rest", () => {
        const text = '{"AccessKeyId":"LTAI5t","accessKeySecret":"s3cr3t","SecurityToken":"tok","password": "pw","Code":"X"}';
        const redacted = redactCredentials(text);
        for (const secret of ["s3cr3t", '"tok"', '"pw"']) assert.ok(!redacted.includes(secret), redacted);
        assert.match(redacted, /"Code":"X"/);
        assert.match(redacted, /"AccessKeyId":"LTAI5t"/, "a key ID is not a secret");
    });
});
