export { CredentialRequest, Credentials, CredentialsProvider, maskIdentifier } from "./credentials";
export { StaticCredentialsProvider } from "./static-provider";
export { CredentialSources, credentialsFor, CredentialsCache } from "./credentials-for";
export { AssumeRoleProvider, ASSUME_ROLE, needsRefresh, REFRESH_BEFORE_EXPIRY_MS } from "./assume-role-provider";
export { CliProfileProvider, CREDENTIAL_ENV, DEFAULT_CHAIN_PLACES, DefaultChainProvider } from "./library-providers";
