/** A message contact's phone number or email address that is waiting to be verified. */
export interface MessageContactVerification {
    /** The ID of the message contact, e.g. `c-qL4HqKONzOM7****`. */
    contactId: string;
    /** The phone number or email address to verify, masked by the service (`someone***@example.com`). */
    target: string;
}
