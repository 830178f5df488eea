/**
 * Fuzzing the gRPC server's frame reader (`UnaryRequestReader`: a unary request's messages, from its prefixes, in
 * the chunks they arrive in): any bytes, cut anywhere, give the one message or a typed refusal (GrpcStatusError),
 * at the chunk where the bytes first call for it, never a crash or a loop; and what it answers is what a plain
 * model of grpc-go's reading answers for the whole body at once.
 *
 * `npm test` runs a fixed seed and budget (10,000 runs each, about 2 s); a longer run by hand (500,000 runs each took
 * 50 s here): `FUZZ_RUNS=500000 npx mocha --no-config -r ts-node/register --timeout 0
 * tests/property/grpc-message-reader.property.test.ts` (`FUZZ_SEED` picks another seed; a failure prints its seed
 * and path to replay).
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { GRPC_STATUS, GrpcStatusError } from "../../provider/terraform/grpc-http2-server";
import { UnaryRequestReader } from "../../provider/terraform/grpc-message-reader";
import { fuzzOptions } from "../fuzz/fuzz-harness";

/** The runs and seed: fixed in `npm test`, or from FUZZ_RUNS and FUZZ_SEED, checked as the fuzz targets' are. */
const { runs: RUNS, seed: SEED } = fuzzOptions({ runs: 10_000, seed: 24 });

/** What the model says: a refusal decided once `at` bytes are read, or the end's answer. */
type Verdict = { at: number; refusal: { code: number; message: string } } | { at: undefined; end: Buffer | { code: number; message: string } };

/** A plain reading of the whole body, as grpc-go reads a unary request's messages (rpc_util.go recvMsg, stream.go RecvMsg). */
function model(body: Buffer, max: number): Verdict {
    let offset = 0;
    let first: Buffer | undefined;
    const internal = (message: string) => ({ code: GRPC_STATUS.INTERNAL, message });
    for (;;) {
        if (offset === body.length)
            return { at: undefined, end: first ?? internal("cardinality violation: received no request message from non-client-streaming RPC") };
        if (body.length - offset < 5) return { at: undefined, end: internal("unexpected EOF") };
        const flag = body[offset] as number;
        const length = body.readUInt32BE(offset + 1);
        if (length > max)
            return {
                at: offset + 5,
                refusal: { code: GRPC_STATUS.RESOURCE_EXHAUSTED, message: `grpc: received message larger than max (${length} vs. ${max})` },
            };
        const end = offset + 5 + length;
        if (end > body.length) return { at: undefined, end: internal("unexpected EOF") };
        if (flag === 1) return { at: end, refusal: internal("grpc: compressed flag set with identity or empty encoding") };
        if (flag !== 0) return { at: end, refusal: internal(`grpc: received unexpected payload format ${flag}`) };
        if (first !== undefined)
            return { at: end, refusal: internal("cardinality violation: received multiple request messages for non-client-streaming RPC") };
        first = body.subarray(offset + 5, end);
        offset = end;
    }
}

/** A status error as plain data. */
const statusOf = (error: GrpcStatusError) => ({ code: error.code, message: error.message });

/** Reads `chunks` as the server does: stops at the first refusal. Returns it with the bytes read by then, or the end's answer. */
function readChunks(
    chunks: readonly Buffer[],
    max: number,
): { refusedAt: number; refusal: GrpcStatusError; chunkStart: number } | { end: Buffer | GrpcStatusError } {
    const reader = new UnaryRequestReader(max);
    let read = 0;
    for (const chunk of chunks) {
        const refusal = reader.push(chunk);
        if (refusal !== undefined) {
            assert.ok(refusal instanceof GrpcStatusError, "a refusal is a GrpcStatusError");
            return { refusedAt: read + chunk.length, refusal, chunkStart: read };
        }
        read += chunk.length;
    }
    const end = reader.end();
    assert.ok(end instanceof GrpcStatusError || Buffer.isBuffer(end), "the end is a message or a GrpcStatusError");
    return { end };
}

/** A length for a prefix: small, around the limit, or anywhere up to 2^32 - 1. */
const lengthArbitrary = (max: number) =>
    fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: Math.max(0, max - 2), max: max + 2 }), fc.integer({ min: 0, max: 0xffffffff }));

