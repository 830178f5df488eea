/**
 * The provider's gRPC server (`provider/terraform/grpc-http2-server.ts`) against hostile and odd requests, over a
 * real loopback socket: every case of the conformance suite (tests/support/grpc-conformance/cases.ts) expects
 * grpc-go's answer, a literal each case holds (checked against grpc-go itself in the engine tests,
 * tests/engine/grpc-conformance.test.ts), or, where a case says so, the answer that differs on purpose. Then what
 * grpc-go has no counterpart for: the budget of buffered request bytes, TLS connections that break the protocol,
 * and the headers' reading as a table.
 */
import { strict as assert } from "node:assert";
import { connect, constants } from "node:http2";
import { BufferBudget } from "../../provider/terraform/grpc-buffer-budget";
import { GRPC_STATUS, GrpcStatusError, Http2GrpcServer } from "../../provider/terraform/grpc-http2-server";
import { contentSubtype, readGrpcTimeout } from "../../provider/terraform/grpc-request-headers";
import { CONFORMANCE_CASES, Outcome } from "../support/grpc-conformance/cases";
import { conformanceMethods, ConformanceServer, CONFORMANCE_LIVENESS_MS, startConformanceServer } from "../support/grpc-conformance/conformance-server";
import { grpcMessage, h2Call } from "../support/grpc-conformance/h2-call";
import { RawH2Connection } from "../support/grpc-conformance/h2-raw-client";
import { clientCertificate } from "../support/terraform-provider";

/** The fields of `outcome` that `expected` names. */
function compared(outcome: Outcome, expected: Outcome): Outcome {
    return Object.fromEntries(Object.keys(expected).map((key) => [key, outcome[key as keyof Outcome]])) as Outcome;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("gRPC server conformance: each case answered as grpc-go answers it", function () {
    this.timeout(30_000);
    let server: ConformanceServer;
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);

    before(async () => {
        server = await startConformanceServer();
        process.on("warning", onWarning);
    });

    after(async () => {
        process.off("warning", onWarning);
        await server?.close();
    });

    for (const testCase of CONFORMANCE_CASES) {
        // Each expectation is grpc-go's answer (the case's `grpcGo`), but where the case gives ours and why.
        const expected = testCase.ours?.outcome ?? testCase.grpcGo;
        it(testCase.name, async () => {
            const outcome = await testCase.run({ address: server.address });
            assert.deepEqual(compared(outcome, expected), expected, `answered ${JSON.stringify(outcome)}`);
        });
    }

    it("emitted no warning meanwhile (a deadline of 2^31 ms or more overflowed setTimeout: TimeoutOverflowWarning)", () => {
        assert.deepEqual(
            warnings.map((warning) => `${warning.name}: ${warning.message}`),
            [],
        );
    });
});

describe("gRPC server: the bytes it holds for requests still arriving", function () {
    this.timeout(30_000);
    const MESSAGE = 1 << 20;

    it("holds at most its budget: a stream that does not fit waits, unread (flow control holds its client), and goes on in turn", async () => {
        const { server, address, close } = await startConformanceServer({ maxMessageBytes: MESSAGE, maxBufferedBytes: 2 * MESSAGE });
        const session = connect(`http://${address}`);
        try {
            await new Promise((resolve) => session.once("connect", resolve));
            const streams = Array.from({ length: 4 }, (_, i) => {
                const stream = session.request({ ":method": "POST", ":path": "/conformance.Test/Echo", "content-type": "application/grpc" });
                stream.on("error", () => undefined);
                const answered = new Promise<string>((resolve) => {
                    let status = "";
                    stream.on("response", (headers) => (status = String(headers["grpc-status"] ?? "")));
                    stream.on("trailers", (headers) => (status = String(headers["grpc-status"] ?? "")));
                    stream.resume();
                    stream.once("close", () => resolve(status));
                });
                stream.write(grpcMessage(Buffer.alloc(MESSAGE, 0x30 + i)));
                return { stream, answered };
            });
            const unsent = () => streams.map(({ stream }) => stream.writableLength);
            const settle = async (condition: (left: number[]) => boolean) => {
                for (let waited = 0; waited < 5000 && !condition(unsent()); waited += 50) await sleep(50);
                return unsent();
            };
            // The first two fit (2 MiB); the other two are read no further than a flow-control window.
            let left = await settle((l) => l[0] === 0 && l[1] === 0);
            await sleep(300);
            left = unsent();
            assert.deepEqual(left.slice(0, 2), [0, 0], `bytes not yet taken by the server, per stream: ${left.join(", ")}`);
            for (const waiting of left.slice(2)) assert.ok(waiting > MESSAGE - 256 * 1024, `a waiting stream was read past a window: ${left.join(", ")}`);
            assert.equal(server.bufferedBytesAvailable, 0);
            // The first ends and is answered: its bytes go to the third (in the order asked), not the fourth.
            streams[0]?.stream.end();
            assert.equal(await streams[0]?.answered, String(GRPC_STATUS.OK));
            left = await settle((l) => l[2] === 0);
            assert.equal(left[2], 0, `the third stream goes on once the first is done: ${left.join(", ")}`);
            assert.ok((left[3] ?? 0) > MESSAGE - 256 * 1024, `the fourth still waits: ${left.join(", ")}`);
            for (const { stream } of streams.slice(1)) stream.end();
            assert.deepEqual(await Promise.all(streams.slice(1).map(({ answered }) => answered)), ["0", "0", "0"]);
            assert.equal(server.bufferedBytesAvailable, 2 * MESSAGE, "every reservation is given back");
        } finally {
            session.destroy();
            await close();
        }
    });

    it("gives a stream's bytes back when the client resets it, waiting or granted", async () => {
        const { server, address, close } = await startConformanceServer({ maxMessageBytes: MESSAGE, maxBufferedBytes: MESSAGE });
        const session = connect(`http://${address}`);
        try {
            await new Promise((resolve) => session.once("connect", resolve));
            const open = () => {
                const stream = session.request({ ":method": "POST", ":path": "/conformance.Test/Echo", "content-type": "application/grpc" });
                stream.on("error", () => undefined);
                stream.write(grpcMessage("", 0, MESSAGE));
                return stream;
            };
            const granted = open();
            const waiting = open();
            for (let waited = 0; waited < 2000 && server.bufferedBytesAvailable !== 0; waited += 20) await sleep(20);
            assert.equal(server.bufferedBytesAvailable, 0);
            waiting.close(constants.NGHTTP2_CANCEL);
            granted.close(constants.NGHTTP2_CANCEL);
            for (let waited = 0; waited < 2000 && server.bufferedBytesAvailable !== MESSAGE; waited += 20) await sleep(20);
            assert.equal(server.bufferedBytesAvailable, MESSAGE);
            assert.deepEqual(await h2Call(session, { chunks: [grpcMessage("after")] }), {
                http: 200,
                contentType: "application/grpc",
                status: 0,
                body: "after",
            });
        } finally {
            session.destroy();
            await close();
        }
    });

    it("refuses a budget smaller than the largest message, which could never be read", () => {
        assert.throws(
            () => new Http2GrpcServer({ methods: conformanceMethods(), maxMessageBytes: 1000, maxBufferedBytes: 999 }),
            /maxBufferedBytes \(999\) must be at least maxMessageBytes \(1000\)/,
        );
    });
});

