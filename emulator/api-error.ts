/** An error answer before it is rendered: HTTP status, error code, message. */
export interface ApiError {
    status: number;
    code: string;
    message: string;
    /** Milliseconds to send as `x-acs-retry-after`. */
    retryAfterMs?: number;
}

/** The JSON body of an error answer, as Alibaba Cloud's POP gateway renders it. */
export interface ErrorBody {
    RequestId: string;
    Code: string;
    Message: string;
    HostId: string;
    Recommend: string;
}

/** Builds an {@link ApiError}. */
export function apiError(status: number, code: string, message: string): ApiError {
    return { status, code, message };
}

/** The service-wide errors the emulator answers, with the codes, statuses and messages the real gateway uses. */
export const COMMON_ERRORS = {
    incompleteSignature: (detail: string) => apiError(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards. ${detail}`),
    accessKeyNotFound: () => apiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
    timeStampFormat: () => apiError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."),
    timeStampExpired: () => apiError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
    nonceUsed: () => apiError(400, "SignatureNonceUsed", "Specified signature nonce was used already."),
    signatureDoesNotMatch: (detail: string) => apiError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. ${detail}`),
    missingSecurityToken: () => apiError(400, "MissingSecurityToken", "SecurityToken is mandatory for this action."),
    securityTokenMismatch: () => apiError(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."),
    securityTokenExpired: () => apiError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."),
    actionNotFound: () => apiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
    invalidVersion: () => apiError(400, "InvalidVersion", "Specified parameter Version is not valid."),
    throttlingUser: (retryAfterMs: number): ApiError => ({
        ...apiError(400, "Throttling.User", "Request was denied due to user flow control."),
        retryAfterMs,
    }),
    internalError: () => apiError(500, "InternalError", "The request processing has failed due to some unknown error, exception or failure."),
} as const;

/** The JSON body of an error answer; `Recommend` points at Alibaba Cloud's troubleshooting page as the real one does. */
export function errorBody(requestId: string, hostId: string, product: string, error: ApiError): ErrorBody {
    const recommend =
        `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}` +
        `&product=${encodeURIComponent(product)}&requestId=${encodeURIComponent(requestId)}`;
    return { RequestId: requestId, Code: error.code, Message: error.message, HostId: hostId, Recommend: recommend };
}

/** Messages of service-wide codes, used when an injected error fault gives none. */
export const KNOWN_MESSAGES: Readonly<Record<string, string>> = {
    Throttling: "Request was denied due to flow control.",
    "Throttling.User": "Request was denied due to user flow control.",
    "Throttling.Api": "Request was denied due to api flow control.",
    InternalError: "The request processing has failed due to some unknown error, exception or failure.",
    ServiceUnavailable: "The request has failed due to a temporary failure of the server.",
};
