/**
 * Pulumi functions and a dynamic resource for Alibaba Cloud Resource Directory's
 * `ListMessageContactVerifications`: the message contacts' phone numbers and email addresses that are still
 * waiting to be verified.
 * @packageDocumentation
 */
export { getMessageContactVerifications, getMessageContactVerificationsOutput } from "./get-message-contact-verifications";
export { MessageContactVerifications } from "./message-contact-verifications";
export type { MessageContactVerificationsArgs } from "./message-contact-verifications";
export { RESOURCE_TYPE_TOKEN, RESOURCE_TYPE_TOKENS } from "../provider/pulumi-names";
export type {
    GetMessageContactVerificationsArgs,
    GetMessageContactVerificationsOutputArgs,
    GetMessageContactVerificationsOutputOptions,
    GetMessageContactVerificationsResult,
    MessageContactVerification,
} from "./types";
export {
    AlibabaCloudApiError,
    CredentialsNotFoundError,
    InconsistentListingError,
    InvalidArgumentError,
    InvalidMockResultError,
    InvalidResponseError,
    MessageContactsError,
    OutputFileError,
    ProfileNotFoundError,
    TransportError,
    LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES,
    PACKAGE_ERROR_CODES,
} from "../provider/alibaba-client";
export type { PackageErrorCode } from "../provider/alibaba-client";
export { listMessageContactVerifications } from "../provider/alibaba-client";
export type { ClientOptions, ListOptions, ListQuery, VerificationListing } from "../provider/alibaba-client";
