/**
 * The Windows executable's Authenticode entry. `node.exe` is signed by the Node.js project; postject rewrites the
 * file to add the blob and leaves the certificate table's entry (data directory 4) pointing where the signature
 * was, at bytes that are no longer a signature. Node.js's single-executable guide removes the signature before
 * injecting (`signtool remove /s`); this does the same after: the entry is cleared, and the executable is plainly
 * unsigned (sign it with `signtool sign` on Windows, if you have a code signing certificate). Pure: bytes in,
 * bytes out. Offsets from Microsoft's PE format specification.
 */

/** The optional header's magic of a PE32+ image. */
const PE32_PLUS = 0x20b;
/** The certificate table's index among the data directories. */
const CERTIFICATE_TABLE = 4;

/** A copy of the PE32+ image `data` with no certificate table entry; an error naming what is not a PE32+ image. */
export function withoutAuthenticode(data: Buffer): Buffer {
    const need = (end: number, what: string) => {
        if (end > data.length) throw new Error(`PE: ${what} is past the end of the ${data.length}-byte file`);
    };
    need(64, "the DOS header");
    if (data.toString("latin1", 0, 2) !== "MZ") throw new Error("PE: no MZ signature");
    const pe = data.readUInt32LE(0x3c);
    need(pe + 24 + 2, "the PE header");
    if (data.toString("latin1", pe, pe + 4) !== "PE\0\0") throw new Error(`PE: no PE signature at ${pe}`);
    const optional = pe + 24;
    if (data.readUInt16LE(optional) !== PE32_PLUS) throw new Error("PE: not a PE32+ image");
    need(optional + 112, "the optional header");
    if (data.readUInt32LE(optional + 108) <= CERTIFICATE_TABLE) return Buffer.from(data);
    const entry = optional + 112 + CERTIFICATE_TABLE * 8;
    need(entry + 8, "the certificate table's entry");
    const copy = Buffer.from(data);
    copy.fill(0, entry, entry + 8);
    return copy;
}