/** Pieces of a body: whole messages (flag 0 mostly, any flag sometimes), bare prefixes, or loose bytes. */
const segmentArbitrary = (max: number) =>
    fc.oneof(
        { weight: 4, arbitrary: fc.uint8Array({ maxLength: Math.min(max, 64) }).map((bytes) => ({ flag: 0, length: bytes.length, bytes })) },
        {
            weight: 1,
            arbitrary: fc
                .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 16 }))
                .map(([flag, bytes]) => ({ flag, length: bytes.length, bytes })),
        },
        {
            weight: 2,
            arbitrary: fc
                .tuple(fc.integer({ min: 0, max: 2 }), lengthArbitrary(max), fc.uint8Array({ maxLength: 32 }))
                .map(([flag, length, bytes]) => ({ flag, length, bytes })),
        },
        { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => ({ flag: undefined, length: 0, bytes })) },
    );

/** A segment's bytes: its prefix (unless loose bytes) and its bytes. */
function segmentBytes(segment: { flag: number | undefined; length: number; bytes: Uint8Array }): Buffer {
    if (segment.flag === undefined) return Buffer.from(segment.bytes);
    const prefix = Buffer.alloc(5);
    prefix[0] = segment.flag;
    prefix.writeUInt32BE(segment.length, 1);
    return Buffer.concat([prefix, Buffer.from(segment.bytes)]);
}

/** A body and the limit, and where it is cut into chunks. */
const inputArbitrary = fc
    .integer({ min: 0, max: 100 })
    .chain((max) =>
        fc.record({
            max: fc.constant(max),
            body: fc.array(segmentArbitrary(max), { maxLength: 4 }).map((segments) => Buffer.concat(segments.map(segmentBytes))),
            cuts: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 12 }),
        }),
    )
    .map(({ max, body, cuts }) => {
        const points = [...new Set(cuts.filter((cut) => cut <= body.length))].sort((a, b) => a - b);
        const chunks = [0, ...points, body.length].slice(1).map((end, i, ends) => body.subarray(i === 0 ? 0 : (ends[i - 1] as number), end));
        return { max, body, chunks: [body.subarray(0, 0), ...chunks] };
    });

describe("property: the gRPC frame reader (fuzzed)", () => {
    it("answers as the model of grpc-go's reading does, at the chunk where the bytes first call for a refusal", () => {
        fc.assert(
            fc.property(inputArbitrary, ({ max, body, chunks }) => {
                assert.equal(Buffer.concat(chunks).length, body.length);
                const verdict = model(body, max);
                const read = readChunks(chunks, max);
                if (verdict.at !== undefined) {
                    assert.ok("refusal" in read, `refused at byte ${verdict.at}, but read to the end: ${JSON.stringify(read)}`);
                    assert.deepEqual(statusOf(read.refusal), verdict.refusal);
                    assert.ok(
                        read.chunkStart < verdict.at && verdict.at <= read.refusedAt,
                        `refused in the chunk ${read.chunkStart}..${read.refusedAt}, decided at ${verdict.at}`,
                    );
                } else {
                    assert.ok("end" in read, `refused early: ${JSON.stringify(read)}`);
                    const end = read.end;
                    if (Buffer.isBuffer(verdict.end)) {
                        assert.ok(Buffer.isBuffer(end), `expected the message, got ${String(end)}`);
                        assert.ok(end.equals(verdict.end));
                        assert.ok(end.length <= max, "a message is never over the limit");
                    } else {
                        assert.ok(end instanceof GrpcStatusError);
                        assert.deepEqual(statusOf(end), verdict.end);
                    }
                }
            }),
            { numRuns: RUNS, seed: SEED },
        );
    });

    it("takes any bytes, cut anywhere, under any limit: a message or a refusal (RESOURCE_EXHAUSTED or INTERNAL), never a throw", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 16 }), (max, arrays) => {
                const result = readChunks(
                    arrays.map((bytes) => Buffer.from(bytes)),
                    max,
                );
                const answer = "refusal" in result ? result.refusal : result.end;
                if (answer instanceof GrpcStatusError) assert.ok([GRPC_STATUS.RESOURCE_EXHAUSTED, GRPC_STATUS.INTERNAL].includes(answer.code as 8 | 13));
            }),
            { numRuns: RUNS, seed: SEED },
        );
    });
});
