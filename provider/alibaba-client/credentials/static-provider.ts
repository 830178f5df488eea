import { Credentials, CredentialsProvider } from "./credentials";

/** Always the same credentials. */
export class StaticCredentialsProvider implements CredentialsProvider {
    readonly description: string;
    readonly #credentials: Credentials;

    constructor(credentials: Credentials, description: string) {
        this.#credentials = credentials;
        this.description = description;
    }

    async getCredentials(): Promise<Credentials> {
        return this.#credentials;
    }
}
