export { CredentialRequest, Credentials, CredentialsProvider, maskIdentifier } from "./credentials";
export { CredentialOptions } from "./credential-options";
export { StaticCredentialsProvider } from "./static-provider";
export { CredentialSources, resolveCredentialsProvider, TERRAFORM_ENV } from "./resolve-credentials";
export { AssumeRoleProvider, ASSUME_ROLE, DEFAULT_STS_HOST, needsRefresh, REFRESH_BEFORE_EXPIRY_MS } from "./assume-role-provider";
export { CliProfileProvider, CREDENTIAL_ENV, DEFAULT_CHAIN_PLACES, DefaultChainProvider } from "./library-providers";
