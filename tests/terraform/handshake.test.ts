/**
 * The packed Terraform provider starts the way go-plugin expects: it refuses to run without the CLI's magic
 * cookie or without protocol 6 on offer; prints `1|6|unix|<socket>|grpc|<certificate>`; with AutoMTLS serves
 * only TLS clients that trust that certificate and present the CLI's; answers go-plugin's health check; ends at
 * once, socket removed, on the CLI's Shutdown; and, forced onto TCP as go-plugin listens on Windows, prints
 * `1|6|tcp|127.0.0.1:<port>|grpc|<certificate>` with the first free port of PLUGIN_MIN_PORT..PLUGIN_MAX_PORT and
 * serves a read over mutual TLS there.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, linkSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Emulator, startEmulator } from "../../emulator";
import { NETWORK_OVERRIDE_KEY } from "../../provider/terraform/handshake";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { listingOutputsOf, verifications } from "../support/emulator-fixture";
import {
    clientCertificate,
    handshakeOf,
    MAGIC_COOKIE,
    serverCertPem,
    spawnProvider,
    startTerraformProvider,
    TerraformProviderClient,
} from "../support/terraform-provider";

/**
 * This Node.js executable where any user can run it: a link (or copy) in a fresh world-readable folder. The running
 * one may sit below a folder only its owner can enter (CI's Node 24 lives under /root/.cache).
 */
function nodeForAnyone(): { path: string; remove(): void } {
    const folder = mkdtempSync(join(tmpdir(), "node-for-anyone-"));
    chmodSync(folder, 0o755);
    const path = join(folder, "node");
    try {
        linkSync(process.execPath, path);
    } catch {
        copyFileSync(process.execPath, path);
    }
    chmodSync(path, 0o755);
    return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The health service's Check over `client`, with a deadline: its answer's bytes. */
function healthCheck(client: grpc.Client, deadlineMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) =>
        client.makeUnaryRequest(
            "/grpc.health.v1.Health/Check",
            (v: Buffer) => v,
            (b: Buffer) => b,
            Buffer.alloc(0),
            { deadline: Date.now() + deadlineMs },
            (error, value) => (error ? reject(error) : resolve(value ?? Buffer.alloc(0))),
        ),
    );
}

/** A call the server never answered: the connection failed, or the deadline passed. */
const refused = (error: grpc.ServiceError) => error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED;

