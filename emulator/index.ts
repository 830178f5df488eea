/** The local emulator of Alibaba Cloud's Resource Directory `ListMessageContactVerifications` API. */
export { startEmulator } from "./server";
export { DEFAULT_ACCOUNT } from "./options";
export { loadSeedFile, parseSeed, seedFileSchema } from "./seed";
export type { SeedData } from "./seed";
export { demoVerifications, MAX_DEMO_VERIFICATIONS } from "./demo-verifications";
export {
    CONTACT_ID_PATTERN,
    LIST_MESSAGE_CONTACT_VERIFICATIONS,
    listMessageContactVerifications,
} from "./list-message-contact-verifications";
export type {
    ContactVerificationItem,
    ContactVerificationsPage,
    OperationResult,
    PagingPolicy,
} from "./list-message-contact-verifications";
export { MAX_CLOCK_SKEW_MS, REQUIRED_HEADERS, SignatureVerifier } from "./verify-signature";
export type { IncomingCall, SignatureVerdict } from "./verify-signature";
export type { ApiError, ErrorBody } from "./api-error";
export type {
    Emulator,
    EmulatorAccount,
    EmulatorOptions,
    Fault,
    FaultKind,
    FaultMatch,
    FaultRule,
    PageSizeOverflow,
    RateLimit,
    RecordedRequest,
    Verification,
} from "./types";
