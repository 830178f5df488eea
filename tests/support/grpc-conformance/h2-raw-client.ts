/**
 * An HTTP/2 client that writes frames as given, for what `node:http2`'s client will not send: header blocks of any
 * size, split into CONTINUATION frames, RST_STREAM and GOAWAY at any moment, DATA after END_STREAM. Header fields
 * are HPACK literals without indexing or Huffman coding (RFC 7541 6.2.2), which every decoder accepts. It reads the
 * server's frames without decoding their header blocks: what it tells is which frames came on which stream (an
 * answer, a reset and its code, a GOAWAY and its code) and whether the connection closed. It acknowledges the
 * server's SETTINGS and PINGs, and gives back the connection's flow-control window as it receives DATA.
 */
import { connect as netConnect, Socket } from "node:net";
import { connect as tlsConnect, ConnectionOptions } from "node:tls";

/** Frame types (RFC 9113 6). */
export const FRAME = { DATA: 0, HEADERS: 1, RST_STREAM: 3, SETTINGS: 4, PING: 6, GOAWAY: 7, WINDOW_UPDATE: 8, CONTINUATION: 9 } as const;
/** Frame flags. */
export const FLAG = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4 } as const;
/** The largest frame payload a peer accepts before it says otherwise (SETTINGS_MAX_FRAME_SIZE's initial value). */
export const DEFAULT_MAX_FRAME_BYTES = 16_384;

/** A frame as read. */
export interface Frame {
    type: number;
    flags: number;
    stream: number;
    payload: Buffer;
}

/** One frame's bytes. */
export function frameBytes(type: number, flags: number, stream: number, payload: Buffer = Buffer.alloc(0)): Buffer {
    const header = Buffer.alloc(9);
    header.writeUIntBE(payload.length, 0, 3);
    header[3] = type;
    header[4] = flags;
    header.writeUInt32BE(stream, 5);
    return Buffer.concat([header, payload]);
}

/** An HPACK integer with an `prefixBits`-bit prefix (RFC 7541 5.1), the prefix's other bits `first`. */
function hpackInteger(value: number, prefixBits: number, first: number): number[] {
    const max = (1 << prefixBits) - 1;
    if (value < max) return [first | value];
    const bytes = [first | max];
    let rest = value - max;
    while (rest >= 128) {
        bytes.push((rest % 128) | 128);
        rest = Math.floor(rest / 128);
    }
    bytes.push(rest);
    return bytes;
}

/** A header block of literal fields without indexing, new names, no Huffman coding. */
export function headerBlock(fields: readonly (readonly [string, string])[]): Buffer {
    return Buffer.concat(
        fields.flatMap(([name, value]) => {
            const nameBytes = Buffer.from(name, "latin1");
            const valueBytes = Buffer.from(value, "latin1");
            return [Buffer.from([0x00, ...hpackInteger(nameBytes.length, 7, 0)]), nameBytes, Buffer.from(hpackInteger(valueBytes.length, 7, 0)), valueBytes];
        }),
    );
}

/** What a stream received. */
export interface StreamFrames {
    /** HEADERS frames (an answer's headers, or its trailers). */
    headers: number;
    /** The DATA bytes. */
    data: Buffer;
    /** Whether a frame ended the stream (END_STREAM). */
    ended: boolean;
    /** The RST_STREAM code, if the server reset it. */
    reset: number | undefined;
}

/** A raw connection. */
export class RawH2Connection {
    readonly frames: Frame[] = [];
    #buffer = Buffer.alloc(0);
    #closed = false;
    #waiters: (() => void)[] = [];
    readonly closedPromise: Promise<void>;

