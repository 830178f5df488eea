/**
 * RFC 3986 percent-encoding as Alibaba Cloud's canonical query requires it: everything but the unreserved
 * characters `A-Z a-z 0-9 - _ . ~` is encoded as UTF-8 `%XX` with upper-case hex. `encodeURIComponent`
 * leaves `! ' ( ) *` alone, so those are encoded here too.
 */
export function percentEncode(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}
