/**
 * One gRPC call as raw HTTP/2 (node:http2 over TLS on the provider's Unix socket, presenting the test client's
 * certificate): any bytes as the request body, so that a test can send what no gRPC client would. The answer's
 * HTTP status, grpc-status and grpc-message (from the headers of a trailers-only answer, or from the trailers), or
 * a rejection naming the path when no answer came within the bound: a hung server fails the test, it does not
 * hang it.
 */
import * as http2 from "node:http2";
import * as tls from "node:tls";
import type { PemPair } from "./terraform-provider";

/** Where and how to connect: the socket, the server certificate to trust (PEM), the client's pair. */
export interface RawGrpcTarget {
    address: string;
    serverCertPem: string;
    client: PemPair;
}

/** What came back. */
export interface RawGrpcAnswer {
    httpStatus: number | undefined;
    grpcStatus: number | undefined;
    /** grpc-message, percent-decoded. */
    grpcMessage: string;
    body: Buffer;
}

/** A message in gRPC's length-prefixed framing: not compressed, its length, the bytes. */
export function grpcFrame(message: Uint8Array): Buffer {
    const prefix = Buffer.alloc(5);
    prefix.writeUInt32BE(message.length, 1);
    return Buffer.concat([prefix, message]);
}

/** POSTs `body` (already framed, or not: as given) to `path`; rejects after `limitMs` without an answer. */
export function rawGrpcCall(target: RawGrpcTarget, path: string, body: Buffer, limitMs: number): Promise<RawGrpcAnswer> {
    return new Promise((resolve, reject) => {
        const session = http2.connect("https://localhost", {
            createConnection: () =>
                tls.connect({
                    path: target.address,
                    servername: "localhost",
                    ca: target.serverCertPem,
                    key: target.client.key,
                    cert: target.client.cert,
                    ALPNProtocols: ["h2"],
                }),
        });
        const timer = setTimeout(() => {
            session.destroy();
            reject(new Error(`no answer to ${path} within ${limitMs} ms`));
        }, limitMs);
        const fail = (error: Error) => {
            clearTimeout(timer);
            session.destroy();
            reject(error);
        };
        session.on("error", fail);
        const request = session.request({
            ":method": "POST",
            ":path": path,
            "content-type": "application/grpc",
            te: "trailers",
        });
        const chunks: Buffer[] = [];
        let headers: http2.IncomingHttpHeaders = {};
        let trailers: http2.IncomingHttpHeaders = {};
        request.on("response", (received) => (headers = received));
        request.on("trailers", (received) => (trailers = received));
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("error", fail);
        request.on("end", () => {
            clearTimeout(timer);
            session.close();
            const status = trailers["grpc-status"] ?? headers["grpc-status"];
            const message = String(trailers["grpc-message"] ?? headers["grpc-message"] ?? "");
            resolve({
                httpStatus: headers[":status"] === undefined ? undefined : Number(headers[":status"]),
                grpcStatus: status === undefined ? undefined : Number(status),
                grpcMessage: decodeURIComponent(message),
                body: Buffer.concat(chunks),
            });
        });
        request.end(body);
    });
}
