/**
 * A small reader of the Mach-O structure of the darwin executables (pure, bytes in): the 64-bit header (CPU type),
 * the segments and their sections (postject's `NODE_SEA` segment), the `LC_CODE_SIGNATURE` command, and the
 * embedded signature's blobs: the code directory (flags, hash type, page size, code limit, the page hashes) with
 * its hash, the cdhash, and the entitlements. The release reads the entitlements of the Node.js it signs again;
 * the tests check the signatures with it, against `rcodesign print-signature-info`. Layouts from Apple's
 * `<mach-o/loader.h>` and the code signing blobs of `cs_blobs.h`. Every count, offset and length is checked
 * against the buffer before it is read: a bad file gives an error naming what was wrong.
 */
import { createHash } from "node:crypto";

/** `MH_MAGIC_64`, as the first four bytes read little-endian. */
const MH_MAGIC_64 = 0xfeedfacf;
/** `CPU_TYPE_X86_64` and `CPU_TYPE_ARM64`. */
export const CPU_TYPE = { x86_64: 0x01000007, arm64: 0x0100000c } as const;
/** `MH_EXECUTE`. */
export const MH_EXECUTE = 2;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
/** At most this many load commands (node has about 20). */
const MAX_LOAD_COMMANDS = 4096;
/** At most this many sections in one segment. */
const MAX_SECTIONS = 1024;

/** The code signing blobs' magic numbers (big-endian). */
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSMAGIC_EMBEDDED_ENTITLEMENTS = 0xfade7171;
/** The index types of the (first) code directory and of the entitlements in the superblob. */
const CSSLOT_CODEDIRECTORY = 0;
const CSSLOT_ENTITLEMENTS = 5;
/** At most this many blobs in a superblob. */
const MAX_BLOBS = 64;

/** The code directory's flag of an ad-hoc signature (`CS_ADHOC`), and the hardened runtime's (`CS_RUNTIME`). */
export const CS_ADHOC = 0x2;
export const CS_RUNTIME = 0x10000;
/** The code directory's hash types: `CS_HASHTYPE_SHA1`, `CS_HASHTYPE_SHA256`. */
export const CS_HASHTYPE = { sha1: 1, sha256: 2 } as const;

/** One section of a segment. */
export interface MachOSection {
    name: string;
    offset: number;
    size: number;
}

/** One `LC_SEGMENT_64`. */
export interface MachOSegment {
    name: string;
    fileOffset: number;
    fileSize: number;
    sections: MachOSection[];
}

/** What a test checks of a Mach-O executable. */
export interface MachOFile {
    cpuType: number;
    fileType: number;
    segments: MachOSegment[];
    /** `LC_CODE_SIGNATURE`'s data, when present. */
    codeSignature?: { offset: number; size: number };
}

/** A code directory's fields a test checks. */
export interface CodeDirectory {
    version: number;
    flags: number;
    hashType: number;
    hashSize: number;
    pageSize: number;
    codeLimit: number;
    identifier: string;
    /** The hash of each page of the file's first `codeLimit` bytes, in order. */
    codeSlots: Buffer[];
    /** The code directory blob's hash (sha256 of the whole blob), whose first 20 bytes are the cdhash. */
    blobHash: Buffer;
}

/** An error about the file. */
function bad(what: string): Error {
    return new Error(`Mach-O: ${what}`);
}

/** `length` bytes at `offset`, or an error naming `what` when they are not all in `data`. */
function slice(data: Buffer, offset: number, length: number, what: string): Buffer {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > data.length) {
        throw bad(`${what} (${length} bytes at ${offset}) is outside the ${data.length}-byte file`);
    }
    return data.subarray(offset, offset + length);
}

/** A NUL-padded name of `length` bytes. */
function fixedName(bytes: Buffer): string {
    const end = bytes.indexOf(0);
    return bytes.subarray(0, end < 0 ? bytes.length : end).toString("latin1");
}

/** A 64-bit little-endian field that must fit a safe integer. */
function u64(data: Buffer, offset: number, what: string): number {
    const value = data.readBigUInt64LE(offset);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(`${what} ${value} is too large`);
    return Number(value);
}

/** Parses a thin 64-bit Mach-O file's header, segments and code signature command. */
export function parseMachO(data: Buffer): MachOFile {
    const header = slice(data, 0, 32, "the header");
    const magic = header.readUInt32LE(0);
    if (magic !== MH_MAGIC_64) throw bad(`magic 0x${magic.toString(16)} is not MH_MAGIC_64 (a thin 64-bit little-endian file)`);
    const cpuType = header.readUInt32LE(4);
    const fileType = header.readUInt32LE(12);
    const count = header.readUInt32LE(16);
    const commandsSize = header.readUInt32LE(20);
    if (count > MAX_LOAD_COMMANDS) throw bad(`${count} load commands (at most ${MAX_LOAD_COMMANDS})`);
    const commands = slice(data, 32, commandsSize, "the load commands");
    const segments: MachOSegment[] = [];
    let codeSignature: MachOFile["codeSignature"];
    let at = 0;
    for (let i = 0; i < count; i++) {
        const head = slice(commands, at, 8, `load command ${i}`);
        const cmd = head.readUInt32LE(0);
        const size = head.readUInt32LE(4);
        if (size < 8 || size % 8 !== 0) throw bad(`load command ${i} has size ${size}`);
        const body = slice(commands, at, size, `load command ${i}`);
        if (cmd === LC_SEGMENT_64) segments.push(segment(body, i));
        else if (cmd === LC_CODE_SIGNATURE) {
            const fields = slice(body, 8, 8, "LC_CODE_SIGNATURE");
            codeSignature = { offset: fields.readUInt32LE(0), size: fields.readUInt32LE(4) };
            slice(data, codeSignature.offset, codeSignature.size, "the code signature");
        }
        at += size;
    }
    return { cpuType, fileType, segments, ...(codeSignature ? { codeSignature } : {}) };
}

