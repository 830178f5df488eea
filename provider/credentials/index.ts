export { Credentials, CredentialsProvider, maskIdentifier } from "./credentials";
export { CredentialOptions } from "./credential-options";
export { StaticCredentialsProvider } from "./static-provider";
export { CREDENTIAL_ENV, resolveCredentialsProvider } from "./resolve-credentials";
