/**
 * Protocol Buffers' wire format, the little of it `tfplugin6` needs: varints (bool, enum and int64 fields) and
 * length-delimited fields (bytes, strings, messages, map entries), read and written; unknown fields of every wire
 * type are skipped on reading, so that a newer CLI's extra fields pass. Pure functions over bytes.
 */

/** Wire types: varint, 64-bit, length-delimited, 32-bit (groups are not used by proto3). */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** A malformed message: what was wrong, and where. */
export class WireFormatError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "WireFormatError";
    }
}

/** A cursor over one message's bytes. */
export class WireReader {
    private offset = 0;

    constructor(
        private readonly bytes: Uint8Array,
        private readonly end = bytes.length,
        start = 0,
    ) {
        this.offset = start;
    }

    /** Whether every byte of the message was read. */
    done(): boolean {
        return this.offset >= this.end;
    }

    /** The next byte. */
    private byte(): number {
        if (this.offset >= this.end) throw new WireFormatError(`a varint runs past the end of the message at byte ${this.offset}`);
        return this.bytes[this.offset++] as number;
    }

    /**
     * A varint as a number: up to four bytes by plain arithmetic, longer ones as a 64-bit two's complement integer
     * (int64 values beyond 2^53 lose precision, as with protobufjs's `longs: Number`).
     */
    varint(): number {
        let result = 0;
        for (let shift = 0; shift < 28; shift += 7) {
            const byte = this.byte();
            result |= (byte & 0x7f) << shift;
            if (byte < 0x80) return result >>> 0;
        }
        let big = BigInt(result >>> 0);
        for (let shift = 28n; shift < 70n; shift += 7n) {
            const byte = this.byte();
            big |= BigInt(byte & 0x7f) << shift;
            if (byte < 0x80) return Number(BigInt.asIntN(64, big));
        }
        throw new WireFormatError(`a varint is longer than 10 bytes at byte ${this.offset}`);
    }

    /** A tag: field number and wire type. */
    tag(): { field: number; wireType: number } {
        const tag = this.varint();
        return { field: Math.floor(tag / 8), wireType: tag & 7 };
    }

    /** A length-delimited field's bytes (a view, not a copy). */
    lengthDelimited(): Buffer {
        const length = this.varint();
        if (this.offset + length > this.end) throw new WireFormatError(`a field of ${length} bytes runs past the end of the message at byte ${this.offset}`);
        const view = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.offset, length);
        this.offset += length;
        return view;
    }

    /** Skips a field of the given wire type. */
    skip(wireType: number): void {
        if (wireType === WIRE.varint) this.varint();
        else if (wireType === WIRE.bytes) this.lengthDelimited();
        else if (wireType === WIRE.fixed64 || wireType === WIRE.fixed32) {
            this.offset += wireType === WIRE.fixed64 ? 8 : 4;
            if (this.offset > this.end) throw new WireFormatError("a fixed-size field runs past the end of the message");
        } else throw new WireFormatError(`wire type ${wireType} is not used by proto3 (at byte ${this.offset})`);
    }
}

/** Bytes written in order, joined once at the end. */
export class WireWriter {
    private readonly parts: Uint8Array[] = [];
    private length = 0;

    /** Appends a varint; negative numbers as 64-bit two's complement (10 bytes), as protobuf writes int64. */
    varint(value: number): this {
        const out: number[] = [];
        if (value >= 0 && value < 2 ** 31) {
            let v = value;
            while (v >= 0x80) {
                out.push((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out.push(v);
        } else {
            let v = BigInt.asUintN(64, BigInt(Math.trunc(value)));
            while (v >= 0x80n) {
                out.push(Number(v & 0x7fn) | 0x80);
                v >>= 7n;
            }
            out.push(Number(v));
        }
        return this.raw(Uint8Array.from(out));
    }

    /** Appends a field's tag. */
    tag(field: number, wireType: number): this {
        return this.varint(field * 8 + wireType);
    }

    /** Appends a length-delimited field: tag, length, bytes. */
    lengthDelimited(field: number, bytes: Uint8Array): this {
        return this.tag(field, WIRE.bytes).varint(bytes.length).raw(bytes);
    }

    /** Appends bytes as they are. */
    raw(bytes: Uint8Array): this {
        this.parts.push(bytes);
        this.length += bytes.length;
        return this;
    }

    /** The message's bytes. */
    finish(): Buffer {
        return Buffer.concat(this.parts, this.length);
    }
}
