/**
 * The packed Terraform provider's gRPC server under hostile load, over its real socket with AutoMTLS, as the
 * probe of issue 24 found it: a message declaring more than its limit (256 MiB, terraform-plugin-go's) is
 * refused at its prefix and none of its bytes is kept; and while requests are in flight (a held stream, streams
 * never finished, a large message half sent), a SIGTERM still ends it and so does the end of the CLI that started it.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { ClientHttp2Session, connect, ClientHttp2Stream } from "node:http2";
import { connect as tlsConnect } from "node:tls";
import { consumerProject, ConsumerProject } from "../support/consumer-project";
import { grpcMessage } from "../support/grpc-conformance/h2-call";
import { hasExited, waitForExit } from "../support/process-state";
import { startUnderStandInCli } from "../support/stand-in-cli";
import {
    clientCertificate,
    Handshake,
    handshakeOf,
    MAGIC_COOKIE,
    parseHandshake,
    PemPair,
    serverCertPem,
    spawnProvider,
    TERRAFORM_PROVIDER_EXECUTABLE,
} from "../support/terraform-provider";

/** A declared length over the provider's limit (256 MiB, provider/terraform/main.ts). */
const OVER = 300 * 1024 * 1024;
/** A bound for a provider that should exit, so that one that does not fails the test instead of hanging it. */
const EXIT_LIMIT_MS = 10_000;

/** An HTTP/2 session to the provider: TLS over its Unix socket, trusting the line's certificate, with the client's. */
function session(handshake: Handshake, pem: PemPair): Promise<ClientHttp2Session> {
    return new Promise((resolve, reject) => {
        const client = connect("https://localhost", {
            createConnection: () =>
                tlsConnect({
                    path: handshake.address,
                    ca: serverCertPem(handshake),
                    cert: pem.cert,
                    key: pem.key,
                    servername: "localhost",
                    ALPNProtocols: ["h2"],
                }),
        });
        client.once("connect", () => resolve(client));
        client.once("error", reject);
    });
}

/** A stream to `path`, its errors ignored; resolves `status` with its grpc-status (or "" when it ends without one). */
function request(client: ClientHttp2Session, path: string): { stream: ClientHttp2Stream; status: Promise<string> } {
    const stream = client.request({ ":method": "POST", ":path": path, "content-type": "application/grpc", te: "trailers" });
    stream.on("error", () => undefined);
    const status = new Promise<string>((resolve) => {
        let value = "";
        stream.on("response", (headers) => (value = String(headers["grpc-status"] ?? value)));
        stream.on("trailers", (headers) => (value = String(headers["grpc-status"] ?? value)));
        stream.once("close", () => resolve(value));
    });
    stream.resume();
    return { stream, status };
}

/** Writes `mib` MiB on `stream` a MiB at a time as it drains, until done or the stream closes; then ends it. */
async function writeMiB(stream: ClientHttp2Stream, mib: number): Promise<void> {
    for (let i = 0; i < mib && !stream.closed; i++) {
        if (!stream.write(Buffer.alloc(1 << 20))) await new Promise((resolve) => (stream.once("drain", resolve), stream.once("close", resolve)));
    }
    if (!stream.closed) stream.end();
}

/** `VmHWM` of /proc/<pid>/status: the process's peak resident memory, in bytes. */
function peakRss(pid: number): number {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    assert.ok(match, "VmHWM in /proc/<pid>/status");
    return Number(match[1]) * 1024;
}

/**
 * Requests left in flight: go-plugin's held stdio stream, 20 unary calls never finished, and a 200 MiB message
 * (under the limit) of which 8 MiB is sent. Resolves once the held stream is answered (so the server has them).
 */
