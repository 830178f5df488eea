import { Emulator, EmulatorOptions, startEmulator, Verification } from "../../emulator";
import type { ListOptions } from "../../provider/alibaba-client";

/** `n` distinct verifications spread over a few contacts. */
export function verifications(n: number, contacts = ["c-aaaaaaaa01", "c-bbbbbbbb02", "c-cccccccc03"]): Verification[] {
    return Array.from({ length: n }, (_, i) => ({
        contactId: contacts[i % contacts.length] as string,
        target: i % 2 ? `user${i}***@example.com` : `138****${String(i).padStart(4, "0")}`,
    }));
}

/** Two contacts of a small listing, and the listing the provider tests seed (a target pending for both). */
export const ALICE = "c-Alice000000001";
export const BOB = "c-Bob00000000002";
export const SMALL_LISTING: readonly Verification[] = [
    { contactId: ALICE, target: "z***@example.com" },
    { contactId: BOB, target: "138****0000" },
    { contactId: ALICE, target: "a***@example.com" },
    { contactId: BOB, target: "z***@example.com" },
    { contactId: ALICE, target: "139****1111" },
];
/** {@link SMALL_LISTING} after its last verification was replaced. */
export const SMALL_LISTING_CHANGED: readonly Verification[] = [...SMALL_LISTING.slice(0, 4), { contactId: BOB, target: "m***@example.com" }];

/**
 * What the resource records of `list` (both providers): the count, the verifications as plain objects, the targets
 * sorted and de-duplicated, and each target's contacts in first-seen order. Written out here, independently of
 * the package's `listingOutputs`, so that the tests do not judge the code by itself.
 */
export function listingOutputsOf(list: readonly Verification[]) {
    const targets = [...new Set(list.map((v) => v.target))];
    return {
        totalCount: list.length,
        verifications: list.map((v) => ({ contactId: v.contactId, target: v.target })),
        targets: [...targets].sort(),
        pendingByTarget: Object.fromEntries(targets.map((t) => [t, [...new Set(list.filter((v) => v.target === t).map((v) => v.contactId))]])),
    };
}

/** Starts an emulator for a mocha suite and closes it after; `client()` gives options that reach it. */
export function useEmulator(options: EmulatorOptions = {}) {
    let emulator: Emulator | undefined;
    before(async () => {
        emulator = await startEmulator(options);
    });
    after(async () => {
        await emulator?.close();
    });
    afterEach(() => {
        emulator?.clearFaults();
        emulator?.resetRequests();
    });
    const get = (): Emulator => {
        if (!emulator) throw new Error("the emulator is not started");
        return emulator;
    };
    return {
        get emulator() {
            return get();
        },
        /** Options that reach the emulator with its account. */
        client(extra: ListOptions = {}): ListOptions {
            const e = get();
            return { endpoint: e.url, accessKeyId: e.account.accessKeyId, accessKeySecret: e.account.accessKeySecret, ...extra };
        },
    };
}
