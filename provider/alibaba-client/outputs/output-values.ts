// Generated from output-table.ts by `npm run generate`; edit the table, not this file (a test fails when it is stale).

/** A pending verification: the contact, and its masked phone number or email address. */
export interface MessageContactVerification {
    /** The message contact's ID, such as c-qL4HqKONzOM7****. */
    contactId: string;
    /**
     * The phone number or email address waiting to be verified, masked by the service, such as
     * someone***@example.com.
     */
    target: string;
}

/** One call's result: the output table's `result` outputs (the get functions', the plugin's function's). */
export interface ResultValues {
    /** Stable for the same query: <endpoint host>/ListMessageContactVerifications/<contactId or *>. */
    readonly id: string;
    /** The contact the listing is filtered to, when contactId was given. */
    readonly contactId?: string;
    /** How many verifications are pending; always the length of verifications. */
    readonly totalCount: number;
    /** Every pending verification, in the service's order: the contact and its masked phone or email. */
    readonly verifications: MessageContactVerification[];
}

/** What the resource records in its state beside its inputs: the output table's `resourceOutput` outputs. */
export interface ResourceOutputValues {
    /** The contact the listing is filtered to, when contactId was given. */
    readonly contactId?: string;
    /** How many verifications are pending; always the length of verifications. */
    readonly totalCount: number;
    /** Every pending verification, in the service's order: the contact and its masked phone or email. */
    readonly verifications: MessageContactVerification[];
    /** Every target (masked), sorted, de-duplicated. */
    readonly targets: string[];
    /**
     * Each target and the IDs of the contacts it is pending for, so that a diff names the targets that appeared and
     * went away.
     */
    readonly pendingByTarget: Record<string, string[]>;
}
