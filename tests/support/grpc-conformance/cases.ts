/**
 * The gRPC conformance suite's cases: each sends one odd or hostile request to a server with the suite's methods
 * (`conformance-server.ts`, `engine/grpc-reference/main.go`) and reads what came back as an {@link Outcome}. Each
 * case holds grpc-go's answer as a literal: `npm test` expects it of the provider's server
 * (tests/terraform/grpc-server-conformance.test.ts), and the engine tests check each literal against grpc-go
 * itself and the provider's server against the same (tests/engine/grpc-conformance.test.ts). Where the provider's
 * server answers otherwise on purpose, the case says what it answers and why.
 */
import * as grpc from "@grpc/grpc-js";
import { constants } from "node:http2";
import { CONFORMANCE_MAX_MESSAGE_BYTES, CONFORMANCE_SERVICE } from "./conformance-server";
import { grpcMessage, h2Call, openSession, Outcome } from "./h2-call";
import { FLAG, FRAME, frameBytes, headerBlock, RawH2Connection } from "./h2-raw-client";

export type { Outcome } from "./h2-call";

/** A server under test: its plain-text `host:port`. */
export interface ConformanceTarget {
    address: string;
}

/** One case. */
export interface ConformanceCase {
    /** What it probes, as the report's table names it. */
    name: string;
    run(target: ConformanceTarget): Promise<Outcome>;
    /** grpc-go's answer (the engine tests check it against grpc-go). Only these fields are compared. */
    grpcGo: Outcome;
    /** The provider's server's answer where it differs from grpc-go's on purpose, and why. */
    ours?: { outcome: Outcome; why: string };
}

