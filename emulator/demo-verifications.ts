import { Verification } from "./types";

/** The most verifications {@link demoVerifications} generates. */
export const MAX_DEMO_VERIFICATIONS = 1_000_000;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
const PHONE_PREFIXES: [string, ...string[]] = ["130", "131", "135", "136", "137", "138", "139", "150", "152", "158", "159", "177", "186", "187", "188", "189"];
const EMAIL_DOMAINS: [string, ...string[]] = ["example.com", "example.net", "example.org"];

/** Mulberry32: a small deterministic PRNG giving floats in [0, 1). */
function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/**
 * Deterministic demo data: `count` verifications spread over a few contacts (`c-` + 14 letters and digits;
 * between 3 and 20 contacts, never more than `count`), each target a phone number (`138****0000`) or an email
 * address (`abc***@example.com`) masked as the service masks them. Every (contactId, target) pair is unique.
 * The same `count` and `seed` always give the same list.
 */
export function demoVerifications(count: number, seed = 1): Verification[] {
    if (!Number.isSafeInteger(count) || count < 0 || count > MAX_DEMO_VERIFICATIONS) {
        throw new RangeError(`count must be an integer from 0 to ${MAX_DEMO_VERIFICATIONS}, got ${count}`);
    }
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    const random = mulberry32(seed);
    const pick = <T>(items: readonly [T, ...T[]]): T => items[Math.floor(random() * items.length)] ?? items[0];
    const text = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet.charAt(Math.floor(random() * alphabet.length))).join("");

    const contactCount = Math.min(count, Math.max(3, Math.ceil(count / 10)), 20);
    const contacts = new Set<string>();
    while (contacts.size < contactCount) contacts.add(`c-${text(ALPHANUMERIC, 14)}`);
    const [firstContact, ...otherContacts] = [...contacts];
    const contactIds: [string, ...string[]] = [firstContact ?? "c-none", ...otherContacts];

    const seen = new Set<string>();
    const list: Verification[] = [];
    for (let i = 0; i < count; i++) {
        // The first items cover every contact once; the rest are spread at random.
        const contactId = contactIds[i] ?? pick(contactIds);
        let target: string;
        do {
            target =
                random() < 0.5
                    ? `${pick(PHONE_PREFIXES)}****${text("0123456789", 4)}`
                    : `${text(LOWERCASE, 2 + Math.floor(random() * 5))}***@${pick(EMAIL_DOMAINS)}`;
        } while (seen.has(`${contactId}\n${target}`));
        seen.add(`${contactId}\n${target}`);
        list.push({ contactId, target });
    }
    return list;
}
