/**
 * AutoMTLS from the server's side: the provider's gRPC server (`provider/terraform/grpc-http2-server.ts`) serves a
 * client that presents the CLI's certificate (`PLUGIN_CLIENT_CERT`) and proves it holds its key, and no other: not
 * one with another certificate (same subject, same kind of key), nor one with none. A refused client is served
 * no call at all: the method counts its calls.
 */
import { strict as assert } from "node:assert";
import { connect } from "node:http2";
import { connect as tlsConnect } from "node:tls";
import { trustedClientCertificates } from "../../provider/terraform/client-certificates";
import { Http2GrpcServer } from "../../provider/terraform/grpc-http2-server";
import { selfSignedCertificate } from "../../provider/terraform/self-signed-certificate";
import { clientCertificate, PemPair } from "../support/terraform-provider";

const ECHO = "/test.Certificates/Echo";

/** A gRPC message: not compressed, its length, its bytes. */
function grpcMessage(body: Buffer): Buffer {
    const prefix = Buffer.alloc(5);
    prefix.writeUInt32BE(body.length, 1);
    return Buffer.concat([prefix, body]);
}

/** What one Echo call over a fresh connection got: its grpc-status, or how the connection failed. */
async function echo(port: number, serverCertPem: string, client: PemPair | undefined): Promise<{ status?: string; failed?: string }> {
    return new Promise((resolve) => {
        const settle = (outcome: { status?: string; failed?: string }) => {
            clearTimeout(timer);
            session.destroy();
            resolve(outcome);
        };
        const timer = setTimeout(() => settle({ failed: "no answer within 10 s" }), 10_000);
        const session = connect(`https://localhost:${port}`, {
            createConnection: () =>
                tlsConnect({
                    host: "127.0.0.1",
                    port,
                    ca: serverCertPem,
                    ...(client ? { cert: client.cert, key: client.key } : {}),
                    servername: "localhost",
                    ALPNProtocols: ["h2"],
                }),
        });
        session.on("error", (error: Error) => settle({ failed: error.message }));
        session.on("close", () => settle({ failed: "the connection was closed" }));
        const stream = session.request({ ":method": "POST", ":path": ECHO, "content-type": "application/grpc", te: "trailers" });
        let status: string | undefined;
        stream.on("error", (error: Error) => settle({ failed: error.message }));
        stream.on("response", (headers) => (status = headers["grpc-status"] === undefined ? status : String(headers["grpc-status"])));
        stream.on("trailers", (headers) => (status = headers["grpc-status"] === undefined ? status : String(headers["grpc-status"])));
        stream.resume();
        stream.on("close", () => settle(status === undefined ? { failed: "the stream closed without a status" } : { status }));
        stream.end(grpcMessage(Buffer.from("hello")));
    });
}

describe("Terraform provider's gRPC server: the client certificate (AutoMTLS)", function () {
    this.timeout(60_000);
    let cli: PemPair;
    let stranger: PemPair;
    let server: Http2GrpcServer;
    let port: number;
    let serverCertPem: string;
    let calls: number;

    before(async () => {
        cli = clientCertificate();
        stranger = clientCertificate();
        const own = selfSignedCertificate();
        serverCertPem = own.certPem;
        server = new Http2GrpcServer({
            methods: {
                [ECHO]: async (request) => {
                    calls += 1;
                    return request;
                },
            },
            maxMessageBytes: 4096,
            tls: { keyPem: own.keyPem, certPem: own.certPem, clientCertPem: cli.cert },
        });
        const address = await server.listen({ host: "127.0.0.1", port: 0 });
        port = Number(address.split(":").pop());
    });

    after(() => server.close(100));

    beforeEach(() => (calls = 0));

    it("serves the client that presents the CLI's certificate", async () => {
        assert.deepEqual(await echo(port, serverCertPem, cli), { status: "0" });
        assert.equal(calls, 1);
    });

    it("serves none of the calls of a client with another certificate, made the same way", async () => {
        const outcome = await echo(port, serverCertPem, stranger);
        assert.equal(outcome.status, undefined, `answered grpc-status ${outcome.status ?? ""}`);
        assert.equal(calls, 0);
    });

    it("serves none of the calls of a client with no certificate", async () => {
        const outcome = await echo(port, serverCertPem, undefined);
        assert.equal(outcome.status, undefined, `answered grpc-status ${outcome.status ?? ""}`);
        assert.equal(calls, 0);
    });

    it("still serves the CLI after refusing others", async () => {
        await echo(port, serverCertPem, stranger);
        assert.deepEqual(await echo(port, serverCertPem, cli), { status: "0" });
        assert.equal(calls, 1);
    });
});

describe("Terraform provider: the client certificates PLUGIN_CLIENT_CERT names", () => {
    it("are each certificate of the PEM, as DER", () => {
        const [one, two] = [clientCertificate(), clientCertificate()];
        const ders = trustedClientCertificates(`${one.cert}\n${two.cert}`);
        assert.deepEqual(
            ders.map((der) => der.toString("base64")),
            [one.cert, two.cert].map((pem) => pem.replace(/-----[A-Z ]+-----|\s/g, "")),
        );
    });

    it("refuse a start whose variable holds no certificate, or one that does not parse, naming it", () => {
        assert.throws(() => trustedClientCertificates("not a certificate"), /^Error: PLUGIN_CLIENT_CERT holds no PEM certificate$/);
        assert.throws(
            () => trustedClientCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"),
            /^Error: PLUGIN_CLIENT_CERT: certificate 1 does not parse: /,
        );
    });
});
