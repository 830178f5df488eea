/**
 * The local emulator of Alibaba Cloud's Resource Directory `ListMessageContactVerifications` API, with STS
 * `AssumeRole` so that credential providers can be tested against it, over HTTP or HTTPS.
 */
export { startEmulator } from "./server";
export { DEFAULT_ACCOUNT } from "./options";
export { loadSeedFile, parseSeed, seedFileSchema } from "./seed";
export type { SeedData } from "./seed";
export { demoVerifications, MAX_DEMO_VERIFICATIONS } from "./demo-verifications";
export { CONTACT_ID_PATTERN, LIST_MESSAGE_CONTACT_VERIFICATIONS, listMessageContactVerifications } from "./list-message-contact-verifications";
export type { ContactVerificationItem, ContactVerificationsPage, OperationResult, PagingPolicy } from "./list-message-contact-verifications";
export { ASSUME_ROLE, assumeRole, DURATION_SECONDS, ROLE_ARN_PATTERN, ROLE_SESSION_NAME_PATTERN } from "./assume-role";
export type { AssumeRolePolicy, AssumeRoleResult, CredentialIssuer } from "./assume-role";
export { CredentialRegistry, securityTokenError } from "./credential-registry";
export type { AccountDirectory, CredentialRequest, IssuedSecrets, KnownAccount } from "./credential-registry";
export { MAX_CLOCK_SKEW_MS, REQUIRED_HEADERS, SignatureVerifier } from "./verify-signature";
export type { IncomingCall, SignatureVerdict, SignatureVerifierOptions } from "./verify-signature";
export {
    isV1Query,
    V1_REQUIRED_PARAMETERS,
    V1_SIGNATURE_METHOD,
    V1_SIGNATURE_VERSION,
    v1Signature,
    V1SignatureVerifier,
    v1StringToSign,
} from "./verify-signature-v1";
export type { ApiError, ErrorBody } from "./api-error";
export type {
    Emulator,
    EmulatorAccount,
    EmulatorOptions,
    EmulatorTls,
    Fault,
    FaultKind,
    FaultMatch,
    FaultRule,
    IssuedCredential,
    PageSizeOverflow,
    RateLimit,
    RecordedRequest,
    Verification,
} from "./types";
