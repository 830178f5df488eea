/** The release's bundle: ASCII text, so that V8 holds its source in one byte per character; its legal comments apart. */
import { strict as assert } from "node:assert";
import { bundle } from "../../packaging/bundle";
import { NODE_VERSION } from "../../packaging/node-binaries";

describe("release: the bundle's text", () => {
    let built: Awaited<ReturnType<typeof bundle>>;
    before(async function () {
        this.timeout(120_000);
        built = await bundle("0.0.0-test", NODE_VERSION);
    });

    it("is ASCII from end to end: one character out of it would make V8 keep the whole source in two bytes each", () => {
        const outside = [...built.text].map((c, at) => [c.codePointAt(0) ?? 0, at] as const).filter(([code]) => code > 0x7f);
        assert.deepEqual(
            outside.slice(0, 3).map(([code, at]) => `U+${code.toString(16)} at ${at}: ${JSON.stringify(built.text.slice(Math.max(0, at - 60), at + 20))}`),
            [],
        );
    });

    it("keeps the bundled code's legal comments apart,, and none in the script", () => {
        assert.match(built.legalNotices, /\/\*!|@license|@preserve/);
        assert.ok(built.legalNotices.split("\n").length > 10, built.legalNotices.slice(0, 200));
        assert.doesNotMatch(built.text, /\/\*!/);
    });
});
