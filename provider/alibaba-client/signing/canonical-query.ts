import { percentEncode } from "./percent-encode";

/** Query parameters of a request, already rendered as strings. */
export type QueryParameters = Readonly<Record<string, string>>;

/**
 * The canonical query string: each name and value percent-encoded, sorted by encoded name (byte order),
 * joined as `name=value` with `&`. The same string is sent on the wire, so what is signed is what is sent.
 */
export function canonicalQuery(query: QueryParameters): string {
    return Object.keys(query)
        .map((name) => [percentEncode(name), percentEncode(query[name] ?? "")] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, value]) => `${name}=${value}`)
        .join("&");
}
