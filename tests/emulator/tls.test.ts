import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Agent } from "undici";
import { Emulator, startEmulator } from "../../emulator";
import { testCertificate } from "../support/test-tls";
import { call, expectPage } from "./client";

const ROLE = "acs:ram::123456789012:role/test";

/** Run in a child process: the official library's RAM role provider against the emulator; prints the AccessKeyId. */
const LIBRARY_SCRIPT = `
const { RAMRoleARNCredentialsProvider, StaticAKCredentialsProvider } = require("@alicloud/credentials");
const provider = RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(
        StaticAKCredentialsProvider.builder()
            .withAccessKeyId(process.env.TEST_ACCESS_KEY_ID)
            .withAccessKeySecret(process.env.TEST_ACCESS_KEY_SECRET)
            .build(),
    )
    .withRoleArn(${JSON.stringify(ROLE)})
    .withRoleSessionName("test")
    .withStsEndpoint(process.env.TEST_STS_ENDPOINT)
    .build();
provider.getCredentials().then(
    (credentials) => process.stdout.write(credentials.accessKeyId + "\\n"),
    (error) => { process.stderr.write(String(error && error.message) + "\\n"); process.exit(1); },
);
`;

describe("emulator: HTTPS", () => {
    let emulator: Emulator;
    let agent: Agent;

    before(async function () {
        this.timeout(60_000); // generating the RSA key can take a moment
        const { key, cert } = testCertificate();
        emulator = await startEmulator({ tls: { key, cert }, verifications: [{ contactId: "c-abc", target: "138****0000" }] });
        agent = new Agent({ connect: { ca: cert } });
    });
    after(async () => {
        await agent?.close();
        await emulator?.close();
    });

    it("serves HTTPS on 127.0.0.1 and answers a V3-signed call from a client that trusts the certificate", async () => {
        assert.equal(emulator.url, `https://127.0.0.1:${emulator.port}`);
        assert.equal(expectPage(await call(emulator, { dispatcher: agent })).TotalCount, 1);
    });

    it("applies faults over TLS too: a reset drops the connection", async () => {
        emulator.inject({ fault: { kind: "reset" } });
        await assert.rejects(call(emulator, { dispatcher: agent }), (error: NodeJS.ErrnoException) => error.code === "UND_ERR_SOCKET");
        expectPage(await call(emulator, { dispatcher: agent }));
    });

    it("is refused by a client that does not trust the certificate", async () => {
        const untrusting = new Agent();
        try {
            await assert.rejects(call(emulator, { dispatcher: untrusting }), /certificate/i);
        } finally {
            await untrusting.close();
        }
    });

    it("issues credentials to the official library's RAM role provider, run in a child process", async function () {
        this.timeout(30_000);
        const home = await mkdtemp(join(tmpdir(), "emulator-home-"));
        try {
            const { stdout } = await promisify(execFile)(process.execPath, ["-e", LIBRARY_SCRIPT], {
                cwd: join(__dirname, "..", ".."),
                timeout: 20_000,
                env: {
                    PATH: process.env.PATH ?? "",
                    HOME: home,
                    NODE_EXTRA_CA_CERTS: testCertificate().certPath,
                    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
                    TEST_ACCESS_KEY_ID: emulator.account.accessKeyId,
                    TEST_ACCESS_KEY_SECRET: emulator.account.accessKeySecret,
                    TEST_STS_ENDPOINT: emulator.host,
                },
            });
            const accessKeyId = stdout.trim();
            assert.match(accessKeyId, /^STS\.[A-Za-z0-9]+$/);
            assert.deepEqual(
                emulator.issuedCredentials.map((c) => [c.accessKeyId, c.roleArn, c.roleSessionName]),
                [[accessKeyId, ROLE, "test"]],
            );
            assert.equal(emulator.requests.at(-1)?.query["SignatureVersion"], "1.0");
        } finally {
            await rm(home, { recursive: true, force: true });
        }
    });
});
