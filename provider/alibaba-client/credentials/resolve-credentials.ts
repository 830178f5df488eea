import { parseEndpoint } from "../endpoint";
import { InvalidArgumentError } from "../errors";
import type { StackSettings } from "../stack-settings";
import { AssumeRoleProvider, DEFAULT_STS_HOST } from "./assume-role-provider";
import { CredentialOptions } from "./credential-options";
import { Credentials, CredentialsProvider } from "./credentials";
import { CliProfileProvider, DefaultChainProvider } from "./library-providers";
import { StaticCredentialsProvider } from "./static-provider";

/** The environment variables Terraform's alicloud provider reads, which this package reads too. */
export const TERRAFORM_ENV = {
    accessKeyId: "ALICLOUD_ACCESS_KEY",
    accessKeySecret: "ALICLOUD_SECRET_KEY",
    securityToken: "ALICLOUD_SECURITY_TOKEN",
    profile: "ALICLOUD_PROFILE",
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Everything credentials can come from. */
export interface CredentialSources {
    /** Arguments or options in code. */
    explicit?: CredentialOptions;
    /** The stack's config (`alicloud:*`). */
    stack?: StackSettings;
    /** Default `process.env`. */
    env?: Env;
    /** Where STS `AssumeRole` is called: option, else `alicloud:endpoints` `sts`, else `sts.aliyuncs.com`. */
    stsEndpoint?: string;
    /** Clock for the expiry of temporary credentials. */
    now?: () => number;
}

/** An AccessKey pair from one place, or undefined when that place has neither half. */
function keyPair(where: string, id: string | undefined, secret: string | undefined, token: string | undefined): Credentials | undefined {
    if (!id && !secret) return undefined;
    if (!id || !secret) {
        const missing = id ? "the AccessKey secret" : "the AccessKey ID";
        throw new InvalidArgumentError(where, `${where}: ${missing} is missing; set both or neither.`);
    }
    return new Credentials(id, secret, token || undefined);
}

/** The base credentials: the first place that has some, in the documented order. */
function baseProvider(sources: CredentialSources, env: Env): CredentialsProvider {
    const { explicit = {}, stack = {} } = sources;
    const places: string[] = [];
    const fixed = (description: string, found: Credentials | undefined) => {
        places.push(description);
        return found && new StaticCredentialsProvider(found, description);
    };
    // Arguments are a place only for callers that take them (not the resource, whose credentials never are inputs).
    const fromArguments =
        sources.explicit === undefined
            ? undefined
            : fixed(
                  "the accessKeyId/accessKeySecret arguments",
                  keyPair("accessKeyId/accessKeySecret", explicit.accessKeyId, explicit.accessKeySecret, explicit.securityToken),
              );
    const found =
        fromArguments ??
        fixed(
            "stack config alicloud:accessKey/alicloud:secretKey",
            keyPair("stack config alicloud:accessKey/alicloud:secretKey", stack.accessKeyId, stack.accessKeySecret, stack.securityToken),
        );
    if (found) return found;
    if (stack.profile) return new CliProfileProvider(stack.profile, "stack config alicloud:profile");
    places.push("stack config alicloud:profile");
    const terraform = fixed(
        `env ${TERRAFORM_ENV.accessKeyId}/${TERRAFORM_ENV.accessKeySecret}`,
        keyPair(
            `env ${TERRAFORM_ENV.accessKeyId}/${TERRAFORM_ENV.accessKeySecret}`,
            env[TERRAFORM_ENV.accessKeyId],
            env[TERRAFORM_ENV.accessKeySecret],
            env[TERRAFORM_ENV.securityToken],
        ),
    );
    if (terraform) return terraform;
    const profile = env[TERRAFORM_ENV.profile];
    if (profile) return new CliProfileProvider(profile, `env ${TERRAFORM_ENV.profile}`);
    places.push(`env ${TERRAFORM_ENV.profile}`);
    return new DefaultChainProvider(places);
}

/**
 * Resolves where credentials come from, first match wins: explicit arguments; stack config
 * `alicloud:accessKey` + `alicloud:secretKey`; `alicloud:profile`; Terraform's env `ALICLOUD_ACCESS_KEY` +
 * `ALICLOUD_SECRET_KEY`; `ALICLOUD_PROFILE`; then Alibaba Cloud's default chain (`@alicloud/credentials`).
 * With `alicloud:assumeRole`, those credentials assume the role and the temporary ones are used.
 * Nothing is read until the first request; then a missing credential is a `CredentialsNotFoundError` that
 * lists every place looked at.
 */
export function resolveCredentialsProvider(sources: CredentialSources = {}): CredentialsProvider {
    const env = sources.env ?? process.env;
    const base = baseProvider(sources, env);
    const assumeRole = sources.stack?.assumeRole;
    if (!assumeRole) return base;
    const sts = sources.stsEndpoint ?? sources.stack?.endpoints?.sts;
    const stsEndpoint = sts ? parseEndpoint(sts, sources.stsEndpoint ? "stsEndpoint" : "stack config alicloud:endpoints sts") : parseEndpoint(DEFAULT_STS_HOST);
    return new AssumeRoleProvider(base, assumeRole, stsEndpoint, sources.now);
}
