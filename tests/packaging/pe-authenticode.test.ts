/** The Windows executable's certificate table entry, cleared after postject has moved what it pointed at. */
import { strict as assert } from "node:assert";
import { withoutAuthenticode } from "../../packaging/pe-authenticode";
import { parsePe } from "../support/pe";

/** A minimal PE32+ image: DOS header, PE header (no sections), optional header with 16 data directories. */
function image(certificateTable: { offset: number; size: number }, directories = 16): Buffer {
    const pe = 64;
    const optionalSize = 112 + directories * 8;
    const data = Buffer.alloc(pe + 24 + optionalSize + 4096);
    data.write("MZ", 0, "latin1");
    data.writeUInt32LE(pe, 0x3c);
    data.write("PE\0\0", pe, "latin1");
    data.writeUInt16LE(0x8664, pe + 4);
    data.writeUInt16LE(optionalSize, pe + 20);
    const optional = pe + 24;
    data.writeUInt16LE(0x20b, optional);
    data.writeUInt16LE(3, optional + 68);
    data.writeUInt32LE(directories, optional + 108);
    if (directories > 4) {
        data.writeUInt32LE(certificateTable.offset, optional + 112 + 4 * 8);
        data.writeUInt32LE(certificateTable.size, optional + 112 + 4 * 8 + 4);
    }
    return data;
}

describe("release: the win-x64 executable's stale Authenticode entry", () => {
    it("is cleared, and nothing else changes", () => {
        const signed = image({ offset: 400, size: 100 });
        assert.deepEqual(parsePe(signed).certificateTable, { offset: 400, size: 100 });
        const cleared = withoutAuthenticode(signed);
        assert.deepEqual(parsePe(cleared).certificateTable, { offset: 0, size: 0 });
        const differing = [...cleared.keys()].filter((i) => cleared[i] !== signed[i]);
        assert.deepEqual(
            differing.length > 0 && differing.every((i) => i >= 64 + 24 + 112 + 32 && i < 64 + 24 + 112 + 40),
            true,
            `bytes ${differing.join(",")}`,
        );
        assert.deepEqual(parsePe(signed).certificateTable, { offset: 400, size: 100 }, "the input is left alone");
    });

    it("leaves an image without the entry (fewer than five data directories) as it is", () => {
        const few = image({ offset: 0, size: 0 }, 4);
        assert.ok(withoutAuthenticode(few).equals(few));
    });

    it("refuses what is not a PE32+ image, naming what is wrong", () => {
        assert.throws(() => withoutAuthenticode(Buffer.from("#!/bin/sh\n")), /PE: the DOS header is past the end of the 10-byte file/);
        assert.throws(() => withoutAuthenticode(Buffer.alloc(128)), /PE: no MZ signature/);
        const pe32 = image({ offset: 0, size: 0 });
        pe32.writeUInt16LE(0x10b, 64 + 24);
        assert.throws(() => withoutAuthenticode(pe32), /PE: not a PE32\+ image/);
        const truncated = image({ offset: 0, size: 0 }).subarray(0, 100);
        assert.throws(() => withoutAuthenticode(truncated), /past the end/);
    });
});
