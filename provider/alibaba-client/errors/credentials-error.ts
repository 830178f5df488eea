import { MessageContactsError } from "./base-error";

/** No credentials were found. The message lists every place that was looked at. */
export class CredentialsNotFoundError extends MessageContactsError {
    readonly searched: readonly string[];

    constructor(searched: readonly string[]) {
        super("CredentialsNotFound", "No Alibaba Cloud credentials found. Looked in: " + searched.join("; ") + ".", { retryable: false });
        this.searched = searched;
    }
}
