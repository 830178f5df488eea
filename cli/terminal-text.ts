/**
 * C0 and C1 control characters (DEL included) and the Unicode bidirectional overrides: what could move the
 * cursor, retitle or recolour a terminal, write to its clipboard, or reorder what a person reads.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `text` as it may reach a terminal: every control character written as a visible escape (`\r`, `\u001b`),
 * everything else untouched. For text that comes from the service or the network (targets, contact IDs,
 * error messages, RequestIds), which the command prints but does not trust.
 */
export function escapeControlCharacters(text: string): string {
    return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
