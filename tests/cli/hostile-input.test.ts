import { strict as assert } from "node:assert";
import { formatTable } from "../../cli/format-listing";
import { escapeUnsafeCharacters } from "../../provider/alibaba-client";
import { useEmulator } from "../support/emulator-fixture";
import { runCli } from "../support/run-cli";

/** C0 and C1 control characters, DEL included, other than a line's final newline. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("command line: flags in errors, and nothing hostile reaches the terminal", () => {
    const fixture = useEmulator({
        verifications: [
            { contactId: "c-aaaaaaaa01", target: "evil\u001b]0;pwned\u0007***@example.com" },
            { contactId: "c-aaaaaaaa01", target: "138****0000\r\u001b[2Kfake line\u009b" },
        ],
    });
    const credentials = () => ({
        ALIBABA_CLOUD_ACCESS_KEY_ID: fixture.emulator.account.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: fixture.emulator.account.accessKeySecret,
    });

    it("names flags, not fields, with the --help hint", async () => {
        for (const [args, message] of [
            [
                ["--page-size", "500"],
                /^alicloud-contact-verifications: --page-size must be an integer from 1 to 100; got 500\.\nRun alicloud-contact-verifications --help for usage\.\n$/,
            ],
            [["--concurrency", "0"], /^alicloud-contact-verifications: --concurrency must be an integer from 1 to 32; got 0\./],
            [["--contact-id", "nope"], /^alicloud-contact-verifications: --contact-id must be a message contact ID/],
        ] as const) {
            const result = await runCli([...args, "--endpoint", fixture.emulator.url]);
            assert.equal(result.code, 2, result.stderr);
            assert.match(result.stderr, message);
            assert.doesNotMatch(result.stderr, /pageSize|contactId/);
        }
        assert.equal(fixture.emulator.requests.length, 0);
    });

    it("reports usage errors before the emulator starts", async () => {
        const result = await runCli(["--emulator", "--page-size", "0"]);
        assert.equal(result.code, 2);
        assert.doesNotMatch(result.stderr, /DEMO DATA/);
        assert.match(result.stderr, /--page-size must be/);
    });

    it("refuses an endpoint with a password without echoing it", async () => {
        const result = await runCli(["--endpoint", "https://admin:hunter2@resourcedirectory.aliyuncs.com"]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /--endpoint must be a host or scheme:\/\/host\[:port\] with no path, query or credentials/);
        assert.doesNotMatch(result.stderr, /hunter2/);
    });

    it("escapes control characters from the service in table output", async () => {
        const table = formatTable(fixture.emulator.verifications());
        assert.doesNotMatch(table.replace(/\n/g, ""), CONTROL);
        assert.match(table, /evil\\u001b\]0;pwned\\u0007\*\*\*@example\.com/);
        assert.match(table, /138\*\*\*\*0000\\r\\u001b\[2Kfake line\\u009b/);
    });

    it("escapes control characters from the service on stderr", async () => {
        fixture.emulator.inject({ fault: { kind: "error", status: 400, code: "Bad\u001b[31mCode", message: "boom\u001b]52;c;aGk=\u0007 \u0085" } });
        const result = await runCli(["--endpoint", fixture.emulator.url], credentials());
        assert.equal(result.code, 1);
        assert.doesNotMatch(result.stderr.replace(/\n$/, ""), CONTROL);
        assert.match(result.stderr, /Bad\\u001b\[31mCode/);
    });

    it("escapes nothing else, and the format characters that reorder or hide text too", () => {
        assert.equal(escapeUnsafeCharacters("ok ***@example.com 中文 café"), "ok ***@example.com 中文 café");
        assert.equal(escapeUnsafeCharacters("a\u202eb\u200bc\u2028d"), "a\\u202eb\\u200bc\\u2028d");
    });
});