describe("gRPC server over TLS: a connection that breaks the protocol is closed, never left stalled", function () {
    this.timeout(30_000);

    it("closes a TLS connection whose client sent a 1 MiB header field (GOAWAY COMPRESSION_ERROR, then the socket)", async () => {
        const pem = clientCertificate();
        const server = new Http2GrpcServer({
            methods: conformanceMethods(),
            maxMessageBytes: 4096,
            livenessCheckMs: CONFORMANCE_LIVENESS_MS,
            tls: { keyPem: pem.key, certPem: pem.cert, clientCertPem: pem.cert },
        });
        const address = await server.listen({ host: "127.0.0.1", port: 0 });
        const connection = await RawH2Connection.open(address, { ca: pem.cert, cert: pem.cert, key: pem.key, servername: "localhost" });
        try {
            connection.sendHeaders(
                1,
                [
                    [":method", "POST"],
                    [":scheme", "https"],
                    [":path", "/conformance.Test/Echo"],
                    [":authority", "localhost"],
                    ["content-type", "application/grpc"],
                    ["x-big", "a".repeat(1 << 20)],
                ],
                true,
            );
            await connection.waitFor(() => connection.closed, 5000);
            assert.equal(connection.goaway, constants.NGHTTP2_COMPRESSION_ERROR, connection.describe());
            assert.ok(connection.closed, `the connection is still open: ${connection.describe()}`);
        } finally {
            connection.close();
            await server.close(100);
        }
    });
});

describe("gRPC request headers, as grpc-go's decodeTimeout and ContentSubtype read them", () => {
    it("reads grpc-timeout: 1 to 8 digits and a unit, in milliseconds; anything else is refused (INTERNAL)", () => {
        const read = (value: string) => {
            const ms = readGrpcTimeout(value);
            return ms instanceof GrpcStatusError ? `refused ${ms.code}` : ms;
        };
        assert.deepEqual(["1S", "100m", "0n", "5M", "2H", "1000u", "99999999H", "600H", "00000001S"].map(read), [
            1000,
            100,
            0,
            300_000,
            7_200_000,
            1,
            99_999_999 * 3_600_000,
            2_160_000_000,
            1000,
        ]);
        assert.deepEqual(
            ["", "S", "1", "1x", "1s", "123456789S", "+1S", "-1S", "1.5S", " 1S", "1 S", "0x1S", "１S"].map(read),
            Array(13).fill(`refused ${GRPC_STATUS.INTERNAL}`),
        );
    });

    it("reads content-type: application/grpc, and with + or ; a subtype; nothing else", () => {
        assert.deepEqual(
            ["application/grpc", "application/grpc+proto", "application/grpc;charset=utf-8", "application/grpc+", "application/grpc;"].map(contentSubtype),
            ["", "proto", "charset=utf-8", "", ""],
        );
        assert.deepEqual(
            ["application/grpcXYZ", "application/grpc-web", "Application/grpc", "application/json", "", " application/grpc"].map(contentSubtype),
            Array(6).fill(undefined),
        );
    });
});

describe("gRPC server's budget of buffered bytes", () => {
    it("grants in the order asked, gives back once, and withdraws a waiting reservation", () => {
        const budget = new BufferBudget(10);
        const granted: string[] = [];
        const releaseA = budget.reserve(6, () => granted.push("a"));
        const releaseB = budget.reserve(6, () => granted.push("b"));
        const releaseC = budget.reserve(1, () => granted.push("c"));
        // c would fit, but waits behind b: a large request is never starved by small ones.
        assert.deepEqual(granted, ["a"]);
        assert.equal(budget.waiting, 2);
        releaseA();
        releaseA();
        assert.deepEqual(granted, ["a", "b", "c"]);
        assert.equal(budget.available, 3);
        const releaseD = budget.reserve(5, () => granted.push("d"));
        releaseD();
        assert.equal(budget.waiting, 0);
        releaseB();
        releaseC();
        assert.deepEqual(granted, ["a", "b", "c"]);
        assert.equal(budget.available, 10);
        assert.throws(() => budget.reserve(11, () => undefined), RangeError);
    });
});
