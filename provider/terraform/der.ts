/**
 * The little of DER (ASN.1's distinguished encoding) that a self-signed certificate needs: definite lengths,
 * sequences, sets, object identifiers, integers, strings, times, bit and octet strings, context tags. Written by
 * hand because Node.js has no X.509 writer, and the libraries that have one cost more to load than the whole
 * provider's start may take (see `self-signed-certificate.ts`).
 */

/** One encoded element: tag, length and contents. */
function element(tag: number, contents: Buffer): Buffer {
    const length = contents.length;
    if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), contents]);
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
    return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), contents]);
}

/** SEQUENCE of the given elements. */
export const sequence = (...items: Buffer[]): Buffer => element(0x30, Buffer.concat(items));

/** SET of the given elements (callers give one element, so no sorting is needed). */
export const set = (...items: Buffer[]): Buffer => element(0x31, Buffer.concat(items));

/** A constructed context-specific tag, `[n]` EXPLICIT. */
export const explicit = (n: number, inner: Buffer): Buffer => element(0xa0 | n, inner);

/** A primitive context-specific tag, `[n]` IMPLICIT of a primitive type (a SAN's dNSName is `[2]`). */
export const implicitPrimitive = (n: number, contents: Buffer): Buffer => element(0x80 | n, contents);

/** BOOLEAN. */
export const boolean = (value: boolean): Buffer => element(0x01, Buffer.from([value ? 0xff : 0x00]));

/** A non-negative INTEGER from its big-endian bytes (a leading zero is added when the high bit is set). */
export function unsignedInteger(bytes: Buffer): Buffer {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    return element(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** A small non-negative INTEGER. */
export const smallInteger = (value: number): Buffer => unsignedInteger(Buffer.from([value]));

/** OBJECT IDENTIFIER from its dotted form. */
export function objectIdentifier(dotted: string): Buffer {
    const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
    const bytes = [40 * first + second];
    for (const arc of rest) {
        const base128: number[] = [];
        for (let n = arc; ; n = Math.floor(n / 128)) {
            base128.unshift((n % 128) | (base128.length > 0 ? 0x80 : 0));
            if (n < 128) break;
        }
        bytes.push(...base128);
    }
    return element(0x06, Buffer.from(bytes));
}

/** UTF8String. */
export const utf8String = (text: string): Buffer => element(0x0c, Buffer.from(text, "utf8"));

/** OCTET STRING. */
export const octetString = (contents: Buffer): Buffer => element(0x04, contents);

/** BIT STRING of whole bytes, with `unusedBits` unused bits in the last byte. */
export const bitString = (contents: Buffer, unusedBits = 0): Buffer => element(0x03, Buffer.concat([Buffer.from([unusedBits]), contents]));

/** A time as X.509 wants it: UTCTime up to 2049, GeneralizedTime from 2050 on, to the second. */
export function time(date: Date): Buffer {
    const iso = date.toISOString(); // 2026-12-04T22:51:44.123Z
    const digits = iso.slice(0, 19).replace(/[-T:]/g, ""); // 20261204225144
    const year = date.getUTCFullYear();
    return year < 2050 ? element(0x17, Buffer.from(`${digits.slice(2)}Z`, "ascii")) : element(0x18, Buffer.from(`${digits}Z`, "ascii"));
}
