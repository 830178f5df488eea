export { ErrorDetails, MessageContactsError } from "./base-error";
export { AlibabaCloudApiError, ApiErrorAnswer } from "./api-error";
export { InvalidResponseError, InvalidResponseDetails } from "./response-error";
export { TransportError, TransportFailure } from "./transport-error";
export { InvalidArgumentError } from "./argument-error";
export { InconsistentListingError } from "./listing-error";
export { CredentialsNotFoundError } from "./credentials-error";
export { isRetryableAnswer, isThrottlingCode, LIST_MESSAGE_CONTACT_VERIFICATIONS_ERROR_CODES, TRANSIENT_ERROR_CODES } from "./retryable-codes";
