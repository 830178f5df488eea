/** The outcome of parsing a raw query string. */
export type ParsedQuery = { ok: true; params: Record<string, string> } | { ok: false; reason: string };

function decode(component: string): string {
    // A `+` is a space in form encoding; a conforming V3 client sends `%20` or `%2B`, never a bare `+`.
    return decodeURIComponent(component.replace(/\+/g, " "));
}

/**
 * Decodes each `name=value` pair of a raw query string (without the `?`). Empty pairs are skipped, a pair
 * without `=` has the empty value. Fails on bad percent-encoding and on a repeated name, because either makes
 * the canonical query ambiguous.
 */
export function parseRawQuery(raw: string): ParsedQuery {
    const entries = new Map<string, string>();
    for (const pair of raw.split("&")) {
        if (pair === "") continue;
        const eq = pair.indexOf("=");
        const rawName = eq < 0 ? pair : pair.slice(0, eq);
        const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
        let name: string;
        let value: string;
        try {
            name = decode(rawName);
            value = decode(rawValue);
        } catch {
            return { ok: false, reason: `the query parameter "${pair}" is not valid percent-encoding` };
        }
        if (entries.has(name)) return { ok: false, reason: `the query parameter "${name}" is repeated` };
        entries.set(name, value);
    }
    return { ok: true, params: Object.fromEntries(entries) };
}

const FORM_CONTENT_TYPE = /^application\/x-www-form-urlencoded\b/i;

/**
 * Decodes a form-urlencoded body (as {@link parseRawQuery} does a query); `undefined` when the body is empty
 * or its content type is not `application/x-www-form-urlencoded`.
 */
export function parseFormBody(contentType: string | undefined, body: Uint8Array): ParsedQuery | undefined {
    if (body.length === 0 || !FORM_CONTENT_TYPE.test(contentType ?? "")) return undefined;
    return parseRawQuery(Buffer.from(body).toString("utf8"));
}
