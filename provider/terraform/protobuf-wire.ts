/**
 * Protocol Buffers' wire format, the little of it `tfplugin6` needs: varints (bool, enum and int64 fields) and
 * length-delimited fields (bytes, strings, messages, map entries), read and written; unknown fields of every wire
 * type, groups included, are skipped on reading, so that a newer CLI's extra fields pass. Pure functions over bytes.
 *
 * Reading refuses what protobuf-go (`encoding/protowire`, `internal/impl`) refuses, with a {@link WireFormatError}
 * saying what and at which byte: a varint longer than 10 bytes or beyond 64 bits, a length running past its
 * message (lengths are unsigned: a 10-byte "negative" one is simply too long), field number 0 or over 2^29-1, the
 * reserved wire types 6 and 7, an end-group marker that closes no group or another group's, and nesting deeper than
 * {@link MAX_DEPTH}. Every loop over a message advances by at least one byte, so reading ends within its length.
 */
import { isUtf8 } from "node:buffer";

/** Wire types: varint, 64-bit, length-delimited, group start and end (proto2, skipped when unknown), 32-bit. */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

/** The largest field number protobuf allows (2^29 - 1); 0 is not a field number either. */
export const MAX_FIELD_NUMBER = 2 ** 29 - 1;

/**
 * The deepest nesting read, counting the message being decoded as level 1: messages within messages, and groups
 * within unknown fields. protobuf-go allows 10000; tfplugin6's requests nest three levels
 * (`ReadDataSource.Request.config`, a `DynamicValue`), and its deepest messages, schemas, two per block level
 * (`Block.block_types[].block`), which providers keep to a handful. 100 leaves room for any real schema and keeps a
 * hostile message far from the stack's limit.
 */
export const MAX_DEPTH = 100;

/** A malformed message: what was wrong, in which field when known, and at which byte of the message. */
export class WireFormatError extends Error {
    constructor(
        /** What was wrong. */
        readonly problem: string,
        /** The byte of the message where it was found. */
        readonly offset: number,
        /** The field it was found in (`tfplugin6.ReadDataSource.Request.typeName`), when known. */
        readonly field?: string,
    ) {
        super(`${field ? `${field}: ` : ""}${problem} (at byte ${offset})`);
        this.name = "WireFormatError";
    }

    /** The same error, naming the field it was found in, unless an inner field is already named. */
    inField(field: string): WireFormatError {
        return this.field === undefined ? new WireFormatError(this.problem, this.offset, field) : this;
    }
}

/** A field's tag: its number and wire type. */
export interface Tag {
    field: number;
    wireType: number;
}

/** A cursor over a message's bytes, from `start` to `end` of `bytes`; offsets in errors count from `bytes[0]`. */
export class WireReader {
    private offset: number;

    constructor(
        private readonly bytes: Uint8Array,
        start = 0,
        private readonly end = bytes.length,
    ) {
        this.offset = start;
    }

    /** The next byte's offset. */
    get position(): number {
        return this.offset;
    }

    /** Whether every byte of the message was read. */
    done(): boolean {
        return this.offset >= this.end;
    }

    /** The next byte; a varint started at `start` runs past the end when there is none. */
    private byte(start: number): number {
        if (this.offset >= this.end) throw new WireFormatError("a varint runs past the end of the message", start);
        return this.bytes[this.offset++] as number;
    }

