/**
 * The credential values a provider process knows, kept out of every diagnostic it answers (summary and detail):
 * the provider block's secret attributes, the environment variables the credential chain reads secrets from, and
 * every credentials the chain handed out (a profile's keys, the default chain's, assumed-role temporary ones).
 * A service's error message can echo an AccessKeyId or a security token; the package's messages never show one,
 * but what it quotes of the service is not its own.
 */
import type { Credentials } from "../alibaba-client";
import { CREDENTIAL_ENV, OPTION_DEFINITIONS, ProviderSettings, redactValues, SECRET_OPTION_NAMES } from "../alibaba-client/validation";
import type { Diagnostic } from "./tfplugin6-messages";

type Env = Readonly<Record<string, string | undefined>>;

/** The environment variables that hold credentials: the secret options' (`ALICLOUD_ACCESS_KEY`, ...) and the default chain's. */
const SECRET_ENV: readonly string[] = [...SECRET_OPTION_NAMES.flatMap((name) => OPTION_DEFINITIONS[name].env ?? []), ...Object.values(CREDENTIAL_ENV)];

/** Credential values known so far; references to the strings the process holds anyway, never written anywhere. */
export class KnownSecrets {
    readonly #values = new Set<string>();

    /** Knows the credential values of the environment at once. */
    constructor(env: Env = process.env) {
        for (const name of SECRET_ENV) this.#add(env[name]);
    }

    #add(value: unknown): void {
        if (typeof value === "string" && value !== "") this.#values.add(value);
    }

    /** The secret settings' values (`accessKeyId`, `accessKeySecret`, `securityToken`: the option table's secret ones). */
    addSettings(settings: ProviderSettings): void {
        for (const name of SECRET_OPTION_NAMES) if (Object.hasOwn(settings, name)) this.#add((settings as Record<string, unknown>)[name]);
    }

    /** A credentials' AccessKeyId, secret and security token. */
    addCredentials(credentials: Credentials): void {
        this.#add(credentials.accessKeyId);
        this.#add(credentials.accessKeySecret);
        this.#add(credentials.securityToken);
    }

    /** `diagnostics` with every known value redacted from their summary and detail. */
    redact(diagnostics: readonly Diagnostic[]): Diagnostic[] {
        return diagnostics.map((diagnostic) => ({
            ...diagnostic,
            summary: redactValues(diagnostic.summary, this.#values),
            ...(diagnostic.detail !== undefined ? { detail: redactValues(diagnostic.detail, this.#values) } : {}),
        }));
    }
}