async function leaveInFlight(client: ClientHttp2Session): Promise<void> {
    const stdio = client.request({ ":method": "POST", ":path": "/plugin.GRPCStdio/StreamStdio", "content-type": "application/grpc" });
    stdio.on("error", () => undefined);
    stdio.write(grpcMessage(""));
    for (let i = 0; i < 20; i++) request(client, "/tfplugin6.Provider/GetProviderSchema").stream.write(grpcMessage("", 0, 10));
    const large = request(client, "/tfplugin6.Provider/ReadDataSource").stream;
    large.write(grpcMessage(Buffer.alloc(8 << 20), 0, 200 << 20));
    await new Promise((resolve) => stdio.once("response", resolve));
}

describe("Terraform provider's gRPC server under hostile load", function () {
    this.timeout(120_000);
    let project: ConsumerProject;
    let pem: PemPair;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        pem = clientCertificate();
    });

    const start = async () => {
        const provider = spawnProvider(project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_CLIENT_CERT: pem.cert });
        const handshake = await handshakeOf(provider);
        return { provider, handshake, client: await session(handshake, pem) };
    };

    it("refuses a message declaring more than 256 MiB at its prefix, before any body, the stream left open", async () => {
        const { provider, client } = await start();
        try {
            const { stream, status } = request(client, "/tfplugin6.Provider/GetProviderSchema");
            stream.write(grpcMessage("", 0, OVER));
            const answered = await Promise.race([status, new Promise((resolve) => setTimeout(() => resolve("no answer within 10 s"), 10_000))]);
            assert.equal(answered, "8");
        } finally {
            client.destroy();
            provider.child.kill("SIGTERM");
            await provider.exited;
        }
    });

    it("keeps none of such messages: four, each followed by 32 MiB, leave its peak memory within 64 MiB of where it was", async function () {
        if (process.platform !== "linux") this.skip();
        const { provider, client } = await start();
        try {
            const health = request(client, "/grpc.health.v1.Health/Check");
            health.stream.end(grpcMessage(""));
            assert.equal(await health.status, "0");
            const before = peakRss(provider.child.pid as number);
            const statuses = Array.from({ length: 4 }, () => {
                const { stream, status } = request(client, "/tfplugin6.Provider/ReadDataSource");
                stream.write(grpcMessage("", 0, OVER));
                void writeMiB(stream, 32);
                return status;
            });
            assert.deepEqual(await Promise.all(statuses), ["8", "8", "8", "8"]);
            const grown = peakRss(provider.child.pid as number) - before;
            assert.ok(grown < 64 * 1024 * 1024, `its peak memory grew by ${(grown / 1048576).toFixed(1)} MiB`);
        } finally {
            client.destroy();
            provider.child.kill("SIGTERM");
            await provider.exited;
        }
    });

    it("ends on SIGTERM while requests are in flight, its socket removed", async () => {
        const { provider, handshake, client } = await start();
        try {
            await leaveInFlight(client);
            provider.child.kill("SIGTERM");
            const exit = await Promise.race([provider.exited, new Promise((resolve) => setTimeout(() => resolve("still running"), EXIT_LIMIT_MS))]);
            assert.deepEqual(exit, { code: 143, signal: null });
            assert.ok(!existsSync(handshake.address), "the socket is removed");
        } finally {
            client.destroy();
            provider.child.kill("SIGKILL");
        }
    });

    it("ends when the CLI that started it dies while requests are in flight", async () => {
        const executable = `${project.dir}/node_modules/.bin/${TERRAFORM_PROVIDER_EXECUTABLE}`;
        const standIn = await startUnderStandInCli(executable, project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_CLIENT_CERT: pem.cert });
        const handshake = parseHandshake(standIn.handshakeLine);
        const client = await session(handshake, pem);
        try {
            await leaveInFlight(client);
            standIn.cli.kill("SIGKILL");
            await waitForExit(standIn.providerPid, "the provider whose CLI was killed", EXIT_LIMIT_MS);
            assert.ok(!existsSync(handshake.address), "the socket is removed");
        } finally {
            client.destroy();
            standIn.cli.kill("SIGKILL");
            if (!hasExited(standIn.providerPid)) process.kill(standIn.providerPid, "SIGKILL");
        }
    });
});