describe("Terraform provider: go-plugin handshake", function () {
    this.timeout(60_000);
    let project: ConsumerProject;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
    });

    it("refuses to start without the magic cookie: a clear message, exit 1, nothing on stdout", async () => {
        const provider = spawnProvider(project.dir, { PLUGIN_PROTOCOL_VERSIONS: "5,6" });
        const { code } = await provider.exited;
        assert.equal(code, 1);
        assert.equal(provider.stdout(), "");
        assert.match(provider.stderr(), /terraform-provider-alicloudmessagecontacts is a Terraform\/OpenTofu provider plugin/);
        assert.match(provider.stderr(), /TF_PLUGIN_MAGIC_COOKIE is not set/);
        assert.doesNotMatch(provider.stderr(), /\n\s+at /, "no stack trace");
    });

    it("refuses a CLI that offers only protocol 5, naming both", async () => {
        const provider = spawnProvider(project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "5" });
        const { code } = await provider.exited;
        assert.equal(code, 1);
        assert.equal(provider.stdout(), "");
        assert.match(provider.stderr(), /speaks plugin protocol 6 only, and this CLI offers 5/);
    });

    describe("with AutoMTLS (PLUGIN_CLIENT_CERT set)", () => {
        let client: TerraformProviderClient;
        before(async () => {
            client = await startTerraformProvider(project.dir);
        });
        after(async () => {
            await client?.close();
        });

        it("prints 1|6|unix|<socket>|grpc|<its certificate's DER, base64 without padding>", () => {
            const { coreVersion, protocolVersion, network, address, protocol, cert, line } = client.handshake;
            assert.deepEqual([coreVersion, protocolVersion, network, protocol], ["1", "6", "unix", "grpc"], line);
            assert.ok(existsSync(address), `the socket ${address} exists`);
            assert.match(cert, /^[A-Za-z0-9+/]{51,}$/, "base64 without padding, longer than the 50 characters go-plugin requires");
            const x509 = new X509Certificate(Buffer.from(cert, "base64"));
            assert.equal(x509.checkHost("localhost"), "localhost");
            assert.ok(x509.verify(x509.publicKey), "self-signed");
            assert.ok(x509.ca);
        });

        it("answers a TLS client that trusts the handshake's certificate and presents the CLI's: health SERVING, the schema", async () => {
            assert.deepEqual([...(await client.rawCall("/grpc.health.v1.Health/Check"))], [0x08, 0x01]);
            const schema = await client.schema();
            assert.ok((schema.dataSourceSchemas as Record<string, unknown>).alicloudmessagecontacts_verifications);
        });

        it("refuses a plaintext client", async () => {
            const plain = new grpc.Client(`unix:${client.handshake.address}`, grpc.credentials.createInsecure());
            try {
                await assert.rejects(healthCheck(plain, 3_000), refused);
            } finally {
                plain.close();
            }
        });

        // Its TLS handshake may complete (TLS 1.3 ends the client's side before the server reads its certificate):
        // the server then closes the connection before reading any call of it (client-certificates.ts).
        it("refuses a TLS client with another client certificate: its call fails, unanswered", async () => {
            const other = clientCertificate();
            const stranger = new grpc.Client(
                `unix:${client.handshake.address}`,
                grpc.credentials.createSsl(Buffer.from(serverCertPem(client.handshake)), Buffer.from(other.key), Buffer.from(other.cert)),
                { "grpc.ssl_target_name_override": "localhost", "grpc.default_authority": "localhost" },
            );
            try {
                await assert.rejects(healthCheck(stranger, 3_000), refused);
            } finally {
                stranger.close();
            }
        });
    });

    it("without PLUGIN_CLIENT_CERT serves plaintext and leaves the certificate field empty", async () => {
        const provider = spawnProvider(project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6" });
        try {
            const handshake = await handshakeOf(provider);
            assert.equal(handshake.cert, "");
            assert.equal(handshake.protocolVersion, "6");
            const plain = new grpc.Client(`unix:${handshake.address}`, grpc.credentials.createInsecure());
            const answer = await healthCheck(plain, 5_000);
            plain.close();
            assert.deepEqual([...answer], [0x08, 0x01]);
        } finally {
            provider.child.kill("SIGTERM");
            await provider.exited;
        }
    });

    describe(`forced onto loopback TCP, as go-plugin listens on Windows (${NETWORK_OVERRIDE_KEY}=tcp)`, () => {
        let blocker: Server;
        let firstPort: number;
        let emulator: Emulator;
        const listing = verifications(12);
        before(async () => {
            // The range's first port is taken: the provider must go on to the next free one.
            blocker = createServer();
            await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
            firstPort = (blocker.address() as { port: number }).port;
            emulator = await startEmulator({ verifications: listing });
        });
        after(async () => {
            await new Promise((resolve) => blocker?.close(resolve));
            await emulator?.close();
        });

        it("prints 1|6|tcp|127.0.0.1:<the first free port of PLUGIN_MIN_PORT..PLUGIN_MAX_PORT>|grpc|<certificate> and serves a read over mutual TLS", async () => {
            const range = { PLUGIN_MIN_PORT: String(firstPort), PLUGIN_MAX_PORT: String(firstPort + 20) };
            const client = await startTerraformProvider(project.dir, { [NETWORK_OVERRIDE_KEY]: "tcp", ...range });
            try {
                const { network, address, cert, line } = client.handshake;
                assert.equal(network, "tcp", line);
                const match = /^127\.0\.0\.1:(\d+)$/.exec(address);
                assert.ok(match, `address ${address}`);
                const port = Number(match[1]);
                assert.ok(port > firstPort && port <= firstPort + 20, `port ${port} is not after the taken ${firstPort} within the range`);
                assert.match(cert, /^[A-Za-z0-9+/]{51,}$/);
                assert.deepEqual(
                    await client.configure({ endpoint: emulator.url, access_key: emulator.account.accessKeyId, secret_key: emulator.account.accessKeySecret }),
                    [],
                );
                const { state, diagnostics } = await client.read({ page_size: 5 });
                assert.deepEqual(diagnostics, []);
                assert.deepEqual(
                    state?.verifications,
                    listingOutputsOf(listing).verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
                );
                const plain = new grpc.Client(address, grpc.credentials.createInsecure());
                try {
                    await assert.rejects(
                        new Promise((resolve, reject) => plain.waitForReady(Date.now() + 3_000, (error) => (error ? reject(error) : resolve(undefined)))),
                        "a plaintext client is refused on TCP too",
                    );
                } finally {
                    plain.close();
                }
            } finally {
                await client.close();
            }
        });

        it(`refuses any other ${NETWORK_OVERRIDE_KEY}, naming the variable and the accepted values`, async () => {
            const provider = spawnProvider(project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6", [NETWORK_OVERRIDE_KEY]: "udp" });
            const { code } = await provider.exited;
            assert.equal(code, 1);
            assert.equal(provider.stdout(), "");
            assert.match(provider.stderr(), new RegExp(`${NETWORK_OVERRIDE_KEY} must be "tcp" or "unix"; got "udp"`));
        });
    });

    it("under umask 000, listens on a 0600 socket in a 0700 folder of its own: another user cannot connect", async () => {
        // Plaintext (no AutoMTLS), where a connection is served at once: the worst case.
        const provider = spawnProvider(project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6" }, "ignore", undefined, "000");
        try {
            const { address } = await handshakeOf(provider);
            const socket = statSync(address);
            assert.ok(socket.isSocket(), address);
            assert.equal((socket.mode & 0o777).toString(8), "600", "the socket is the owner's only");
            const folder = statSync(dirname(address));
            assert.equal((folder.mode & 0o777).toString(8), "700", "its folder too");
            assert.equal(folder.uid, process.getuid?.());
            assert.notEqual(dirname(address), tmpdir(), "not the shared temporary folder");
            // Only root can run a client as another user (as the CI does): uid 65534, nobody.
            if (process.getuid?.() === 0) {
                const connect = `require("node:net").connect(${JSON.stringify(address)}).on("connect", () => { console.log("connected"); process.exit(0); }).on("error", (e) => { console.log(e.code); process.exit(0); })`;
                const node = nodeForAnyone();
                try {
                    const other = spawnSync(node.path, ["-e", connect], { uid: 65534, gid: 65534, cwd: "/", encoding: "utf8", timeout: 15_000 });
                    assert.equal(other.error, undefined, `the client as uid 65534 did not start: ${String(other.error)}`);
                    assert.equal(other.stdout.trim(), "EACCES", other.stderr);
                } finally {
                    node.remove();
                }
            }
        } finally {
            provider.child.kill("SIGTERM");
            await provider.exited;
        }
    });

    it("ends at once on plugin.GRPCController/Shutdown, exit 0, its socket removed", async () => {
        const client = await startTerraformProvider(project.dir);
        try {
            await client.rawCall("/plugin.GRPCController/Shutdown");
            const started = Date.now();
            const { code } = await client.provider.exited;
            assert.equal(code, 0);
            assert.ok(Date.now() - started < 2_000, "before go-plugin's 2 s grace period");
            assert.ok(!existsSync(client.handshake.address), "the socket is removed");
            assert.ok(!existsSync(dirname(client.handshake.address)), "and its folder");
        } finally {
            await client.close();
        }
    });
});
