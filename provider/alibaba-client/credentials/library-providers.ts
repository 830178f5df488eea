import { CredentialsNotFoundError, ProfileNotFoundError } from "../errors";
import { CREDENTIAL_ENV } from "./credential-env";
import { Credentials, CredentialsProvider } from "./credentials";

export { CREDENTIAL_ENV };

/** The places Alibaba Cloud's default chain (`@alicloud/credentials`) looks, in its order. */
export const DEFAULT_CHAIN_PLACES: readonly string[] = [
    `env ${CREDENTIAL_ENV.accessKeyId}/${CREDENTIAL_ENV.accessKeySecret} (+ ${CREDENTIAL_ENV.securityToken})`,
    "OIDC/RRSA env ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    "the aliyun CLI profile file ~/.aliyun/config.json (profile from ALIBABA_CLOUD_PROFILE or its current one)",
    "the INI file ~/.alibabacloud/credentials (or ALIBABA_CLOUD_CREDENTIALS_FILE)",
    "the ECS instance RAM role (metadata service; off when ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)",
    "the credentials URI in ALIBABA_CLOUD_CREDENTIALS_URI",
];

type Library = typeof import("@alicloud/credentials");
type LibraryProvider = { getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }> };

/** The official library, loaded on first use: importing this package stays cheap. */
function library(): Library {
    return require("@alicloud/credentials") as Library;
}

function toCredentials(found: Awaited<ReturnType<LibraryProvider["getCredentials"]>>): Credentials {
    return new Credentials(found.accessKeyId, found.accessKeySecret, found.securityToken || undefined);
}

/**
 * Alibaba Cloud's default credential chain, resolved by the official `@alicloud/credentials` exactly as the
 * Alibaba SDKs and the aliyun CLI resolve it (it caches and refreshes temporary credentials itself).
 * When it finds nothing, the error lists `placesBefore` and every place of the default chain. The library's
 * own messages are not repeated: some of them quote the files they could not parse, secrets included.
 */
export class DefaultChainProvider implements CredentialsProvider {
    readonly description = "Alibaba Cloud's default credential chain";
    #provider: LibraryProvider | undefined;

    constructor(private readonly placesBefore: readonly string[]) {}

    async getCredentials(): Promise<Credentials> {
        this.#provider ??= library().DefaultCredentialsProvider.builder().build() as LibraryProvider;
        try {
            return toCredentials(await this.#provider.getCredentials());
        } catch {
            throw new CredentialsNotFoundError([...this.placesBefore, ...DEFAULT_CHAIN_PLACES]);
        }
    }
}

/** A named profile of the aliyun CLI's `~/.aliyun/config.json` (modes AK, StsToken, RamRoleArn, EcsRamRole, OIDC...). */
export class CliProfileProvider implements CredentialsProvider {
    readonly description: string;
    #provider: LibraryProvider | undefined;

    /** @param namedBy where the profile name came from, for messages (`stack config alicloud:profile`). */
    constructor(
        private readonly profile: string,
        private readonly namedBy: string,
    ) {
        this.description = `profile "${profile}" (named by ${namedBy}) of ~/.aliyun/config.json`;
    }

    async getCredentials(): Promise<Credentials> {
        try {
            // Building can fail too (ALIBABA_CLOUD_CLI_PROFILE_DISABLED): inside the try, so it is reported as ours.
            this.#provider ??= library().CLIProfileCredentialsProvider.builder().withProfileName(this.profile).build() as LibraryProvider;
            return toCredentials(await this.#provider.getCredentials());
        } catch (error) {
            const text = error instanceof Error ? error.message : "";
            const reason = /profile is disabled/i.test(text)
                ? "cannot be used: ALIBABA_CLOUD_CLI_PROFILE_DISABLED is set"
                : /unable to get profile/.test(text)
                  ? "does not exist in ~/.aliyun/config.json"
                  : /reading aliyun cli config/.test(text)
                    ? "cannot be read: ~/.aliyun/config.json is missing or unreadable"
                    : /parse aliyun cli config|no any configured profiles/.test(text)
                      ? "cannot be read: ~/.aliyun/config.json is not valid JSON or has no profiles"
                      : "did not yield credentials (its mode is unsupported, or the role could not be assumed)";
            throw new ProfileNotFoundError(this.profile, this.namedBy, reason);
        }
    }
}
