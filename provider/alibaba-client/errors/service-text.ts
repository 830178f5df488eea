/**
 * Characters that must not reach a terminal, a log or an engine's display as they are: control characters (C0,
 * DEL, C1), format characters (the bidirectional overrides and isolates, zero-width characters, the BOM, tag
 * characters), the line and paragraph separators, and lone surrogates. They can move the cursor, recolour or
 * retitle a terminal, fake or hide lines, or reorder what a person reads.
 */
const UNSAFE = /^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Longest `Message` or `Recommend` kept from an answer, in characters after escaping. */
export const SERVICE_MESSAGE_LIMIT = 400;

/** Longest `RequestId`, `HostId` or `Code` kept from an answer (real ones are under 64 characters). */
export const SERVICE_ID_LIMIT = 100;

/** One character in a visible form: `\n`, `\u001b`, `\u{e0041}`, or itself when it is safe. */
function visible(character: string): string {
    if (!UNSAFE.test(character)) return character;
    const named = NAMED[character];
    if (named !== undefined) return named;
    const code = character.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `character` as {@link visible} writes it, and a quote or backslash escaped, for text shown between quotes. */
function quotedVisible(character: string): string {
    return character === '"' || character === "\\" ? `\\${character}` : visible(character);
}

/**
 * The start of `text`, each character written by `show`, up to `limit` characters of the result; and how many
 * characters of `text` were left out. Only the part kept is read.
 */
function bounded(text: string, limit: number, show: (character: string) => string): { shown: string; left: number } {
    let shown = "";
    let used = 0;
    for (const character of text) {
        const piece = show(character);
        if (shown.length + piece.length > limit) break;
        shown += piece;
        used += character.length;
    }
    return { shown, left: text.length - used };
}

/** ``, or `... (N more characters)`. */
const moreText = (left: number): string => (left === 0 ? "" : `... (${left} more character${left === 1 ? "" : "s"})`);

/**
 * `text` from the service (or the network) made safe to print: every unsafe character written as a visible
 * escape, and cut after `limit` characters of the result with `... (N more characters)`, N counting what was
 * left out of `text`. Only the part that is kept is read, so an 8 MB message costs no more than a short one.
 * Pure; the result never holds a control or format character.
 */
export function serviceText(text: string, limit: number): string {
    const { shown, left } = bounded(text, limit, visible);
    return `${shown}${moreText(left)}`;
}

/**
 * Text from outside that a message quotes (a CLI's data source type, an attribute's name, a value given): between
 * double quotes, a quote or backslash in it escaped, unsafe characters escaped as {@link serviceText} escapes
 * them, cut after `limit` characters (`"abc"... (N more characters)`). Only the part kept is read. Pure.
 */
export function quotedText(text: string, limit: number): string {
    const { shown, left } = bounded(text, limit, quotedVisible);
    return `"${shown}"${moreText(left)}`;
}

/**
 * `text` with every unsafe character written as a visible escape, nothing cut: for text printed whole (the
 * CLI's table of targets and contact IDs) that does not come through an error. Pure.
 */
export function escapeUnsafeCharacters(text: string): string {
    let shown = "";
    for (const character of text) shown += visible(character);
    return shown;
}

/** {@link serviceText} for an optional value. */
export function optionalServiceText(text: string | undefined, limit: number): string | undefined {
    return text === undefined ? undefined : serviceText(text, limit);
}
