import { CredentialsNotFoundError, InvalidArgumentError } from "../errors";
import { CredentialOptions } from "./credential-options";
import { Credentials, CredentialsProvider } from "./credentials";
import { StaticCredentialsProvider } from "./static-provider";

/** The environment variables read for credentials, in the order they are tried. */
export const CREDENTIAL_ENV = {
    accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    accessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    securityToken: "ALIBABA_CLOUD_SECURITY_TOKEN",
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** One link of the chain: credentials from somewhere, or undefined when that place has none. */
interface ChainLink {
    description: string;
    find(): Credentials | undefined;
}

function pair(where: string, id: string | undefined, secret: string | undefined, token: string | undefined) {
    if (!id && !secret) return undefined;
    if (!id || !secret) {
        const missing = id ? "the AccessKey secret" : "the AccessKey ID";
        throw new InvalidArgumentError(where, `${where}: ${missing} is missing; set both or neither.`);
    }
    return new Credentials(id, secret, token || undefined);
}

/**
 * Resolves credentials: explicit options first, then the environment. Every link is tried in order and the
 * first that has credentials wins; when none has, the error lists each place looked at.
 */
export function resolveCredentialsProvider(options: CredentialOptions = {}, env: Env = process.env): CredentialsProvider {
    const chain: ChainLink[] = [
        {
            description: "the accessKeyId/accessKeySecret options",
            find: () => pair("accessKeyId/accessKeySecret", options.accessKeyId, options.accessKeySecret, options.securityToken),
        },
        {
            description: `env ${CREDENTIAL_ENV.accessKeyId}/${CREDENTIAL_ENV.accessKeySecret} (+ ${CREDENTIAL_ENV.securityToken})`,
            find: () =>
                pair(
                    `env ${CREDENTIAL_ENV.accessKeyId}/${CREDENTIAL_ENV.accessKeySecret}`,
                    env[CREDENTIAL_ENV.accessKeyId],
                    env[CREDENTIAL_ENV.accessKeySecret],
                    env[CREDENTIAL_ENV.securityToken],
                ),
        },
    ];
    for (const link of chain) {
        const found = link.find();
        if (found) return new StaticCredentialsProvider(found, link.description);
    }
    throw new CredentialsNotFoundError(chain.map((link) => link.description));
}
