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

/** A subidentifier in base 128, most significant group first, the high bit set on every byte but the last. */
function base128(value: bigint): number[] {
    const bytes = [Number(value & 0x7fn)];
    for (let rest = value >> 7n; rest > 0n; rest >>= 7n) bytes.unshift(Number(rest & 0x7fn) | 0x80);
    return bytes;
}

/**
 * OBJECT IDENTIFIER from its dotted form (`1.2.840.10045.4.3.2`): the first two arcs X.Y as one subidentifier
 * 40·X+Y, base-128 like every other (X.690 8.19: `2.999.3` is `06 03 88 37 03`). Arcs of any size. Refuses what
 * is not an OID: fewer than two arcs, a first arc over 2, a second arc over 39 under 0 or 1, leading zeros.
 */
export function objectIdentifier(dotted: string): Buffer {
    const arcs = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/.test(dotted) ? dotted.split(".").map(BigInt) : [];
    const [first = -1n, second = -1n, ...rest] = arcs;
    if (first < 0n || first > 2n || (first < 2n && second >= 40n))
        throw new RangeError(`not an object identifier: ${JSON.stringify(dotted.slice(0, 100))} (arcs X.Y..., X 0 to 2, Y under 40 when X is 0 or 1)`);
    return element(0x06, Buffer.from([40n * first + second, ...rest].flatMap(base128)));
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
