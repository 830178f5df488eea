/**
 * Every executable of the npm package (package.json's `bin`, as built in dist/) answers `--version` and `--help` as
 * command-line tools do, whichever protocol it serves: the version alone on stdout, or a usage line naming the
 * executable, then exit 0, at once. The provider plugin used to print a port and wait for an engine that never
 * came. The providers' other arguments: the Pulumi plugin serves with its engine's (address, logging flags); the
 * Terraform provider, which go-plugin starts with none, refuses an unknown one with exit code 2 (a usage error,
 * as the CLI's) and the flags it takes. And the argument reader itself, case by case.
 */
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { providerCommand, wrapText } from "../../provider/plugin-process/command-line";
import { binEntries } from "../../scripts/mark-bins-executable";
import { REPO_ROOT } from "../support/consumer-project";
import { hermeticEnv } from "../support/hermetic-env";

const MANIFEST = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
const BINS = binEntries(JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")));

/** Runs a bin with `args`, killed after 20 s (a bin that serves instead of answering is killed, status null). */
function runBin(path: string, args: readonly string[]) {
    return spawnSync(process.execPath, [join(REPO_ROOT, path), ...args], {
        encoding: "utf8",
        timeout: 20_000,
        env: hermeticEnv(),
        stdio: ["ignore", "pipe", "pipe"],
    });
}

describe("the npm package's executables answer --version and --help", function () {
    this.timeout(60_000);

    it("are the CLI and both providers", () => {
        assert.deepEqual(BINS.map((bin) => bin.name).sort(), [
            "alicloud-contact-verifications",
            "pulumi-resource-alicloud-message-contacts",
            "terraform-provider-alicloudmessagecontacts",
        ]);
    });

    for (const { name, path } of BINS) {
        it(`${name} --version prints the package's version and exits 0`, () => {
            const result = runBin(path, ["--version"]);
            assert.equal(result.status, 0, `${name} --version: status ${String(result.status)} (signal ${String(result.signal)}), stdout ${result.stdout}`);
            assert.equal(result.stdout, `${MANIFEST.version}\n`);
            assert.equal(result.stderr, "");
        });

        for (const flag of ["--help", "-h"]) {
            it(`${name} ${flag} prints its usage and exits 0`, () => {
                const result = runBin(path, [flag]);
                assert.equal(result.status, 0, `${name} ${flag}: status ${String(result.status)} (signal ${String(result.signal)}), stdout ${result.stdout}`);
                assert.match(result.stdout, new RegExp(`^Usage: ${name} `));
                assert.match(result.stdout, /--version/);
                assert.equal(result.stderr, "");
            });
        }
    }

    it("terraform-provider-alicloudmessagecontacts refuses an unknown argument with exit code 2, naming it and the flags it takes", () => {
        const bin = BINS.find((b) => b.name === "terraform-provider-alicloudmessagecontacts");
        assert.ok(bin);
        const result = runBin(bin.path, ["--bogus"]);
        assert.equal(result.status, 2);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, /unknown argument "--bogus"; it takes --version, --help, --write-mirror \.\.\., or none/);
    });

    it("pulumi-resource-alicloud-message-contacts still serves with the engine's arguments: it prints its port", async () => {
        const bin = BINS.find((b) => b.name === "pulumi-resource-alicloud-message-contacts");
        assert.ok(bin);
        const child = spawn(process.execPath, [join(REPO_ROOT, bin.path), "--logtostderr", "-v=9", "127.0.0.1:1"], {
            env: hermeticEnv(),
            stdio: ["pipe", "pipe", "pipe"],
        });
        try {
            const line = await new Promise<string>((resolve, reject) => {
                let out = "";
                child.stdout.on("data", (chunk: Buffer) => {
                    out += chunk.toString("utf8");
                    if (out.includes("\n")) resolve(out.split("\n")[0] as string);
                });
                child.on("exit", (code) => reject(new Error(`exited ${String(code)} before a line`)));
            });
            assert.match(line, /^\d{2,5}$/);
        } finally {
            child.kill("SIGKILL");
        }
    });
});

describe("a provider executable's arguments (providerCommand)", () => {
    const plugin = { name: "plugin", otherArguments: "serve" } as const;
    const terraform = { name: "tf", flags: ["--write-mirror"], otherArguments: "refuse" } as const;

    it("--help and -h anywhere win; then --version anywhere", () => {
        for (const rules of [plugin, terraform]) {
            assert.deepEqual(providerCommand(["--help"], rules), { kind: "help" });
            assert.deepEqual(providerCommand(["127.0.0.1:1", "-h"], rules), { kind: "help" });
            assert.deepEqual(providerCommand(["--version", "--help"], rules), { kind: "help" });
            assert.deepEqual(providerCommand(["--version"], rules), { kind: "version" });
        }
    });

    it("no arguments serve; the Pulumi plugin serves with its engine's, the Terraform provider refuses others", () => {
        assert.deepEqual(providerCommand([], plugin), { kind: "serve" });
        assert.deepEqual(providerCommand([], terraform), { kind: "serve" });
        assert.deepEqual(providerCommand(["--logtostderr", "-v=9", "--tracing", "http://x", "127.0.0.1:1"], plugin), { kind: "serve" });
        const refused = providerCommand(["-v=9"], terraform);
        assert.equal(refused.kind, "usage-error");
        assert.match(
            refused.kind === "usage-error" ? refused.message : "",
            /^tf: unknown argument "-v=9"; it takes --version, --help, --write-mirror \.\.\., or none/,
        );
    });

    it("an executable's own flag is taken as the first argument, with the arguments after it", () => {
        assert.deepEqual(providerCommand(["--write-mirror", "dir"], terraform), { kind: "flag", flag: "--write-mirror", args: ["--write-mirror", "dir"] });
        assert.deepEqual(providerCommand(["--write-mirror"], plugin), { kind: "serve" }, "the plugin has no such flag: an engine argument");
    });

    it("an unknown argument is shown bounded and escaped", () => {
        const refused = providerCommand([`\u001b[2J${"x".repeat(200)}`], terraform);
        const message = refused.kind === "usage-error" ? refused.message : "";
        assert.ok(!message.includes("\u001b"), message);
        assert.match(message, /"\\u001b\[2Jx+\.\.\."/);
        assert.ok(message.length < 250, message);
    });

    it("help texts are wrapped at word boundaries", () => {
        assert.equal(wrapText("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert.equal(wrapText("  a\n b  ", 80), "a b");
    });
});
