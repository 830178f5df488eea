/**
 * Every `code` this package gives its own errors: one closed list. A service error's code is the service's
 * (`AlibabaCloudApiError.code`, whatever the service sent, escaped) and is never looked up here; check the
 * class before the code, since a service may answer with any code, one of these included.
 */
export const PACKAGE_ERROR_CODES = [
    "InvalidArgument",
    "CredentialsNotFound",
    "ProfileNotFound",
    "InvalidResponse",
    "InconsistentListing",
    "InvalidMockResult",
    "OutputFileNotWritten",
    "ConnectionFailed",
    "ConnectionReset",
    "Timeout",
    "ResponseTooLarge",
    "ListingTooLarge",
    "TlsFailed",
] as const;

/** One of {@link PACKAGE_ERROR_CODES}. */
export type PackageErrorCode = (typeof PACKAGE_ERROR_CODES)[number];
