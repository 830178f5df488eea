import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { AlibabaCloudApiError, getMessageContactVerifications, InvalidResponseError } from "../../sdk";
import { useEmulator, verifications } from "../support/emulator-fixture";

/** Characters that may not reach a terminal or a log as they are: controls, format characters, separators, lone surrogates. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** Terminal escapes, a bidi override, a zero-width joiner, line breaks and a lone surrogate. */
const HOSTILE = "\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eevil\u200d\r\n\u2028\ud800";

/** `unit` repeated to about `bytes` characters. */
const repeated = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

/**
 * Text from the service reaches every caller bounded and escaped: an error answer of megabytes full of terminal
 * escapes, through the real client and transport, becomes an error of a few hundred characters that can be printed.
 */
describe("text from the service in errors", () => {
    const fixture = useEmulator();
    beforeEach(() => fixture.emulator.setVerifications(verifications(10)));
    const list = () => getMessageContactVerifications(fixture.client({ maxAttempts: 1 }));

    it("an error answer with a Message of 4.5 million characters (near the 8 MiB answer cap), a long RequestId, Code, HostId and Recommend full of escapes: bounded and escaped", async () => {
        const body = JSON.stringify({
            RequestId: "R-" + repeated(HOSTILE, 10_000),
            Code: "Forbidden.Owned" + repeated(HOSTILE, 5_000),
            Message: "You are not allowed: " + repeated(HOSTILE + "message ", 4_500_000),
            HostId: repeated(HOSTILE, 5_000),
            Recommend: "https://api.aliyun.com/troubleshoot?q=" + repeated(HOSTILE, 100_000),
        });
        assert.ok(body.length > 7_000_000 && Buffer.byteLength(body) < 8 * 1024 * 1024, `the answer is ${Buffer.byteLength(body)} bytes`);
        fixture.emulator.inject({ fault: { kind: "body", status: 403, body } });
        await assert.rejects(list(), (error: unknown) => {
            assert.ok(error instanceof AlibabaCloudApiError, String(error));
            for (const [name, text] of Object.entries({
                message: error.message,
                code: error.code,
                serviceMessage: error.serviceMessage,
                requestId: error.requestId ?? "",
                hostId: error.hostId ?? "",
                recommend: error.recommend ?? "",
            })) {
                assert.doesNotMatch(text, UNSAFE, `${name} holds an unescaped control or format character`);
            }
            assert.ok(error.message.length < 2_000, `the message is ${error.message.length} characters`);
            assert.ok(inspect(error).length < 8_000, `util.inspect prints ${inspect(error).length} characters`);
            for (const text of [error.code, error.requestId ?? "", error.hostId ?? ""]) assert.ok(text.length <= 130, text);
            assert.ok(error.serviceMessage.length <= 430 && error.recommend !== undefined && error.recommend.length <= 430);
            // What was kept is shown visibly, and what was left out is counted.
            assert.ok(error.message.includes("You are not allowed: \\u001b]0;owned\\u0007\\u001b[2J\\u009b31m\\u202eevil\\u200d\\r\\n\\u2028\\ud800"));
            assert.match(error.message, /^ListMessageContactVerifications failed with HTTP 403 Forbidden\.Owned\\u001b/);
            assert.match(error.serviceMessage, /\.\.\. \(\d{7} more characters\)$/);
            assert.match(error.message, /\(RequestId R-\\u001b[^)]*\.\.\. \(\d+ more characters\)\)/);
            assert.equal(error.retryable, false);
            return true;
        });
    });

    it("an unusable answer: the problem, the excerpt and the RequestId are escaped and bounded", async () => {
        const body = JSON.stringify({ RequestId: "R-" + repeated(HOSTILE, 1_000), TotalCount: "\u001b[31mmany", PageNumber: 1, PageSize: 10 });
        fixture.emulator.inject({ fault: { kind: "body", status: 200, body: body + repeated(HOSTILE, 100_000) } });
        await assert.rejects(list(), (error: unknown) => {
            assert.ok(error instanceof InvalidResponseError, String(error));
            for (const text of [error.message, error.requestId ?? "", error.bodyExcerpt ?? "", error.problem]) assert.doesNotMatch(text, UNSAFE, text);
            assert.ok(error.message.length < 1_000, error.message);
            assert.match(error.bodyExcerpt ?? "", /^\{"RequestId":"R-\\u001b\]0;owned\\u0007.*\.\.\. \(\d+ more characters\)$/);
            return true;
        });
    });
});
