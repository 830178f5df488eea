import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { demoVerifications } from "../../emulator";
import { parseCommandLine, UsageError } from "../../cli/parse-command-line";
import { formatTable } from "../../cli/format-listing";
import { useEmulator, verifications } from "../support/emulator-fixture";
import { CLI, cleanEnv, runCli } from "../support/run-cli";

describe("command line: parsing and formatting", () => {
    it("parses every option", () => {
        assert.deepEqual(parseCommandLine(["--contact-id", "c-abc", "--page-size", "50", "--concurrency", "2", "--endpoint", "h", "--output", "ndjson"]), {
            kind: "list",
            contactId: "c-abc",
            pageSize: 50,
            concurrency: 2,
            endpoint: "h",
            output: "ndjson",
            emulator: false,
        });
        assert.deepEqual(parseCommandLine(["--help"]), { kind: "help" });
        assert.deepEqual(parseCommandLine(["--version"]), { kind: "version" });
    });

    it("rejects unknown options, bad numbers and formats with a usage error", () => {
        assert.throws(() => parseCommandLine(["--nope"]), UsageError);
        assert.throws(() => parseCommandLine(["--page-size", "ten"]), /--page-size must be a whole number/);
        assert.throws(() => parseCommandLine(["--output", "xml"]), /--output must be one of table, json, ndjson/);
    });

    it("formats an aligned table with a count", () => {
        const text = formatTable([
            { contactId: "c-a", target: "x***@example.com" },
            { contactId: "c-bbbbbb", target: "138****0000" },
        ]);
        assert.equal(text, "CONTACT ID  TARGET\nc-a         x***@example.com\nc-bbbbbb    138****0000\n\n2 pending verifications\n");
    });
});

describe("command line: the built command", () => {
    const fixture = useEmulator({ verifications: verifications(230) });

    it("prints its version and help, exit 0", async () => {
        const version = await runCli(["--version"]);
        assert.equal(version.code, 0);
        assert.equal(version.stdout.trim(), (require("../../package.json") as { version: string }).version);
        const help = await runCli(["--help"]);
        assert.equal(help.code, 0);
        assert.match(help.stdout, /Exit codes: 0 success, 1 .*, 2 usage error/);
    });

    it("exits 2 on a usage error and on an invalid argument, sending nothing", async () => {
        assert.equal((await runCli(["--bogus"])).code, 2);
        const bad = await runCli(["--page-size", "500", "--endpoint", fixture.emulator.url]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /--page-size must be an integer from 1 to 100/);
        assert.equal(fixture.emulator.requests.length, 0);
    });

    it("lists the bundled emulator's demo data as JSON and says it is demo data", async () => {
        const result = await runCli(["--emulator", "--output", "json"]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stderr, /DEMO DATA/);
        const parsed = JSON.parse(result.stdout) as { totalCount: number; verifications: unknown[] };
        assert.equal(parsed.totalCount, 250);
        assert.deepEqual(parsed.verifications, demoVerifications(250));
    });

    it("lists a real endpoint with env credentials as NDJSON", async () => {
        const e = fixture.emulator;
        const result = await runCli(["--endpoint", e.url, "--output", "ndjson", "--page-size", "100"], {
            ALIBABA_CLOUD_ACCESS_KEY_ID: e.account.accessKeyId,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: e.account.accessKeySecret,
        });
        assert.equal(result.code, 0, result.stderr);
        const lines = result.stdout
            .trim()
            .split("\n")
            .map((line) => JSON.parse(line) as unknown);
        assert.deepEqual(lines, e.verifications());
        assert.equal(result.stderr, "", "no progress line when stderr is not a terminal");
    });

    it("on a terminal: a table by default, with page progress on stderr", async () => {
        // `script` (util-linux) gives the command a pseudo-terminal, as a user's shell would.
        const command = `${process.execPath} ${CLI} --emulator`;
        const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
            execFile("script", ["-qec", command, "/dev/null"], { env: cleanEnv({ TERM: "dumb" }) }, (error, stdout) =>
                resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
            );
        });
        assert.equal(result.code, 0, result.stdout);
        assert.match(result.stdout, /pages 1\/3.*pages 3\/3/s);
        assert.match(result.stdout, /CONTACT ID +TARGET/);
        assert.match(result.stdout, /250 pending verifications/);
    });

    it("exits 1 and says where it looked when there are no credentials", async () => {
        const result = await runCli(["--endpoint", fixture.emulator.url]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /No Alibaba Cloud credentials found\. Looked in: .*ALIBABA_CLOUD_ACCESS_KEY_ID/);
        assert.doesNotMatch(result.stderr, /arguments|stack config|alicloud:/, "only places a CLI user can set are named");
    });

    it("exits 2 on an environment variable its option refuses (ALICLOUD_REGION='bad region'), naming it, sending nothing", async () => {
        const e = fixture.emulator;
        const result = await runCli(["--endpoint", e.url], {
            ALICLOUD_REGION: "bad region",
            ALICLOUD_ACCESS_KEY: e.account.accessKeyId,
            ALICLOUD_SECRET_KEY: e.account.accessKeySecret,
        });
        assert.equal(result.code, 2);
        assert.match(result.stderr, /env ALICLOUD_REGION must be a region ID such as cn-hangzhou or ap-southeast-1; got "bad region"/);
        assert.equal(e.requests.length, 0);
    });

    it("--help describes the credential chain and the region's sources as the option table gives them", async () => {
        const help = (await runCli(["--help"])).stdout.replace(/\s+/g, " ");
        assert.match(
            help,
            /Credentials, first found: env ALICLOUD_ACCESS_KEY\/ALICLOUD_SECRET_KEY \(\+ ALICLOUD_SECURITY_TOKEN\), env ALICLOUD_PROFILE, then Alibaba Cloud's default chain: env ALIBABA_CLOUD_ACCESS_KEY_ID/,
        );
        assert.match(help, /The region picks the site: env ALICLOUD_REGION, else ALIBABA_CLOUD_REGION, else the China site\./);
    });

    it("exits 1 with the service's error code on an API error", async () => {
        const e = fixture.emulator;
        const result = await runCli(["--endpoint", e.url, "--contact-id", "c-unknown00001"], {
            ALIBABA_CLOUD_ACCESS_KEY_ID: e.account.accessKeyId,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: e.account.accessKeySecret,
        });
        assert.equal(result.code, 1);
        assert.match(result.stderr, /EntityNotExists\.Contact/);
        assert.doesNotMatch(result.stderr, new RegExp(e.account.accessKeySecret));
    });
});
