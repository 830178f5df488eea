/**
 * The floor: the least a Node.js process can do to serve a `tofu plan` as a provider, so that the plan's "provider
 * work" of our providers can be set beside what Node.js alone costs. It is started by the bench as the CLI starts a
 * provider and does what ours does around its answers, and nothing else:
 * - before its line: the magic cookie is checked (`handshake.js` from the build), a fresh certificate is made
 *   (`self-signed-certificate.js`, as ours), a plain listener is opened on a Unix socket, and the line is printed;
 * - after its line, as ours: `node:http2` loads, and each connection is handed to an HTTP/2 server over TLS
 *   (AutoMTLS, any client certificate taken); messages are framed as ours (`grpc-message-reader.js`);
 * - its answers need no work: the schema's and the other static calls' bytes as our provider encodes them (the
 *   generated `static-answers.js`), empty answers to the validations and the configure, and to ReadDataSource its
 *   own configuration back as the state with `total_count` set to its argument (read and written with our
 *   `protobuf-wire.js`; no listing, no client);
 * - it exits after Shutdown once its connections are closed, with `process.exit(0)`, as ours.
 * It is not a provider: its read returns no data, and it is never shipped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type * as Http2Module from "node:http2";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TERRAFORM_CERTIFICATE, TERRAFORM_GRPC_MESSAGES, TERRAFORM_HANDSHAKE, TERRAFORM_PROTOBUF_WIRE, TERRAFORM_STATIC_ANSWERS } from "./paths";

/** The largest request read: the bench's plans send a few hundred bytes. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** The provider's gRPC message framing (`grpc-message-reader.js` from the build), as far as the floor uses it. */
interface Framing {
    MESSAGE_PREFIX_BYTES: number;
    frameMessage(message: Buffer): Buffer;
}

/** The provider's protobuf wire format (`protobuf-wire.js` from the build), as far as the floor uses it. */
interface Wire {
    WIRE: { bytes: number };
    WireReader: new (bytes: Uint8Array) => {
        done(): boolean;
        tag(): { field: number; wireType: number };
        lengthDelimited(): Buffer;
        skip(field: number, wireType: number, depth: number): void;
    };
    WireWriter: new () => { lengthDelimited(field: number, bytes: Uint8Array): { finish(): Buffer } };
}

/** Field `field` of a protobuf message when it is length-delimited, or none; other fields are skipped. */
function lengthDelimited(wire: Wire, message: Buffer, field: number): Buffer | undefined {
    const reader = new wire.WireReader(message);
    while (!reader.done()) {
        const tag = reader.tag();
        if (tag.field === field && tag.wireType === wire.WIRE.bytes) return reader.lengthDelimited();
        reader.skip(tag.field, tag.wireType, 1);
    }
    return undefined;
}

/** `total_count` with no value, as a read's configuration holds it: the key (a msgpack fixstr), then nil. */
const TOTAL_COUNT_NIL = Buffer.concat([Buffer.from([0xa0 | "total_count".length]), Buffer.from("total_count"), Buffer.from([0xc0])]);

/**
 * `ReadDataSource.Response { state }`: the request's configuration (its field 2, a DynamicValue) sent back as the
 * state, with `total_count` set to `totalCount` (a msgpack positive fixint in the nil's byte: no length changes),
 * so that the plan shows the count a real read would. Nothing is listed.
 */
function readAnswer(wire: Wire, request: Buffer, totalCount: number): Buffer {
    const config = Buffer.from(lengthDelimited(wire, request, 2) ?? Buffer.alloc(0));
    const at = config.indexOf(TOTAL_COUNT_NIL);
    if (at >= 0) config[at + TOTAL_COUNT_NIL.length - 1] = totalCount;
    return new wire.WireWriter().lengthDelimited(1, config).finish();
}

/** The answer of each method the floor serves, from the request's message; `held` streams stay open. */
function answers(staticAnswers: Readonly<Record<string, string>>, wire: Wire, totalCount: number): Record<string, ((request: Buffer) => Buffer) | "held"> {
    const table: Record<string, ((request: Buffer) => Buffer) | "held"> = {
        "/plugin.GRPCStdio/StreamStdio": "held",
        "/plugin.GRPCBroker/StartStream": "held",
        "/plugin.GRPCController/Shutdown": () => Buffer.alloc(0),
        "/tfplugin6.Provider/ValidateProviderConfig": () => Buffer.alloc(0),
        "/tfplugin6.Provider/ValidateDataResourceConfig": () => Buffer.alloc(0),
        "/tfplugin6.Provider/ConfigureProvider": () => Buffer.alloc(0),
        "/tfplugin6.Provider/StopProvider": () => Buffer.alloc(0),
        "/tfplugin6.Provider/ReadDataSource": (request) => readAnswer(wire, request, totalCount),
    };
    for (const [name, base64] of Object.entries(staticAnswers)) table[`/tfplugin6.Provider/${name}`] = () => Buffer.from(base64, "base64");
    return table;
}