    private constructor(readonly socket: Socket) {
        this.closedPromise = new Promise((resolve) => socket.once("close", () => resolve()));
        socket.on("error", () => undefined);
        socket.on("close", () => {
            this.#closed = true;
            this.#wake();
        });
        socket.on("data", (chunk: Buffer) => this.#read(chunk));
    }

    /** Connects (TLS when `tls` is given, offering h2), sends the preface and empty SETTINGS, and waits for the server's SETTINGS. */
    static async open(address: string, tls?: ConnectionOptions): Promise<RawH2Connection> {
        const [host = "", port = ""] = [address.slice(0, address.lastIndexOf(":")), address.slice(address.lastIndexOf(":") + 1)];
        const socket = tls ? tlsConnect({ host, port: Number(port), ALPNProtocols: ["h2"], ...tls }) : netConnect({ host, port: Number(port) });
        await new Promise<void>((resolve, reject) => {
            socket.once(tls ? "secureConnect" : "connect", () => resolve());
            socket.once("error", reject);
        });
        const connection = new RawH2Connection(socket);
        connection.send(Buffer.concat([Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1"), frameBytes(FRAME.SETTINGS, 0, 0)]));
        // Wait for the server's SETTINGS and its ACK of ours, so that its limits apply to what comes next.
        await connection.waitFor(() => connection.frames.some((f) => f.type === FRAME.SETTINGS && (f.flags & FLAG.ACK) !== 0), 5000);
        return connection;
    }

    /** Whether the server closed the connection. */
    get closed(): boolean {
        return this.#closed;
    }

    /** Writes bytes, unless the connection is closed. */
    send(bytes: Buffer): void {
        if (!this.#closed && !this.socket.destroyed) this.socket.write(bytes);
    }

    /** Sends a header block on `stream`: one HEADERS frame, then CONTINUATION frames of at most `frameBytes` each. */
    sendHeaders(stream: number, fields: readonly (readonly [string, string])[], endStream: boolean, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): void {
        const block = headerBlock(fields);
        const parts: Buffer[] = [];
        for (let offset = 0; offset < block.length || parts.length === 0; offset += maxFrameBytes) parts.push(block.subarray(offset, offset + maxFrameBytes));
        parts.forEach((part, index) => {
            const last = index === parts.length - 1 ? FLAG.END_HEADERS : 0;
            const type = index === 0 ? FRAME.HEADERS : FRAME.CONTINUATION;
            const end = index === 0 && endStream ? FLAG.END_STREAM : 0;
            this.send(frameBytes(type, last | end, stream, part));
        });
    }

    /** Sends DATA frames of at most `maxFrameBytes` on `stream`, the last with END_STREAM if asked. */
    sendData(stream: number, bytes: Buffer, endStream: boolean, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): void {
        for (let offset = 0; offset < bytes.length || offset === 0; offset += maxFrameBytes) {
            const part = bytes.subarray(offset, offset + maxFrameBytes);
            const last = offset + maxFrameBytes >= bytes.length;
            this.send(frameBytes(FRAME.DATA, last && endStream ? FLAG.END_STREAM : 0, stream, part));
            if (bytes.length === 0) break;
        }
    }

    /** Sends RST_STREAM with `code`. */
    sendReset(stream: number, code: number): void {
        const payload = Buffer.alloc(4);
        payload.writeUInt32BE(code);
        this.send(frameBytes(FRAME.RST_STREAM, 0, stream, payload));
    }

    /** Sends GOAWAY with `code`, the last stream processed being `lastStream`. */
    sendGoaway(code: number, lastStream = 0): void {
        const payload = Buffer.alloc(8);
        payload.writeUInt32BE(lastStream, 0);
        payload.writeUInt32BE(code, 4);
        this.send(frameBytes(FRAME.GOAWAY, 0, 0, payload));
    }

    /** What `stream` received so far. */
    stream(stream: number): StreamFrames {
        const frames = this.frames.filter((f) => f.stream === stream);
        const reset = frames.find((f) => f.type === FRAME.RST_STREAM);
        return {
            headers: frames.filter((f) => f.type === FRAME.HEADERS).length,
            data: Buffer.concat(frames.filter((f) => f.type === FRAME.DATA).map((f) => f.payload)),
            ended: frames.some((f) => (f.type === FRAME.HEADERS || f.type === FRAME.DATA) && (f.flags & FLAG.END_STREAM) !== 0),
            reset: reset ? reset.payload.readUInt32BE(0) : undefined,
        };
    }

    /** The error code of the server's GOAWAY, if it sent one. */
    get goaway(): number | undefined {
        const frame = this.frames.find((f) => f.type === FRAME.GOAWAY);
        return frame ? frame.payload.readUInt32BE(4) : undefined;
    }

    /** Resolves when `condition` holds or the connection closes; rejects after `timeoutMs`. */
    waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
        return new Promise((resolve, reject) => {
            const check = () => {
                if (condition() || this.#closed) {
                    clearTimeout(timer);
                    this.#waiters = this.#waiters.filter((w) => w !== check);
                    resolve();
                    return true;
                }
                return false;
            };
            const timer = setTimeout(() => {
                this.#waiters = this.#waiters.filter((w) => w !== check);
                reject(new Error(`timed out after ${timeoutMs} ms; frames: ${this.describe()}`));
            }, timeoutMs);
            if (!check()) this.#waiters.push(check);
        });
    }

    /** The frames received, for messages. */
    describe(): string {
        const names = Object.fromEntries(Object.entries(FRAME).map(([name, type]) => [type, name]));
        return this.frames.map((f) => `${names[f.type] ?? f.type}(${f.stream})`).join(" ") + (this.#closed ? " closed" : "");
    }

    /** Closes the connection from this side. */
    close(): void {
        this.socket.destroy();
    }

    #read(chunk: Buffer): void {
        this.#buffer = Buffer.concat([this.#buffer, chunk]);
        while (this.#buffer.length >= 9) {
            const length = this.#buffer.readUIntBE(0, 3);
            if (this.#buffer.length < 9 + length) break;
            const frame: Frame = {
                type: this.#buffer[3] as number,
                flags: this.#buffer[4] as number,
                stream: this.#buffer.readUInt32BE(5) & 0x7fffffff,
                payload: Buffer.from(this.#buffer.subarray(9, 9 + length)),
            };
            this.#buffer = this.#buffer.subarray(9 + length);
            if (frame.type === FRAME.SETTINGS && (frame.flags & FLAG.ACK) === 0) this.send(frameBytes(FRAME.SETTINGS, FLAG.ACK, 0));
            if (frame.type === FRAME.PING && (frame.flags & FLAG.ACK) === 0) this.send(frameBytes(FRAME.PING, FLAG.ACK, 0, frame.payload));
            if (frame.type === FRAME.DATA && frame.payload.length > 0) {
                const increment = Buffer.alloc(4);
                increment.writeUInt32BE(frame.payload.length);
                this.send(frameBytes(FRAME.WINDOW_UPDATE, 0, 0, increment));
                this.send(frameBytes(FRAME.WINDOW_UPDATE, 0, frame.stream, increment));
            }
            this.frames.push(frame);
        }
        this.#wake();
    }

    #wake(): void {
        for (const waiter of [...this.#waiters]) waiter();
    }
}