const LIMIT = CONFORMANCE_MAX_MESSAGE_BYTES;
const path = (method: string) => `/${CONFORMANCE_SERVICE}/${method}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The count the `Cancellations` or `Waits` method answers. */
async function count(target: ConformanceTarget, method: "Cancellations" | "Waits"): Promise<number> {
    const outcome = await h2Call(target.address, { path: path(method) });
    if (outcome.status !== 0 || outcome.body === undefined) throw new Error(`${method} failed: ${JSON.stringify(outcome)}`);
    return Number(outcome.body);
}

/** Resolves once more than `before` `Wait` calls began waiting (within 10 s): the call to cancel has arrived. */
async function waitingBeyond(target: ConformanceTarget, before: number): Promise<void> {
    for (let waited = 0; waited < 10_000; waited += 20) {
        if ((await count(target, "Waits")) > before) return;
        await sleep(20);
    }
    throw new Error("the Wait call never arrived at the server");
}

/** Runs `probe` and adds `cancelled`: whether a `Wait` call saw its cancellation within 2 s. */
async function withCancellation(target: ConformanceTarget, probe: () => Promise<Outcome>): Promise<Outcome> {
    const before = await count(target, "Cancellations");
    const outcome = await probe();
    let cancelled = false;
    for (let waited = 0; waited < 2000 && !cancelled; waited += 50) {
        cancelled = (await count(target, "Cancellations")) > before;
        if (!cancelled) await sleep(50);
    }
    return { ...outcome, cancelled };
}

/** A unary call with `@grpc/grpc-js`, its messages as bytes: the status code and details, or code 0 and the answer. */
function grpcJsCall(
    target: ConformanceTarget,
    method: string,
    request: Buffer,
    options: { deadlineMs?: number; cancelWhen?: Promise<void> } = {},
): Promise<Outcome> {
    const client = new grpc.Client(target.address, grpc.credentials.createInsecure());
    return new Promise<Outcome>((resolve) => {
        const call = client.makeUnaryRequest(
            path(method),
            (bytes: Buffer) => bytes,
            (bytes: Buffer) => bytes,
            request,
            options.deadlineMs === undefined ? {} : { deadline: Date.now() + options.deadlineMs },
            (error, answer) => resolve(error ? { code: error.code, details: error.details } : { code: 0, body: (answer ?? Buffer.alloc(0)).toString("utf8") }),
        );
        void options.cancelWhen?.then(() => call.cancel());
    }).finally(() => client.close());
}

/** The messages of DATA bytes, without prefixes, as UTF-8. */
function messagesOf(data: Buffer): string {
    let text = "";
    for (let offset = 0; offset + 5 <= data.length; offset += 5 + data.readUInt32BE(offset + 1))
        text += data.subarray(offset + 5, offset + 5 + data.readUInt32BE(offset + 1)).toString("utf8");
    return text;
}

/** The follow-up stream of a raw case: after every stream the cases use. */
const FOLLOW_UP_STREAM = 1001;

/** Whether the connection still serves an `Echo`, was closed, or does neither within 3 s (stalled). */
async function followUp(connection: RawH2Connection): Promise<Outcome["connection"] | "stalled"> {
    if (connection.closed) return "closed";
    connection.sendHeaders(FOLLOW_UP_STREAM, requestFields(path("Echo")), false);
    connection.sendData(FOLLOW_UP_STREAM, grpcMessage("again"), true);
    const answered = () => messagesOf(connection.stream(FOLLOW_UP_STREAM).data) === "again";
    await connection.waitFor(answered, 3000).catch(() => undefined);
    return answered() ? "serves" : connection.closed ? "closed" : "stalled";
}

/** A request's header fields, in order, with `extra` after them. */
function requestFields(requestPath: string, extra: readonly (readonly [string, string])[] = []): [string, string][] {
    return [
        [":method", "POST"],
        [":scheme", "http"],
        [":path", requestPath],
        [":authority", "conformance"],
        ["content-type", "application/grpc"],
        ["te", "trailers"],
        ...extra.map(([name, value]): [string, string] => [name, value]),
    ];
}

/**
 * Opens a raw connection, runs `probe` on it, waits (up to `waitMs`) for stream 1 to end, be reset, or the
 * connection to go, then checks whether the connection still serves. The outcome: stream 1's answer (its messages),
 * its RST_STREAM code, the server's GOAWAY code, and the connection.
 */
async function rawCase(target: ConformanceTarget, probe: (connection: RawH2Connection) => void | Promise<void>, waitMs = 3000): Promise<Outcome> {
    const connection = await RawH2Connection.open(target.address);
    try {
        await probe(connection);
        await connection
            .waitFor(() => {
                const stream = connection.stream(1);
                return stream.ended || stream.reset !== undefined || connection.goaway !== undefined;
            }, waitMs)
            .catch(() => undefined);
        // A reset may follow the answer's end (grpc-go's RST_STREAM after a refusal).
        await sleep(100);
        const stream = connection.stream(1);
        const outcome: Outcome = {};
        if (stream.data.length > 0) outcome.body = messagesOf(stream.data);
        if (stream.reset !== undefined) outcome.reset = stream.reset;
        const connectionState = await followUp(connection);
        if (connection.goaway !== undefined) outcome.goaway = connection.goaway;
        return { ...outcome, connection: connectionState as Outcome["connection"] };
    } finally {
        connection.close();
    }
}

/** `count` header fields of `size` bytes each. */
const manyFields = (count: number, size: number) => Array.from({ length: count }, (_, i): [string, string] => [`x-field-${i}`, "v".repeat(size)]);

/** The text of the `Fail` cases: percent-encoding's every kind of byte (a `%`, non-ASCII, a control, U+2028). */
const FAIL_TEXT = "precondition: 100% not met; h\u00e9llo \u2713\n\tline\u2028separator";

/** The suite. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
    // Deadlines.
    {
        name: "deadline short: grpc-js, 200 ms, on a method that waits",
        run: (target) => withCancellation(target, () => grpcJsCall(target, "Wait", Buffer.from("x"), { deadlineMs: 200 })),
        grpcGo: { code: grpc.status.DEADLINE_EXCEEDED, cancelled: true },
    },
    {
        name: "deadline short: grpc-timeout 100m, no client deadline, on a method that waits",
        run: (target) => withCancellation(target, () => h2Call(target.address, { path: path("Wait"), headers: { "grpc-timeout": "100m" } })),
        grpcGo: { http: 200, status: grpc.status.DEADLINE_EXCEEDED, message: "context deadline exceeded", cancelled: true },
    },
    {
        name: "deadline zero: grpc-timeout 0m",
        run: (target) => h2Call(target.address, { headers: { "grpc-timeout": "0m" } }),
        grpcGo: { http: 200, status: grpc.status.DEADLINE_EXCEEDED, message: "context deadline exceeded" },
    },
    {
        name: "deadline long: grpc-timeout 600H (over 2^31 ms)",
        run: (target) => h2Call(target.address, { headers: { "grpc-timeout": "600H" } }),
        grpcGo: { http: 200, status: 0, body: "ping" },
    },
    {
        name: "deadline long: grpc-timeout 600H on a method that waits, cancelled by the client after 300 ms",
        run: (target) =>
            withCancellation(target, () =>
                h2Call(target.address, { path: path("Wait"), headers: { "grpc-timeout": "600H" }, reset: { code: constants.NGHTTP2_CANCEL, afterMs: 300 } }),
            ),
        // No answer before the client's reset: the deadline is 25 days away.
        grpcGo: { http: undefined, status: undefined, reset: constants.NGHTTP2_CANCEL, cancelled: true },
    },
    {
        name: "deadline longest: grpc-timeout 99999999H",
        run: (target) => h2Call(target.address, { headers: { "grpc-timeout": "99999999H" } }),
        grpcGo: { http: 200, status: 0, body: "ping" },
    },
    {
        name: "deadline long: grpc-js, 30 days",
        run: (target) => grpcJsCall(target, "Echo", Buffer.from("long"), { deadlineMs: 30 * 24 * 3600 * 1000 }),
        grpcGo: { code: 0, body: "long" },
    },
    {
        name: "deadline malformed: grpc-timeout 1x (unknown unit)",
        run: (target) => h2Call(target.address, { headers: { "grpc-timeout": "1x" } }),
        grpcGo: { http: 400, status: grpc.status.INTERNAL },
    },
    {
        name: "deadline malformed: grpc-timeout 123456789S (9 digits)",
        run: (target) => h2Call(target.address, { headers: { "grpc-timeout": "123456789S" } }),
        grpcGo: { http: 400, status: grpc.status.INTERNAL },
    },
    {
        name: "deadline malformed: grpc-timeout +1S (a sign)",
        run: (target) => h2Call(target.address, { headers: { "grpc-timeout": "+1S" } }),
        grpcGo: { http: 400, status: grpc.status.INTERNAL },
    },
    {
        name: "deadline malformed: grpc-timeout empty",
        run: (target) => h2Call(target.address, { headers: { "grpc-timeout": "" } }),
        grpcGo: { http: 400, status: grpc.status.INTERNAL },
    },
    // Cancellation.
    {
        name: "cancellation: grpc-js cancels a waiting call",
        run: (target) =>
            withCancellation(target, async () => {
                const before = await count(target, "Waits");
                return grpcJsCall(target, "Wait", Buffer.from("x"), { cancelWhen: waitingBeyond(target, before) });
            }),
        grpcGo: { code: grpc.status.CANCELLED, cancelled: true },
    },
    {
        name: "cancellation: RST_STREAM (CANCEL) mid-call, then another call on the connection",
        run: (target) =>
            withCancellation(target, () =>
                rawCase(
                    target,
                    async (connection) => {
                        const before = await count(target, "Waits");
                        connection.sendHeaders(1, requestFields(path("Wait")), false);
                        connection.sendData(1, grpcMessage("x"), true);
                        await waitingBeyond(target, before);
                        connection.sendReset(1, constants.NGHTTP2_CANCEL);
                    },
                    500,
                ),
            ),
        grpcGo: { body: undefined, connection: "serves", cancelled: true },
    },
    // The size limit.
    {
        name: "size: a message at the limit",
        run: (target) => h2Call(target.address, { chunks: [grpcMessage("a".repeat(LIMIT))] }),
        grpcGo: { http: 200, status: 0, body: "a".repeat(LIMIT) },
    },
    {
        name: "size: a message over the limit in one chunk",
        run: (target) => h2Call(target.address, { chunks: [grpcMessage("a".repeat(2 * LIMIT))] }),
        grpcGo: { http: 200, status: grpc.status.RESOURCE_EXHAUSTED, message: `grpc: received message larger than max (${2 * LIMIT} vs. ${LIMIT})` },
    },
    {
        name: "size: a message over the limit in many chunks (1 MiB in 16 KiB writes)",
        run: (target) => {
            const message = grpcMessage(Buffer.alloc(1 << 20, 0x61));
            const chunks = Array.from({ length: Math.ceil(message.length / 16384) }, (_, i) => message.subarray(i * 16384, (i + 1) * 16384));
            return h2Call(target.address, { chunks });
        },
        grpcGo: { http: 200, status: grpc.status.RESOURCE_EXHAUSTED, message: `grpc: received message larger than max (${1 << 20} vs. ${LIMIT})` },
    },
    {
        name: "size: a prefix declaring 2^32-1 bytes, no body, the stream left open",
        run: (target) => h2Call(target.address, { chunks: [grpcMessage("", 0, 0xffffffff)], end: false }),
        grpcGo: { http: 200, status: grpc.status.RESOURCE_EXHAUSTED, message: `grpc: received message larger than max (4294967295 vs. ${LIMIT})` },
    },
    {
        name: "size: a second message over the limit",
        run: (target) => h2Call(target.address, { chunks: [grpcMessage("a"), grpcMessage("", 0, LIMIT + 1)] }),
        grpcGo: { http: 200, status: grpc.status.RESOURCE_EXHAUSTED },
    },
    {
        name: "size: grpc-js sends a message over the limit",
        run: (target) => grpcJsCall(target, "Echo", Buffer.alloc(2 * LIMIT, 0x61)),
        grpcGo: { code: grpc.status.RESOURCE_EXHAUSTED },
    },
    {
        name: "size: refused at the prefix, then 1.6 MB more DATA on the stream; RST_STREAM (NO_ERROR), the connection serves",
        run: (target) =>
            rawCase(target, async (connection) => {
                connection.sendHeaders(1, requestFields(path("Echo")), false);
                connection.sendData(1, grpcMessage("", 0, 1 << 20), false);
                await sleep(100);
                for (let i = 0; i < 100; i++) connection.sendData(1, Buffer.alloc(16_000), false);
            }),
        grpcGo: { reset: constants.NGHTTP2_NO_ERROR, connection: "serves" },
    },
    // Compression flags and content types.
    {
        name: "content-type application/grpc",
        run: (target) => h2Call(target.address),
        grpcGo: { http: 200, status: 0, body: "ping", contentType: "application/grpc" },
    },
    {
        name: "content-type application/grpc+proto",
        run: (target) => h2Call(target.address, { headers: { "content-type": "application/grpc+proto" } }),
        grpcGo: { http: 200, status: 0, body: "ping", contentType: "application/grpc+proto" },
    },
    {
        name: "content-type application/grpc;charset=utf-8",
        run: (target) => h2Call(target.address, { headers: { "content-type": "application/grpc;charset=utf-8" } }),
        grpcGo: { http: 200, status: 0, body: "ping" },
    },
    {
        name: "content-type application/grpcXYZ",
        run: (target) => h2Call(target.address, { headers: { "content-type": "application/grpcXYZ" } }),
        grpcGo: { http: 415, status: grpc.status.INVALID_ARGUMENT, message: 'invalid gRPC request content-type "application/grpcXYZ"' },
    },
    {
        name: "content-type text/plain",
        run: (target) => h2Call(target.address, { headers: { "content-type": "text/plain" } }),
        grpcGo: { http: 415, status: grpc.status.INVALID_ARGUMENT, message: 'invalid gRPC request content-type "text/plain"' },
    },
    {
        name: "content-type Application/GRPC (case differs)",
        run: (target) => h2Call(target.address, { headers: { "content-type": "Application/GRPC" } }),
        grpcGo: { http: 415, status: grpc.status.INVALID_ARGUMENT },
    },
    {
        name: "content-type missing",
        run: (target) => h2Call(target.address, { headers: { "content-type": undefined } }),
        grpcGo: { http: 415, status: grpc.status.INVALID_ARGUMENT, message: 'invalid gRPC request content-type ""' },
    },
    {
        name: ":method GET",
        run: (target) => h2Call(target.address, { headers: { ":method": "GET" } }),
        grpcGo: { http: 405, status: grpc.status.INTERNAL, message: 'Received a HEADERS frame with :method "GET" which should be POST' },
    },
    {
        name: "compressed flag 1, no grpc-encoding",
        run: (target) => h2Call(target.address, { chunks: [grpcMessage("ping", 1)] }),
        grpcGo: { http: 200, status: grpc.status.INTERNAL, message: "grpc: compressed flag set with identity or empty encoding" },
    },
    {
        name: "compressed flag 1, grpc-encoding gzip (no decompressor installed)",
        run: (target) => h2Call(target.address, { headers: { "grpc-encoding": "gzip" }, chunks: [grpcMessage("ping", 1)] }),
        grpcGo: { http: 200, status: grpc.status.UNIMPLEMENTED, message: 'grpc: Decompressor is not installed for grpc-encoding "gzip"' },
    },
    {
        name: "flag 2 (not a flag)",
        run: (target) => h2Call(target.address, { chunks: [grpcMessage("ping", 2)] }),
        grpcGo: { http: 200, status: grpc.status.INTERNAL, message: "grpc: received unexpected payload format 2" },
    },
    {
        name: "grpc-encoding identity, flag 0",
        run: (target) => h2Call(target.address, { headers: { "grpc-encoding": "identity" } }),
        grpcGo: { http: 200, status: 0, body: "ping" },
    },
    // How many messages.
    {
        name: "unary: no message",
        run: (target) => h2Call(target.address, { chunks: [] }),
        grpcGo: { http: 200, status: grpc.status.INTERNAL, message: "cardinality violation: received no request message from non-client-streaming RPC" },
    },
    {
        name: "unary: a partial prefix, then the end",
        run: (target) => h2Call(target.address, { chunks: [Buffer.from([0, 0, 0])] }),
        grpcGo: { http: 200, status: grpc.status.INTERNAL, message: "unexpected EOF" },
    },
    {
        name: "unary: a partial message, then the end",
        run: (target) => h2Call(target.address, { chunks: [grpcMessage("hello").subarray(0, 7)] }),
        grpcGo: { http: 200, status: grpc.status.INTERNAL, message: "unexpected EOF" },
    },
    {
        name: "unary: two messages",
        run: (target) => h2Call(target.address, { chunks: [grpcMessage("a"), grpcMessage("b")] }),
        grpcGo: { http: 200, status: grpc.status.INTERNAL, message: "cardinality violation: received multiple request messages for non-client-streaming RPC" },
    },
    {
        name: "unary: a message, the stream never ended (no answer before the client gives up)",
        run: (target) => h2Call(target.address, { end: false, waitMs: 500 }),
        grpcGo: { http: undefined, status: undefined },
    },
    // Unknown methods.
    {
        name: "unknown method of a known service",
        run: (target) => h2Call(target.address, { path: path("Nope") }),
        grpcGo: { http: 200, status: grpc.status.UNIMPLEMENTED, message: `unknown method Nope for service ${CONFORMANCE_SERVICE}` },
    },
    {
        name: "unknown service",
        run: (target) => h2Call(target.address, { path: "/x.Y/Nope" }),
        grpcGo: { http: 200, status: grpc.status.UNIMPLEMENTED, message: "unknown service x.Y" },
    },
    {
        name: "malformed method path",
        run: (target) => h2Call(target.address, { path: "/nopath" }),
        grpcGo: { http: 200, status: grpc.status.UNIMPLEMENTED, message: 'malformed method name: "/nopath"' },
    },
    {
        name: "unknown method, grpc-js",
        run: (target) => grpcJsCall(target, "Nope", Buffer.from("x")),
        grpcGo: { code: grpc.status.UNIMPLEMENTED },
    },
    // Trailers-only errors.
    {
        name: "trailers-only error, its message percent-encoded (node:http2 decodes it)",
        run: (target) => h2Call(target.address, { path: path("Fail"), chunks: [grpcMessage(FAIL_TEXT)] }),
        grpcGo: { http: 200, status: grpc.status.FAILED_PRECONDITION, message: FAIL_TEXT, body: undefined },
    },
    {
        name: "trailers-only error, its message percent-encoded (grpc-js decodes it)",
        run: (target) => grpcJsCall(target, "Fail", Buffer.from(FAIL_TEXT)),
        grpcGo: { code: grpc.status.FAILED_PRECONDITION, details: FAIL_TEXT },
    },
    // Many concurrent and never-finished streams.
    {
        name: "150 never-finished streams on one connection, then a call on it",
        run: async (target) => {
            const session = await openSession(target.address);
            try {
                const held = Array.from({ length: 150 }, () => {
                    const stream = session.request({ ":method": "POST", ":path": path("Echo"), "content-type": "application/grpc" });
                    stream.on("error", () => undefined);
                    stream.write(Buffer.concat([grpcMessage("", 0, 100), Buffer.alloc(10)]));
                    return new Promise<number | undefined>((resolve) => {
                        stream.once("close", () => resolve(stream.rstCode));
                        setTimeout(() => resolve(undefined), 1000);
                    });
                });
                const codes = await Promise.all(held);
                const outcome = await h2Call(session, { waitMs: 2000 });
                return { refused: codes.filter((code) => code === constants.NGHTTP2_REFUSED_STREAM).length, status: outcome.status, reset: outcome.reset };
            } finally {
                session.destroy();
            }
        },
        grpcGo: { refused: 0, status: 0, reset: undefined },
        ours: {
            outcome: { refused: 50, status: undefined, reset: constants.NGHTTP2_REFUSED_STREAM },
            why: "grpc-go's default is no limit; ours is 100 streams per connection (grpc-go's own client opens at most 100 when the server names no limit), so a client's streams cannot hold unbounded memory",
        },
    },
    // RST_STREAM and GOAWAY from the client; frames after the end.
    {
        name: "GOAWAY (NO_ERROR) from the client mid-call, then the rest of the body",
        run: (target) =>
            rawCase(target, async (connection) => {
                connection.sendHeaders(1, requestFields(path("Echo")), false);
                connection.sendData(1, grpcMessage("ab").subarray(0, 6), false);
                connection.sendGoaway(constants.NGHTTP2_NO_ERROR);
                await sleep(200);
                connection.sendData(1, Buffer.from("b"), true);
            }),
        grpcGo: { body: "ab" },
    },
    {
        name: "GOAWAY (PROTOCOL_ERROR) from the client mid-call, then the rest of the body",
        run: (target) =>
            rawCase(target, async (connection) => {
                connection.sendHeaders(1, requestFields(path("Echo")), false);
                connection.sendData(1, grpcMessage("ab").subarray(0, 6), false);
                connection.sendGoaway(constants.NGHTTP2_PROTOCOL_ERROR);
                await sleep(200);
                connection.sendData(1, Buffer.from("b"), true);
            }),
        grpcGo: { body: "ab", connection: "serves" },
        ours: {
            outcome: { body: undefined, connection: "closed" },
            why: "Node.js ends a session whose peer sent GOAWAY with an error code (its calls are cancelled); grpc-go ignores a client's GOAWAY",
        },
    },
    {
        name: "DATA after END_STREAM",
        run: (target) =>
            rawCase(target, (connection) => {
                connection.sendHeaders(1, requestFields(path("Wait")), false);
                connection.sendData(1, grpcMessage("x"), true);
                connection.sendData(1, Buffer.from("more"), false);
            }),
        grpcGo: { reset: constants.NGHTTP2_STREAM_CLOSED, connection: "serves" },
        ours: {
            outcome: { goaway: constants.NGHTTP2_STREAM_CLOSED, connection: "closed" },
            why: "nghttp2 (Node.js's HTTP/2) makes it a connection error; the connection is closed, never left stalled",
        },
    },
    // Header floods.
    {
        name: "header flood: one 1 MiB header field",
        run: (target) =>
            rawCase(target, (connection) => {
                connection.sendHeaders(1, requestFields(path("Echo"), [["x-big", "a".repeat(1 << 20)]]), false);
                connection.sendData(1, grpcMessage("ping"), true);
            }),
        grpcGo: { body: "ping", connection: "serves" },
        ours: {
            outcome: { goaway: constants.NGHTTP2_COMPRESSION_ERROR, connection: "closed" },
            why: "nghttp2 refuses any header field over 64 KiB (COMPRESSION_ERROR) whatever the settings; the connection is closed, never left stalled (Node.js 20 leaves it open, so a liveness ping closes it)",
        },
    },
    {
        name: "header flood: 100 fields of 1 KB (100 KB, over our 64 KiB list, under grpc-go's 16 MiB)",
        run: (target) =>
            rawCase(target, (connection) => {
                connection.sendHeaders(1, requestFields(path("Echo"), manyFields(100, 1000)), false);
                connection.sendData(1, grpcMessage("ping"), true);
            }),
        grpcGo: { body: "ping", connection: "serves" },
        ours: {
            outcome: { reset: constants.NGHTTP2_ENHANCE_YOUR_CALM, connection: "serves" },
            why: "our header list limit is 64 KiB (grpc-go's default is 16 MiB, going to 8 KiB); Node.js resets the stream over it with ENHANCE_YOUR_CALM, and the connection serves on",
        },
    },
    {
        name: "header flood: 1,000 small fields (45 KB by HPACK's count: within 64 KiB, over Node.js's default of 128 fields)",
        run: (target) =>
            rawCase(target, (connection) => {
                connection.sendHeaders(1, requestFields(path("Echo"), manyFields(1000, 1)), false);
                connection.sendData(1, grpcMessage("ping"), true);
            }),
        grpcGo: { body: "ping", connection: "serves" },
    },
    {
        name: "header flood: 17 MiB of 1 KB fields (over grpc-go's 16 MiB)",
        run: (target) =>
            rawCase(
                target,
                (connection) => {
                    connection.sendHeaders(1, requestFields(path("Echo"), manyFields(17 * 1024, 1024)), false);
                    connection.sendData(1, grpcMessage("ping"), true);
                },
                10_000,
            ),
        grpcGo: { body: undefined, connection: "closed" },
    },
    {
        name: "header flood: 10,000 empty CONTINUATION frames",
        run: (target) =>
            rawCase(target, (connection) => {
                connection.send(frameBytes(FRAME.HEADERS, 0, 1, headerBlock(requestFields(path("Echo")))));
                for (let i = 0; i < 10_000; i++) connection.send(frameBytes(FRAME.CONTINUATION, 0, 1));
                connection.send(frameBytes(FRAME.CONTINUATION, FLAG.END_HEADERS, 1));
                connection.sendData(1, grpcMessage("ping"), true);
            }),
        grpcGo: { body: "ping", connection: "serves" },
        ours: {
            outcome: { body: undefined, connection: "closed" },
            why: "nghttp2 bounds the CONTINUATION frames of one header block (the CONTINUATION flood of 2024); past it the connection is closed",
        },
    },
];
