/**
 * Reproducible archives of one executable: a gzipped tar and a zip, each holding one file at its root with mode
 * 0755, a fixed modification time, no owner names and no extra fields, so that the same executable always gives
 * the same bytes (zlib's output is fixed for a given zlib version and level, and the gzip header carries no
 * time or name). Pure: bytes in, bytes out.
 */
import { crc32, deflateRawSync, gzipSync } from "node:zlib";

/** One archived file. */
export interface ArchiveEntry {
    /** The name at the archive's root. */
    name: string;
    /** The contents. */
    data: Buffer;
}

/** The time every entry carries: 2000-01-01T00:00:00Z (zip's DOS times cannot say 1970; a time before 1980 is invalid there). */
export const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** The mode of every entry: an executable. */
const MODE = 0o755;

/** zlib's level for both formats. */
const LEVEL = 9;

/** An ASCII name of at most `max` bytes with no slash (one file at the root), or an error naming it. */
function checkName(name: string, max: number): Buffer {
    const bytes = Buffer.from(name, "utf8");
    if (bytes.length === 0 || bytes.length > max || !/^[\x21-\x7e]+$/.test(name) || name.includes("/")) {
        throw new Error(`archive entry name ${JSON.stringify(name)}: expected 1..${max} printable ASCII characters and no "/"`);
    }
    return bytes;
}

/** Writes `value` as an octal field of `width` bytes (digits, then NUL) at `offset`. */
function octal(header: Buffer, offset: number, width: number, value: number): void {
    const digits = value.toString(8).padStart(width - 1, "0");
    if (digits.length > width - 1) throw new Error(`tar: ${value} does not fit an octal field of ${width} bytes`);
    header.write(`${digits}\0`, offset, width, "ascii");
}

/** A POSIX ustar header for a regular file (uid and gid 0, no user or group names). */
function tarHeader(entry: ArchiveEntry): Buffer {
    const header = Buffer.alloc(512);
    checkName(entry.name, 100).copy(header, 0);
    octal(header, 100, 8, MODE);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, entry.data.length);
    octal(header, 136, 12, Math.floor(FIXED_MTIME.getTime() / 1000));
    header.fill(" ", 148, 156); // the checksum counts its own field as spaces
    header.write("0", 156, 1, "ascii"); // a regular file
    header.write("ustar\0" + "00", 257, 8, "ascii");
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
    return header;
}

/** A tar of the entries, in the order given, ended by two zero blocks. */
export function tar(entries: readonly ArchiveEntry[]): Buffer {
    const parts: Buffer[] = [];
    for (const entry of entries) {
        parts.push(tarHeader(entry), entry.data, Buffer.alloc((512 - (entry.data.length % 512)) % 512));
    }
    parts.push(Buffer.alloc(1024));
    return Buffer.concat(parts);
}

/** A gzipped tar of the entries (the gzip header has no time and no name). */
export function tarGz(entries: readonly ArchiveEntry[]): Buffer {
    return gzipSync(tar(entries), { level: LEVEL });
}

/** {@link FIXED_MTIME} as MS-DOS time and date (local fields, read as UTC here). */
function dosTime(date: Date): { time: number; date: number } {
    return {
        time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
        date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    };
}

/** Zip's "version made by": 3.0 on Unix, so that the external attributes carry the Unix mode. */
const MADE_BY_UNIX = (3 << 8) | 20;
/** "Version needed to extract": 2.0 (deflate). */
const NEEDED = 20;
/** Compression method: deflate. */
const DEFLATE = 8;
/** The largest size a zip without Zip64 records holds. */
const ZIP32_MAX = 0xffffffff;

/** What a zip's local header and central-directory record both say of an entry. */
interface SharedFields {
    crc: number;
    compressedSize: number;
    size: number;
    nameLength: number;
    time: number;
    date: number;
}

/**
 * Writes, from `at`, the 26 bytes a local header (at 4) and a central-directory record (at 6) share: version
 * needed, flags (none), method (deflate), time, date, CRC-32, compressed and uncompressed sizes, name length.
 */
function writeSharedFields(header: Buffer, at: number, fields: SharedFields): void {
    header.writeUInt16LE(NEEDED, at);
    header.writeUInt16LE(0, at + 2);
    header.writeUInt16LE(DEFLATE, at + 4);
    header.writeUInt16LE(fields.time, at + 6);
    header.writeUInt16LE(fields.date, at + 8);
    header.writeUInt32LE(fields.crc, at + 10);
    header.writeUInt32LE(fields.compressedSize, at + 14);
    header.writeUInt32LE(fields.size, at + 18);
    header.writeUInt16LE(fields.nameLength, at + 22);
}

/** A zip of the entries, deflated, in the order given, without Zip64, extra fields or comments. */
export function zip(entries: readonly ArchiveEntry[]): Buffer {
    const { time, date } = dosTime(FIXED_MTIME);
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const entry of entries) {
        const name = checkName(entry.name, 0xffff);
        const compressed = deflateRawSync(entry.data, { level: LEVEL });
        if (entry.data.length >= ZIP32_MAX || compressed.length >= ZIP32_MAX || offset >= ZIP32_MAX) {
            throw new Error(`zip: ${entry.name} is too large for a zip without Zip64`);
        }
        const crc = crc32(entry.data);
        // The fields a local header and its central-directory record share, in the same order in both.
        const shared = { crc, compressedSize: compressed.length, size: entry.data.length, nameLength: name.length, time, date };
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        writeSharedFields(local, 4, shared); // then an extra field length of 0
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(MADE_BY_UNIX, 4);
        writeSharedFields(central, 6, shared);
        // extra length, comment length, disk number, internal attributes: 0
        central.writeUInt32LE(((0o100000 | MODE) << 16) >>> 0, 38); // a regular file, rwxr-xr-x
        central.writeUInt32LE(offset, 42);
        locals.push(local, name, compressed);
        centrals.push(central, name);
        offset += local.length + name.length + compressed.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}
