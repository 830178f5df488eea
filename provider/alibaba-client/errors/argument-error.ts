import { MessageContactsError } from "./base-error";

/** An argument was rejected before any request was sent. `field` names it; the message says what is accepted. */
export class InvalidArgumentError extends MessageContactsError {
    readonly field: string;

    constructor(field: string, message: string) {
        super("InvalidArgument", message, { retryable: false });
        this.field = field;
    }
}
