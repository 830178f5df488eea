import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Emulator, startEmulator } from "../../emulator";
import { InvalidArgumentError, listMessageContactVerifications, MessageContactsError, TransportError } from "../../provider/alibaba-client";
import { credentialsFor } from "../../provider/alibaba-client";
import { STACK_CONFIG_VOCABULARY } from "../../provider/dynamic/stack-config";
import { testCertificate } from "../support/test-tls";

/** Every error the package throws is one of its own. */
describe("every failure is a MessageContactsError", () => {
    describe("TLS", () => {
        let tlsEmulator: Emulator;
        let plainEmulator: Emulator;
        before(async function () {
            this.timeout(60_000); // generating the RSA key can take a moment
            const { key, cert } = testCertificate();
            tlsEmulator = await startEmulator({ tls: { key, cert }, verifications: [{ contactId: "c-abc", target: "138****0000" }] });
            plainEmulator = await startEmulator({ verifications: [{ contactId: "c-abc", target: "138****0000" }] });
        });
        after(async () => {
            await tlsEmulator?.close();
            await plainEmulator?.close();
        });

        it("an untrusted certificate is a final TransportError TlsFailed, not a raw Error", async () => {
            const { accessKeyId, accessKeySecret } = tlsEmulator.account;
            await assert.rejects(listMessageContactVerifications({ endpoint: tlsEmulator.url, accessKeyId, accessKeySecret }), (error: unknown) => {
                assert.ok(error instanceof TransportError, String(error));
                assert.equal(error.failure, "TlsFailed");
                assert.equal(error.retryable, false);
                assert.match(error.message, /TLS with https:\/\/127\.0\.0\.1:\d+ failed \(DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate[;)]/);
                return true;
            });
        });

        it("a scheme-less loopback endpoint serving plain HTTP says that http:// must be written", async () => {
            const { accessKeyId, accessKeySecret } = plainEmulator.account;
            const hostAndPort = new URL(plainEmulator.url).host;
            await assert.rejects(listMessageContactVerifications({ endpoint: hostAndPort, accessKeyId, accessKeySecret }), (error: unknown) => {
                assert.ok(error instanceof TransportError && error.failure === "TlsFailed", String(error));
                assert.match(error.message, new RegExp(`write http://${hostAndPort.replace(/\./g, "\\.")} for a plain-HTTP endpoint on this machine`));
                return true;
            });
        });
    });

    it("a named aliyun CLI profile while ALIBABA_CLOUD_CLI_PROFILE_DISABLED is set", async () => {
        const home = mkdtempSync(join(tmpdir(), "cli-disabled-"));
        try {
            mkdirSync(join(home, ".aliyun"));
            writeFileSync(
                join(home, ".aliyun", "config.json"),
                JSON.stringify({ current: "p", profiles: [{ name: "p", mode: "AK", access_key_id: "id", access_key_secret: "secret" }] }),
            );
            const saved = { HOME: process.env.HOME, disabled: process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED };
            process.env.HOME = home;
            process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = "true";
            try {
                const provider = credentialsFor({ vocabulary: STACK_CONFIG_VOCABULARY, settings: { profile: "p" }, env: {} });
                await assert.rejects(provider.getCredentials(), (error: unknown) => {
                    assert.ok(error instanceof MessageContactsError, String(error));
                    assert.match(
                        error.message,
                        /The aliyun CLI profile "p" named by stack config alicloud:profile cannot be used: ALIBABA_CLOUD_CLI_PROFILE_DISABLED is set/,
                    );
                    return true;
                });
            } finally {
                process.env.HOME = saved.HOME;
                if (saved.disabled === undefined) delete process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED;
                else process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED = saved.disabled;
            }
        } finally {
            rmSync(home, { recursive: true, force: true });
        }
    });

    for (const [what, args] of [
        ["null arguments", null],
        ["a BigInt pageSize", { pageSize: BigInt(10) }],
        ["a null pageSize", { pageSize: null }],
        ["a Symbol contactId", { contactId: Symbol("c") }],
    ] as const) {
        it(`${what} is an InvalidArgumentError`, async () => {
            await assert.rejects(listMessageContactVerifications(args as never), (error: unknown) => {
                assert.ok(error instanceof InvalidArgumentError, String(error));
                return true;
            });
        });
    }
});