/** One `segment_command_64` and its `section_64`s. */
function segment(body: Buffer, index: number): MachOSegment {
    const fields = slice(body, 0, 72, `segment command ${index}`);
    const nsects = fields.readUInt32LE(64);
    if (nsects > MAX_SECTIONS) throw bad(`segment command ${index} has ${nsects} sections`);
    const sections: MachOSection[] = [];
    for (let s = 0; s < nsects; s++) {
        const section = slice(body, 72 + s * 80, 80, `section ${s} of segment command ${index}`);
        sections.push({ name: fixedName(section.subarray(0, 16)), offset: section.readUInt32LE(48), size: u64(section, 40, "a section's size") });
    }
    return {
        name: fixedName(fields.subarray(8, 24)),
        fileOffset: u64(fields, 40, "a segment's offset"),
        fileSize: u64(fields, 48, "a segment's size"),
        sections,
    };
}

/** The blob of the embedded signature at index type `slot` (big-endian blobs), or undefined when it has none. */
export function signatureBlob(data: Buffer, slot: number, file: MachOFile = parseMachO(data)): Buffer | undefined {
    if (!file.codeSignature) throw bad("no LC_CODE_SIGNATURE: the file is not signed");
    const superBlob = slice(data, file.codeSignature.offset, file.codeSignature.size, "the code signature");
    const head = slice(superBlob, 0, 12, "the signature's superblob");
    if (head.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) throw bad(`superblob magic 0x${head.readUInt32BE(0).toString(16)}`);
    const blobs = slice(superBlob, 0, head.readUInt32BE(4), "the superblob");
    const count = head.readUInt32BE(8);
    if (count > MAX_BLOBS) throw bad(`${count} blobs in the signature (at most ${MAX_BLOBS})`);
    for (let i = 0; i < count; i++) {
        const entry = slice(blobs, 12 + i * 8, 8, `blob index ${i}`);
        if (entry.readUInt32BE(0) !== slot) continue;
        const offset = entry.readUInt32BE(4);
        const length = slice(blobs, offset, 8, `the blob of slot ${slot}`).readUInt32BE(4);
        return slice(blobs, offset, length, `the blob of slot ${slot}`);
    }
    return undefined;
}

/** The first code directory of the embedded signature at `LC_CODE_SIGNATURE`. */
export function parseCodeDirectory(data: Buffer, file: MachOFile = parseMachO(data)): CodeDirectory {
    const blob = signatureBlob(data, CSSLOT_CODEDIRECTORY, file);
    if (!blob) throw bad("no code directory in the signature");
    if (blob.readUInt32BE(0) !== CSMAGIC_CODEDIRECTORY) throw bad(`code directory magic 0x${blob.readUInt32BE(0).toString(16)}`);
    return codeDirectory(blob);
}

/** The entitlements of the signature (their XML plist), or undefined when it has none. */
export function entitlementsXml(data: Buffer, file: MachOFile = parseMachO(data)): string | undefined {
    const blob = signatureBlob(data, CSSLOT_ENTITLEMENTS, file);
    if (!blob) return undefined;
    if (blob.readUInt32BE(0) !== CSMAGIC_EMBEDDED_ENTITLEMENTS) throw bad(`entitlements magic 0x${blob.readUInt32BE(0).toString(16)}`);
    return blob.subarray(8).toString("utf8");
}

/** A `CS_CodeDirectory` blob. */
function codeDirectory(blob: Buffer): CodeDirectory {
    const fields = slice(blob, 0, 44, "the code directory's fields");
    const version = fields.readUInt32BE(8);
    const flags = fields.readUInt32BE(12);
    const hashOffset = fields.readUInt32BE(16);
    const identOffset = fields.readUInt32BE(20);
    const codeSlotCount = fields.readUInt32BE(28);
    let codeLimit = fields.readUInt32BE(32);
    const hashSize = fields.readUInt8(36);
    const hashType = fields.readUInt8(37);
    const pageSize = 2 ** fields.readUInt8(39);
    // From version 0x20300 a 64-bit limit follows; it is used when the 32-bit one is 0.
    if (version >= 0x20300 && codeLimit === 0) codeLimit = Number(slice(blob, 56, 8, "codeLimit64").readBigUInt64BE(0));
    const identEnd = blob.indexOf(0, identOffset);
    if (identOffset >= blob.length || identEnd < 0) throw bad("the code directory's identifier is not NUL-terminated inside it");
    const slots = slice(blob, hashOffset, codeSlotCount * hashSize, "the code slots");
    const codeSlots = Array.from({ length: codeSlotCount }, (_, i) => Buffer.from(slots.subarray(i * hashSize, (i + 1) * hashSize)));
    return {
        version,
        flags,
        hashType,
        hashSize,
        pageSize,
        codeLimit,
        identifier: blob.subarray(identOffset, identEnd).toString("utf8"),
        codeSlots,
        blobHash: createHash("sha256").update(blob).digest(),
    };
}

/** The SHA-256 of each `pageSize` page of `data`'s first `codeLimit` bytes (the last page may be short). */
export function pageHashes(data: Buffer, codeLimit: number, pageSize: number): Buffer[] {
    const code = slice(data, 0, codeLimit, "the signed code");
    const hashes: Buffer[] = [];
    for (let at = 0; at < code.length; at += pageSize)
        hashes.push(
            createHash("sha256")
                .update(code.subarray(at, Math.min(at + pageSize, code.length)))
                .digest(),
        );
    return hashes;
}
