/**
 * The messages of a unary gRPC request, read from its body as it arrives: each message is a 5-byte prefix (a
 * compressed flag, then the length as 4 bytes big endian) and that many bytes. Refusals are grpc-go's, at the
 * moment grpc-go makes them (its `parser.recvMsg`, `checkRecvPayload` and `serverStream.RecvMsg` for a method that
 * is not client-streaming):
 *
 * - a length over the limit: RESOURCE_EXHAUSTED as soon as the prefix is read, before any byte of the message is
 *   kept;
 * - a message whose flag is set (compression; a `grpc-encoding` other than identity is refused earlier, from the
 *   headers) or is not a flag: INTERNAL once that message has arrived;
 * - a second message: INTERNAL once it has arrived (its bytes are counted, never kept);
 * - the body ending inside a prefix or a message: INTERNAL `unexpected EOF`; ending before any message: INTERNAL.
 *
 * Pure: no I/O; loaded with `node:http2`, after the handshake line.
 */
import { GRPC_STATUS, GrpcStatusError } from "./grpc-http2-server";

/** The length of a message's prefix: the compressed flag and the 4-byte length. */
export const MESSAGE_PREFIX_BYTES = 5;

/** One message with its gRPC prefix (flag 0: not compressed). */
export function frameMessage(message: Buffer): Buffer {
    const prefix = Buffer.alloc(MESSAGE_PREFIX_BYTES);
    prefix.writeUInt32BE(message.length, 1);
    return Buffer.concat([prefix, message]);
}

/** grpc-go's refusal of a flag byte that is not 0, or undefined for 0. */
function flagRefusal(flag: number): GrpcStatusError | undefined {
    if (flag === 0) return undefined;
    if (flag === 1) return new GrpcStatusError(GRPC_STATUS.INTERNAL, "grpc: compressed flag set with identity or empty encoding");
    return new GrpcStatusError(GRPC_STATUS.INTERNAL, `grpc: received unexpected payload format ${flag}`);
}

/**
 * Reads the one message of a unary request from the body's chunks. {@link push} each chunk: it answers a refusal
 * as soon as the bytes so far call for one (then stop reading); {@link end} at the end of the body answers the
 * message or the refusal. Keeps at most the first message's bytes and a prefix.
 */
export class UnaryRequestReader {
    readonly #prefix = Buffer.alloc(MESSAGE_PREFIX_BYTES);
    /** Bytes of the current prefix read so far (0 to 5); 5 while reading a message's bytes. */
    #prefixRead = 0;
    /** The current message's flag and length, once its prefix is read. */
    #flag = 0;
    #length = 0;
    /** Bytes of the current message read so far. */
    #read = 0;
    /** Messages complete so far. */
    #complete = 0;
    /** The first message's bytes, as they came (kept only when its flag is 0). */
    readonly #chunks: Buffer[] = [];
    /** The first message's declared length, once its prefix is read. */
    #firstLength: number | undefined;
    #refusal: GrpcStatusError | undefined;

    constructor(private readonly maxMessageBytes: number) {}

    /** The first message's declared length, once its prefix is read (what the caller reserves memory for). */
    get firstMessageBytes(): number | undefined {
        return this.#firstLength;
    }

    /** Reads a chunk of the body; returns the refusal when the bytes so far call for one (and every later call does). */
    push(chunk: Buffer): GrpcStatusError | undefined {
        let offset = 0;
        while (this.#refusal === undefined && offset < chunk.length) {
            if (this.#prefixRead < MESSAGE_PREFIX_BYTES) {
                const taken = Math.min(MESSAGE_PREFIX_BYTES - this.#prefixRead, chunk.length - offset);
                chunk.copy(this.#prefix, this.#prefixRead, offset, offset + taken);
                this.#prefixRead += taken;
                offset += taken;
                if (this.#prefixRead === MESSAGE_PREFIX_BYTES) this.#startMessage();
                continue;
            }
            const taken = Math.min(this.#length - this.#read, chunk.length - offset);
            if (this.#complete === 0 && this.#flag === 0) this.#chunks.push(chunk.subarray(offset, offset + taken));
            this.#read += taken;
            offset += taken;
            if (this.#read === this.#length) this.#finishMessage();
        }
        return this.#refusal;
    }

    /** The body has ended: the one message, or the refusal. */
    end(): Buffer | GrpcStatusError {
        if (this.#refusal) return this.#refusal;
        if (this.#prefixRead > 0) return new GrpcStatusError(GRPC_STATUS.INTERNAL, "unexpected EOF");
        if (this.#complete === 0)
            return new GrpcStatusError(GRPC_STATUS.INTERNAL, "cardinality violation: received no request message from non-client-streaming RPC");
        return this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, this.#firstLength);
    }

    #startMessage(): void {
        this.#flag = this.#prefix[0] as number;
        this.#length = this.#prefix.readUInt32BE(1);
        this.#read = 0;
        this.#firstLength ??= this.#length;
        if (this.#length > this.maxMessageBytes) {
            this.#refusal = new GrpcStatusError(
                GRPC_STATUS.RESOURCE_EXHAUSTED,
                `grpc: received message larger than max (${this.#length} vs. ${this.maxMessageBytes})`,
            );
            return;
        }
        if (this.#length === 0) this.#finishMessage();
    }

    #finishMessage(): void {
        this.#prefixRead = 0;
        this.#refusal = flagRefusal(this.#flag);
        if (this.#refusal) return;
        this.#complete += 1;
        if (this.#complete > 1)
            this.#refusal = new GrpcStatusError(GRPC_STATUS.INTERNAL, "cardinality violation: received multiple request messages for non-client-streaming RPC");
    }
}
