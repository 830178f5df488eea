export * from "./errors";
export { Credentials, CredentialsProvider, CredentialOptions, StaticCredentialsProvider, resolveCredentialsProvider, CREDENTIAL_ENV } from "./credentials";
export { DEFAULT_ENDPOINT_HOST, ENDPOINT_ENV, Endpoint, parseEndpoint, resolveEndpoint, isLoopbackHost } from "./endpoint";
export { ClientOptions, ListOptions, ListQuery, RuntimeOptions, LIST_DEFAULTS } from "./operation/list-options";
export { MessageContactVerification } from "./operation/verification";
export { LIST_MESSAGE_CONTACT_VERIFICATIONS, MAX_PAGE_SIZE } from "./operation/operation";
export { ArgumentProblem, optionProblems, assertValidOptions } from "./operation/validate-options";
export { listMessageContactVerifications, VerificationListing, isPageSizeRejected } from "./list-message-contact-verifications";
export { closeAllPools } from "./transport/connection-pools";