/** Serves one stream: reads its request, answers it (or holds it open), with grpc-status in the trailers. */
function serve(stream: Http2Module.ServerHttp2Stream, path: string, table: ReturnType<typeof answers>, framing: Framing, afterShutdown: () => void): void {
    const answer = table[path];
    if (answer === undefined) {
        stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": "12" }, { endStream: true });
        return;
    }
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    if (answer === "held") return;
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_REQUEST_BYTES) stream.close();
        else chunks.push(chunk);
    });
    stream.on("end", () => {
        const request = Buffer.concat(chunks).subarray(framing.MESSAGE_PREFIX_BYTES);
        stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
        stream.end(framing.frameMessage(answer(request)));
        if (path === "/plugin.GRPCController/Shutdown") afterShutdown();
    });
}

/** The count the reads report: the first argument (the bench's wrapper passes its emulator's), from 0 to 127. */
function totalCountArgument(): number {
    const count = Number(process.argv[2]);
    if (!Number.isInteger(count) || count < 0 || count > 127)
        throw new Error(`the floor's argument must be a count from 0 to 127; got ${String(process.argv[2])}`);
    return count;
}

function main(): void {
    const totalCount = totalCountArgument();
    const cookie = require(TERRAFORM_HANDSHAKE) as { MAGIC_COOKIE_KEY: string; MAGIC_COOKIE_VALUE: string };
    if (process.env[cookie.MAGIC_COOKIE_KEY] !== cookie.MAGIC_COOKIE_VALUE) throw new Error(`${cookie.MAGIC_COOKIE_KEY} is not set: a CLI starts the floor`);
    const { selfSignedCertificate } = require(TERRAFORM_CERTIFICATE) as {
        selfSignedCertificate: () => { keyPem: string; certPem: string; certDer: Buffer };
    };
    const certificate = selfSignedCertificate();
    const dir = mkdtempSync(join(tmpdir(), "bench-floor-"));
    const socketPath = join(dir, "plugin.sock");
    const removeSocket = () => rmSync(dir, { recursive: true, force: true });
    process.once("SIGTERM", () => {
        removeSocket();
        process.exit(143);
    });
    let server: Http2Module.Http2SecureServer | undefined;
    const sessions = new Set<Http2Module.ServerHttp2Session>();
    let shuttingDown = false;
    const exitWhenClosed = () => {
        if (shuttingDown && sessions.size === 0) {
            removeSocket();
            process.exit(0);
        }
    };
    const http2Server = (): Http2Module.Http2SecureServer => {
        if (server) return server;
        const http2 = require("node:http2") as typeof Http2Module;
        const { STATIC_ANSWERS } = require(TERRAFORM_STATIC_ANSWERS) as { STATIC_ANSWERS: Record<string, string> };
        const table = answers(STATIC_ANSWERS, require(TERRAFORM_PROTOBUF_WIRE) as Wire, totalCount);
        const framing = require(TERRAFORM_GRPC_MESSAGES) as Framing;
        server = http2.createSecureServer({
            key: certificate.keyPem,
            cert: certificate.certPem,
            ca: [],
            requestCert: true,
            rejectUnauthorized: false,
            minVersion: "TLSv1.2",
        });
        server.on("session", (session: Http2Module.ServerHttp2Session) => {
            sessions.add(session);
            session.once("close", () => {
                sessions.delete(session);
                exitWhenClosed();
            });
        });
        server.on("stream", (stream, headers) =>
            serve(stream, String(headers[":path"]), table, framing, () => {
                shuttingDown = true;
                listener.close();
                for (const session of sessions) session.close();
            }),
        );
        return server;
    };
    const listener = createServer((socket: Socket) => http2Server().emit("connection", socket));
    listener.listen(socketPath, () => {
        const cert = certificate.certDer.toString("base64").replace(/=+$/, "");
        process.stdout.write(`1|6|unix|${socketPath}|grpc|${cert}\n`);
    });
}

main();
