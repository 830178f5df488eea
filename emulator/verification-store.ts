import { CONTACT_ID_PATTERN, ContactDirectory } from "./list-message-contact-verifications";
import { Verification } from "./types";

/** Throws a TypeError unless `list` is an array of well-formed verifications. */
function assertVerifications(list: readonly Verification[], what = "verifications"): void {
    if (!Array.isArray(list)) throw new TypeError(`${what} must be an array`);
    list.forEach((v, i) => {
        if (typeof v !== "object" || v === null) throw new TypeError(`${what}[${i}] must be an object`);
        if (typeof v.contactId !== "string" || !CONTACT_ID_PATTERN.test(v.contactId)) {
            throw new TypeError(`${what}[${i}].contactId must match ${CONTACT_ID_PATTERN}, got ${JSON.stringify(v.contactId)}`);
        }
        if (typeof v.target !== "string" || v.target === "") {
            throw new TypeError(`${what}[${i}].target must be a non-empty string`);
        }
    });
}

/**
 * The emulator's data: pending verifications in serving order, and the known contacts. A contact stays known
 * once any stored verification has named it, even after its verifications are gone (it was verified, not
 * deleted).
 */
export class VerificationStore implements ContactDirectory {
    private items: Verification[] = [];
    private readonly contacts = new Set<string>();

    /** @param initial the first verifications; @param contacts contacts with no pending verification. */
    constructor(initial: readonly Verification[], contacts: readonly string[]) {
        contacts.forEach((id, i) => {
            if (typeof id !== "string" || !CONTACT_ID_PATTERN.test(id)) {
                throw new TypeError(`contacts[${i}] must match ${CONTACT_ID_PATTERN}, got ${JSON.stringify(id)}`);
            }
            this.contacts.add(id);
        });
        this.replace(initial);
    }

    /** The stored verifications, not copied: do not modify. */
    verifications(): readonly Verification[] {
        return this.items;
    }

    /** A deep copy of the stored verifications. */
    snapshot(): Verification[] {
        return this.items.map((v) => ({ ...v }));
    }

    /** Replaces the stored verifications with copies of `list`, after validating it. */
    replace(list: readonly Verification[]): void {
        assertVerifications(list);
        this.items = list.map((v) => ({ contactId: v.contactId, target: v.target }));
        for (const v of this.items) this.contacts.add(v.contactId);
    }

    /** Whether a contact exists. */
    hasContact(contactId: string): boolean {
        return this.contacts.has(contactId);
    }
}
