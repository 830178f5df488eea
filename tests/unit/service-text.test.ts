import { strict as assert } from "node:assert";
import { quotedText, serviceText } from "../../provider/alibaba-client/errors/service-text";

describe("serviceText", () => {
    it("writes control, format and separator characters and lone surrogates visibly, and leaves the rest", () => {
        const cases: [string, string][] = [
            ["plain text, ünïcödé and 中文 stay", "plain text, ünïcödé and 中文 stay"],
            ["\u0000\u0007\u001b[31m\u007f", "\\u0000\\u0007\\u001b[31m\\u007f"],
            ["a\r\nb\tc", "a\\r\\nb\\tc"],
            ["\u0085\u009b\u009d", "\\u0085\\u009b\\u009d"],
            ["\u202eabc\u202c\u2066x\u2069\u200b\u200d\u00ad\ufeff\u061c", "\\u202eabc\\u202c\\u2066x\\u2069\\u200b\\u200d\\u00ad\\ufeff\\u061c"],
            ["\u2028\u2029", "\\u2028\\u2029"],
            ["\ud800 and \udc00", "\\ud800 and \\udc00"],
            ["tag \u{e0041}", "tag \\u{e0041}"],
            ["emoji 😀 whole", "emoji 😀 whole"],
        ];
        for (const [text, shown] of cases) assert.equal(serviceText(text, 1000), shown, JSON.stringify(text));
    });

    it("keeps text up to the limit as it is, and cuts longer text, counting what was left out", () => {
        assert.equal(serviceText("x".repeat(10), 10), "x".repeat(10));
        assert.equal(serviceText("x".repeat(11), 10), "xxxxxxxxxx... (1 more character)");
        assert.equal(serviceText("x".repeat(8_000_000), 5), "xxxxx... (7999995 more characters)");
    });

    it("counts escapes against the limit and never cuts one, or a surrogate pair, in half", () => {
        assert.equal(serviceText("ab\u001bcd", 8), "ab\\u001b... (2 more characters)");
        assert.equal(serviceText("ab\u001bcd", 7), "ab... (3 more characters)");
        assert.equal(serviceText("a😀b", 2), "a... (3 more characters)");
    });

    it("is idempotent on what it returns within the limit (escaped text has nothing left to escape)", () => {
        const once = serviceText("\u001b[2J\u202e", 100);
        assert.equal(serviceText(once, 100), once);
    });
});

describe("quotedText", () => {
    it("quotes text from outside, escaping quotes and backslashes besides what serviceText escapes", () => {
        assert.equal(quotedText('a "b" \\ c', 100), '"a \\"b\\" \\\\ c"');
        assert.equal(quotedText("type\u202e\u0085\u2028\u001b[2J", 100), '"type\\u202e\\u0085\\u2028\\u001b[2J"');
        assert.equal(quotedText("", 10), '""');
    });

    it("cuts after the limit, outside the quotes, counting what was left out, reading only what is kept", () => {
        assert.equal(quotedText("x".repeat(1_048_576), 5), '"xxxxx"... (1048571 more characters)');
        assert.equal(quotedText('ab"cd', 3), '"ab"... (3 more characters)');
    });
});
