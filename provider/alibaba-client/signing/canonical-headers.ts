import { HEADER } from "./constants";

/** Headers of a request; names in any case. */
export type HeaderMap = Readonly<Record<string, string>>;

/** The headers V3 signs: `host`, `content-type` and every `x-acs-*` header. */
export function isSignedHeader(lowerCaseName: string): boolean {
    return lowerCaseName === HEADER.host || lowerCaseName === HEADER.contentType || lowerCaseName.startsWith("x-acs-");
}

/**
 * The canonical headers block and the signed-headers list: the signed headers lower-cased, values trimmed,
 * sorted by name; each as `name:value\n`, names joined by `;`.
 */
export function canonicalHeaders(headers: HeaderMap): { canonical: string; signedHeaders: string } {
    const entries = Object.entries(headers)
        .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
        .filter(([name]) => isSignedHeader(name))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
        canonical: entries.map(([name, value]) => `${name}:${value}\n`).join(""),
        signedHeaders: entries.map(([name]) => name).join(";"),
    };
}