    /**
     * A varint as an unsigned 64-bit integer: a number below 2^49 (seven bytes), else a bigint. At most ten bytes,
     * the tenth 0 or 1, as protobuf-go's `ConsumeVarint`.
     */
    private unsigned(): number | bigint {
        const start = this.offset;
        let value = 0;
        for (let index = 0, scale = 1; index < 7; index++, scale *= 128) {
            const byte = this.byte(start);
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) return value;
        }
        let big = BigInt(value);
        for (let index = 7; index < 10; index++) {
            const byte = this.byte(start);
            if (index === 9 && byte > 1)
                throw new WireFormatError(byte >= 0x80 ? "a varint is longer than 10 bytes" : "a varint is beyond 64 bits (its 10th byte is over 1)", start);
            big |= BigInt(byte & 0x7f) << BigInt(7 * index);
            if (byte < 0x80) break;
        }
        return big;
    }

    /** A varint as a signed 64-bit integer (int64 fields; beyond 2^53 it loses precision, as protobufjs's `longs: Number`). */
    int64(): number {
        const value = this.unsigned();
        return typeof value === "number" ? value : Number(BigInt.asIntN(64, value));
    }

    /** A varint as a signed 32-bit integer (enum fields): its low 32 bits, as protobuf-go reads an enum. */
    int32(): number {
        const value = this.unsigned();
        return typeof value === "number" ? value | 0 : Number(BigInt.asIntN(32, value));
    }

    /** A varint as a bool: anything but zero is true. */
    bool(): boolean {
        const value = this.unsigned();
        return value !== 0 && value !== 0n;
    }

    /** A tag: a field number from 1 to 2^29-1 and a wire type other than the reserved 6 and 7. */
    tag(): Tag {
        const start = this.offset;
        const value = this.unsigned();
        const field = typeof value === "number" ? Math.floor(value / 8) : value >> 3n;
        const wireType = Number(typeof value === "number" ? value % 8 : value & 7n);
        if (field === 0 || field === 0n) throw new WireFormatError("field number 0 is not valid (field numbers start at 1)", start);
        if (typeof field === "bigint" || field > MAX_FIELD_NUMBER)
            throw new WireFormatError(`field number ${field} is over the largest allowed, ${MAX_FIELD_NUMBER}`, start);
        if (wireType > WIRE.fixed32) throw new WireFormatError(`wire type ${wireType} (field ${field}) is reserved`, start);
        return { field, wireType };
    }

    /** A length-delimited field's bounds in the message: its length read as unsigned, and within what is left. */
    private lengthDelimitedRange(): { start: number; end: number } {
        const at = this.offset;
        const length = this.unsigned();
        const left = this.end - this.offset;
        if (typeof length === "bigint" || length > left)
            throw new WireFormatError(`a length of ${length} bytes runs past the end of the message (${left} bytes left)`, at);
        const start = this.offset;
        this.offset += length;
        return { start, end: this.offset };
    }

    /** A length-delimited field's bytes (a view, not a copy). */
    lengthDelimited(): Buffer {
        const { start, end } = this.lengthDelimitedRange();
        return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, end - start);
    }

    /** A string field: length-delimited UTF-8, refused when it is not valid UTF-8 (as protobuf-go refuses it). */
    string(): string {
        const at = this.offset;
        const bytes = this.lengthDelimited();
        if (!isUtf8(bytes)) throw new WireFormatError("a string field holds invalid UTF-8", at);
        return bytes.toString("utf8");
    }

    /** A reader over an embedded message (a length-delimited field), sharing this one's byte offsets. */
    embedded(): WireReader {
        const { start, end } = this.lengthDelimitedRange();
        return new WireReader(this.bytes, start, end);
    }

    /**
     * Skips the value of a field of the given number and wire type (its tag read); a group up to its matching end,
     * its nesting counted from `depth`. An end-group marker is the caller's to handle: here it closes nothing.
     */
    skip(field: number, wireType: number, depth: number): void {
        const at = this.offset;
        if (wireType === WIRE.varint) this.unsigned();
        else if (wireType === WIRE.bytes) this.lengthDelimitedRange();
        else if (wireType === WIRE.fixed64 || wireType === WIRE.fixed32) {
            const size = wireType === WIRE.fixed64 ? 8 : 4;
            if (this.end - this.offset < size) throw new WireFormatError(`a ${size * 8}-bit field runs past the end of the message`, at);
            this.offset += size;
        } else if (wireType === WIRE.startGroup) {
            if (depth >= MAX_DEPTH) throw new WireFormatError(`groups nest deeper than ${MAX_DEPTH}`, at);
            for (;;) {
                if (this.done()) throw new WireFormatError(`group ${field} has no end`, at);
                const inner = this.tag();
                if (inner.wireType === WIRE.endGroup) {
                    if (inner.field !== field) throw new WireFormatError(`group ${field} is ended by the end marker of group ${inner.field}`, at);
                    return;
                }
                this.skip(inner.field, inner.wireType, depth + 1);
            }
        } else throw new WireFormatError(`an end-group marker (field ${field}) closes no group`, at);
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

    /** Appends a length-delimited field holding the message `message` has written, without copying its bytes. */
    embed(field: number, message: WireWriter): this {
        this.tag(field, WIRE.bytes).varint(message.length);
        for (const part of message.parts) this.raw(part);
        return this;
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
