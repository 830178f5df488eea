/**
 * A small reader of the PE structure the release's Windows executable must have, for the tests (pure, bytes in):
 * the COFF header's machine, the optional header's magic (PE32+) and subsystem, the Authenticode certificate
 * table's place, and the resources as Windows' `FindResource` sees them (type, then name, then language), where
 * postject puts the single-executable blob (`RT_RCDATA`, `NODE_SEA_BLOB`). Layouts from Microsoft's PE format
 * specification. Every count, offset and length is checked against the buffer, and the resource tree's depth is
 * three: a bad file gives an error naming what was wrong.
 */

/** `IMAGE_FILE_MACHINE_AMD64`. */
export const MACHINE_AMD64 = 0x8664;
/** The optional header's magic of a PE32+ (64-bit) image. */
export const PE32_PLUS = 0x20b;
/** `IMAGE_SUBSYSTEM_WINDOWS_CUI`: a console program. */
export const SUBSYSTEM_CONSOLE = 3;
/** `RT_RCDATA`: raw data resources. */
export const RT_RCDATA = 10;
/** At most this many sections, and entries in one resource directory. */
const MAX_SECTIONS = 96;
const MAX_ENTRIES = 4096;
/** A resource name longer than this is refused. */
const MAX_NAME_CHARS = 256;

/** One resource: its type (an id or a name), name, language, and where its bytes are in the file. */
export interface PeResource {
    type: number | string;
    name: number | string;
    language: number | string;
    offset: number;
    size: number;
}

/** What a test checks of a PE image. */
export interface PeFile {
    machine: number;
    optionalMagic: number;
    subsystem: number;
    /** The certificate table (data directory 4: Authenticode), as file offset and size; size 0 when absent. */
    certificateTable: { offset: number; size: number };
    resources: PeResource[];
}

interface Section {
    virtualAddress: number;
    virtualSize: number;
    rawOffset: number;
    rawSize: number;
}

function bad(what: string): Error {
    return new Error(`PE: ${what}`);
}

/** `length` bytes at `offset`, or an error naming `what` when they are not all in `data`. */
function slice(data: Buffer, offset: number, length: number, what: string): Buffer {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > data.length) {
        throw bad(`${what} (${length} bytes at ${offset}) is outside the ${data.length}-byte file`);
    }
    return data.subarray(offset, offset + length);
}

/** Parses a PE image's headers and resource tree. */
export function parsePe(data: Buffer): PeFile {
    const dos = slice(data, 0, 64, "the DOS header");
    if (dos.toString("latin1", 0, 2) !== "MZ") throw bad("no MZ signature");
    const peOffset = dos.readUInt32LE(0x3c);
    const coff = slice(data, peOffset, 24, "the PE header");
    if (coff.toString("latin1", 0, 4) !== "PE\0\0") throw bad(`no PE signature at ${peOffset}`);
    const machine = coff.readUInt16LE(4);
    const sectionCount = coff.readUInt16LE(6);
    const optionalSize = coff.readUInt16LE(20);
    if (sectionCount > MAX_SECTIONS) throw bad(`${sectionCount} sections (at most ${MAX_SECTIONS})`);
    const optional = slice(data, peOffset + 24, optionalSize, "the optional header");
    const optionalMagic = slice(optional, 0, 2, "the optional header's magic").readUInt16LE(0);
    if (optionalMagic !== PE32_PLUS) return { machine, optionalMagic, subsystem: -1, certificateTable: { offset: 0, size: 0 }, resources: [] };
    const subsystem = slice(optional, 68, 2, "the subsystem").readUInt16LE(0);
    const directoryCount = slice(optional, 108, 4, "the data directory count").readUInt32LE(0);
    const directory = (index: number) => {
        if (index >= directoryCount) return { rva: 0, size: 0 };
        const entry = slice(optional, 112 + index * 8, 8, `data directory ${index}`);
        return { rva: entry.readUInt32LE(0), size: entry.readUInt32LE(4) };
    };
    const sections: Section[] = [];
    for (let i = 0; i < sectionCount; i++) {
        const header = slice(data, peOffset + 24 + optionalSize + i * 40, 40, `section header ${i}`);
        sections.push({
            virtualSize: header.readUInt32LE(8),
            virtualAddress: header.readUInt32LE(12),
            rawSize: header.readUInt32LE(16),
            rawOffset: header.readUInt32LE(20),
        });
    }
    // The certificate table's "address" is a file offset, not an RVA.
    const certificates = directory(4);
    if (certificates.size > 0) slice(data, certificates.rva, certificates.size, "the certificate table");
    const resourceDirectory = directory(2);
    const resources = resourceDirectory.size === 0 ? [] : resourceTree(data, sections, resourceDirectory.rva);
    return { machine, optionalMagic, subsystem, certificateTable: { offset: certificates.rva, size: certificates.size }, resources };
}

/** The file offset of an RVA, from the section that holds it. */
function fileOffset(sections: readonly Section[], rva: number, what: string): number {
    const section = sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.rawSize));
    if (!section || rva - section.virtualAddress >= section.rawSize) throw bad(`${what} (RVA 0x${rva.toString(16)}) is in no section's file data`);
    return section.rawOffset + (rva - section.virtualAddress);
}

/** Every leaf of the resource tree at `rootRva` (type, name, language: three levels, as Windows reads it). */
function resourceTree(data: Buffer, sections: readonly Section[], rootRva: number): PeResource[] {
    const root = fileOffset(sections, rootRva, "the resource directory");
    const resources: PeResource[] = [];
    const walk = (offset: number, path: (number | string)[]) => {
        const header = slice(data, root + offset, 16, "a resource directory");
        const entries = header.readUInt16LE(12) + header.readUInt16LE(14);
        if (entries > MAX_ENTRIES) throw bad(`a resource directory with ${entries} entries (at most ${MAX_ENTRIES})`);
        for (let i = 0; i < entries; i++) {
            const entry = slice(data, root + offset + 16 + i * 8, 8, "a resource directory entry");
            const nameField = entry.readUInt32LE(0);
            const target = entry.readUInt32LE(4);
            const key = nameField & 0x80000000 ? resourceName(data, root + (nameField & 0x7fffffff)) : nameField;
            const isDirectory = (target & 0x80000000) !== 0;
            if (path.length < 2) {
                if (!isDirectory) throw bad(`resource ${[...path, key].join("/")} is a leaf above the language level`);
                walk(target & 0x7fffffff, [...path, key]);
            } else {
                if (isDirectory) throw bad(`resource ${[...path, key].join("/")} is deeper than type/name/language`);
                const leaf = slice(data, root + target, 16, "a resource data entry");
                const size = leaf.readUInt32LE(4);
                const at = fileOffset(sections, leaf.readUInt32LE(0), "a resource's data");
                slice(data, at, size, "a resource's data");
                resources.push({ type: path[0] as number | string, name: path[1] as number | string, language: key, offset: at, size });
            }
        }
    };
    walk(0, []);
    return resources;
}

/** A resource directory string: a 16-bit length, then that many UTF-16LE units. */
function resourceName(data: Buffer, offset: number): string {
    const length = slice(data, offset, 2, "a resource name").readUInt16LE(0);
    if (length > MAX_NAME_CHARS) throw bad(`a resource name of ${length} characters (at most ${MAX_NAME_CHARS})`);
    return slice(data, offset + 2, length * 2, "a resource name").toString("utf16le");
}
