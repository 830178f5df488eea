/** Error codes the service uses for flow control. Any code starting with `Throttling` is throttling. */
const THROTTLING_CODE_PREFIX = "Throttling";

/** Error codes worth retrying whatever their HTTP status. */
export const TRANSIENT_ERROR_CODES: readonly string[] = ["ServiceUnavailable", "InternalError", "RequestTimeout"];

/** Whether an error code is a throttling answer. */
export function isThrottlingCode(code: string): boolean {
    return code === THROTTLING_CODE_PREFIX || code.startsWith(THROTTLING_CODE_PREFIX + ".");
}

/** Throttling, the transient codes and any 5xx are retryable; every other 4xx is not. */
export function isRetryableAnswer(httpStatus: number, code: string): boolean {
    return isThrottlingCode(code) || TRANSIENT_ERROR_CODES.includes(code) || httpStatus >= 500;
}
