/**
 * Credential values taken out of text shown to people: a service's error message can echo the AccessKeyId or the
 * security token that signed the request (Alibaba Cloud's `SignatureDoesNotMatch` quotes its string to sign,
 * percent-encoded twice), and the package's own bounding can cut a long token in the middle.
 */
import { percentEncode } from "../signing/percent-encode";

/** What replaces each run of credential text. */
export const REDACTED = "[redacted]";

/** Shorter values are not credentials Alibaba Cloud issues, and cannot be told from ordinary words. */
const MIN_VALUE = 4;

/** A run this long of a value's text anywhere is redacted (also the part of a value that a cut left). */
const FRAGMENT = 8;

/** A value as the text may hold it: itself, percent-encoded once and twice (a query string, a string to sign). */
function formsOf(value: string): string[] {
    const once = percentEncode(value);
    return [...new Set([value, once, percentEncode(once)])];
}

/** Where `text` ends, or its part before `... (N more characters)` ends: where a bounded text was cut. */
function cutPoints(text: string): number[] {
    const points = [text.length];
    for (const match of text.matchAll(/\.\.\. \(\d+ more characters?\)/g)) points.push(match.index);
    return points;
}

/**
 * `text` with every credential value of `values` replaced by {@link REDACTED}: each value, percent-encoded or
 * not; any run of {@link FRAGMENT} or more of its characters (a value cut or split); and, where the text was cut,
 * a start of a value of {@link MIN_VALUE} or more characters just before the cut. Values shorter than
 * {@link MIN_VALUE} are left alone. Pure.
 */
export function redactValues(text: string, values: Iterable<string>): string {
    const fragments = new Set<string>();
    const whole: string[] = [];
    const forms = [...values].filter((value) => value.length >= MIN_VALUE).flatMap(formsOf);
    for (const form of forms) {
        if (form.length < FRAGMENT) whole.push(form);
        else for (let at = 0; at + FRAGMENT <= form.length; at++) fragments.add(form.slice(at, at + FRAGMENT));
    }
    if (forms.length === 0) return text;
    const hidden = new Uint8Array(text.length);
    for (let at = 0; at + FRAGMENT <= text.length; at++) if (fragments.has(text.slice(at, at + FRAGMENT))) hidden.fill(1, at, at + FRAGMENT);
    for (const form of whole) for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) hidden.fill(1, at, at + form.length);
    for (const cut of cutPoints(text)) {
        for (const form of forms) {
            for (let length = Math.min(form.length - 1, cut); length >= MIN_VALUE; length--) {
                if (text.startsWith(form.slice(0, length), cut - length)) {
                    hidden.fill(1, cut - length, cut);
                    break;
                }
            }
        }
    }
    let shown = "";
    for (let at = 0; at < text.length; at++) {
        if (!hidden[at]) shown += text[at];
        else if (at === 0 || !hidden[at - 1]) shown += REDACTED;
    }
    return shown;
}
