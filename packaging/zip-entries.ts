/**
 * The files of a zip, read from its central directory, for hashing a release zip as Terraform and OpenTofu hash
 * a provider package (`provider-hashes.ts`). Stored and deflated entries only; no Zip64, encryption or spanning.
 * Every length, count and offset is checked against the buffer and the limits before it is used, so a broken or
 * hostile zip gives an error naming what was wrong, never a hang or a huge allocation. Pure: bytes in, entries out.
 */
import { crc32, inflateRawSync } from "node:zlib";

/** One file of a zip: its name as stored and its uncompressed bytes. */
export interface ZipFileEntry {
    name: string;
    data: Buffer;
}

/** What {@link zipEntries} accepts at most. */
export interface ZipLimits {
    /** Entries in the central directory. */
    maxEntries: number;
    /** Uncompressed bytes of all entries together. */
    maxTotalBytes: number;
}

/** A release zip holds one executable of about 155 MB: room for a few such files, and no more. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 64, maxTotalBytes: 1024 * 1024 * 1024 };

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_RECORD = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const CENTRAL_RECORD_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
const MAX_COMMENT_BYTES = 0xffff;
const STORED = 0;
const DEFLATED = 8;

/** An error about `what` of the zip. */
function zipError(what: string): Error {
    return new Error(`zip: ${what}`);
}

/** The offset of the end-of-central-directory record: the last signature in the final 22 + 65535 bytes. */
function endRecordOffset(zip: Buffer): number {
    const lowest = Math.max(0, zip.length - END_RECORD_BYTES - MAX_COMMENT_BYTES);
    for (let at = zip.length - END_RECORD_BYTES; at >= lowest; at--) {
        if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + END_RECORD_BYTES + zip.readUInt16LE(at + 20) === zip.length) return at;
    }
    throw zipError("no end of central directory record (not a zip, or truncated)");
}

/** Fails unless `start..start+length` lies within `zip`, naming `what`. */
function within(zip: Buffer, start: number, length: number, what: string): void {
    if (start < 0 || length < 0 || start + length > zip.length) throw zipError(`${what} runs past the end of the file (${start}+${length} > ${zip.length})`);
}

/**
 * The entries of `zip`, in central-directory order, each checked against its CRC-32 and sizes; an error naming
 * the first problem: not a zip, a limit passed, Zip64, encryption, a compression method other than stored or
 * deflate, a duplicate name, a length past the end of the file, or bytes that do not match their CRC-32.
 */
export function zipEntries(zip: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipFileEntry[] {
    if (zip.length < END_RECORD_BYTES) throw zipError(`${zip.length} bytes is too short for a zip`);
    const end = endRecordOffset(zip);
    if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) throw zipError("a zip spanning several disks is not supported");
    const count = zip.readUInt16LE(end + 10);
    const directoryBytes = zip.readUInt32LE(end + 12);
    const directoryOffset = zip.readUInt32LE(end + 16);
    if (count === 0xffff || directoryBytes === 0xffffffff || directoryOffset === 0xffffffff) throw zipError("Zip64 is not supported");
    if (count > limits.maxEntries) throw zipError(`${count} entries; at most ${limits.maxEntries} are read`);
    if (directoryOffset + directoryBytes > end) throw zipError("the central directory overlaps its end record");
    const entries: ZipFileEntry[] = [];
    const names = new Set<string>();
    let total = 0;
    let at = directoryOffset;
    for (let i = 0; i < count; i++) {
        within(zip, at, CENTRAL_RECORD_BYTES, `central directory record ${i + 1}`);
        if (zip.readUInt32LE(at) !== CENTRAL_RECORD) throw zipError(`central directory record ${i + 1} has a wrong signature`);
        const flags = zip.readUInt16LE(at + 8);
        const method = zip.readUInt16LE(at + 10);
        const crc = zip.readUInt32LE(at + 16);
        const compressedSize = zip.readUInt32LE(at + 20);
        const size = zip.readUInt32LE(at + 24);
        const nameLength = zip.readUInt16LE(at + 28);
        const recordBytes = CENTRAL_RECORD_BYTES + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
        const localOffset = zip.readUInt32LE(at + 42);
        within(zip, at, recordBytes, `central directory record ${i + 1}`);
        if (at + recordBytes > directoryOffset + directoryBytes) throw zipError(`central directory record ${i + 1} runs past the directory`);
        const name = zip.toString("utf8", at + CENTRAL_RECORD_BYTES, at + CENTRAL_RECORD_BYTES + nameLength);
        const label = JSON.stringify(name.slice(0, 200));
        if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw zipError(`${label}: Zip64 is not supported`);
        if ((flags & 1) !== 0) throw zipError(`${label} is encrypted`);
        if (method !== STORED && method !== DEFLATED) throw zipError(`${label}: compression method ${method} is not supported (stored or deflate)`);
        if (names.has(name)) throw zipError(`${label} is listed twice`);
        names.add(name);
        total += size;
        if (total > limits.maxTotalBytes) throw zipError(`more than ${limits.maxTotalBytes} bytes uncompressed; at most that is read`);
        within(zip, localOffset, LOCAL_HEADER_BYTES, `${label}'s local header`);
        if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw zipError(`${label}'s local header has a wrong signature`);
        const dataOffset = localOffset + LOCAL_HEADER_BYTES + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
        within(zip, dataOffset, compressedSize, `${label}'s data`);
        const stored = zip.subarray(dataOffset, dataOffset + compressedSize);
        let data: Buffer;
        if (method === STORED) data = Buffer.from(stored);
        else {
            try {
                // One byte more than the stated size, so that data longer than stated is caught below.
                data = inflateRawSync(stored, { maxOutputLength: size + 1 });
            } catch (error) {
                throw zipError(`${label} does not inflate to its ${size} bytes: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
        if (data.length !== size) throw zipError(`${label} holds ${data.length} bytes, its header says ${size}`);
        if (crc32(data) !== crc) throw zipError(`${label} does not match its CRC-32`);
        entries.push({ name, data });
        at += recordBytes;
    }
    return entries;
}
