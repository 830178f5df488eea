export { DEFAULT_RETRY_OPTIONS, RetryOptions } from "./retry-options";
export { backoffDelay, retryDelay } from "./retry-decision";
export { REAL_RETRY_ENVIRONMENT, RetryEnvironment, sleep, withRetries } from "./with-retries";
export { AdaptiveRateLimiter, AdaptiveRateOptions } from "./adaptive-rate-limiter";
