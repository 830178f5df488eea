export { DEFAULT_RETRY_OPTIONS, normalizeRetryOptions, RetryOptions } from "./retry-options";
export { backoffDelay, cappedRetryAfter, retryDelay } from "./retry-decision";
export { FinalFailure, REAL_RETRY_ENVIRONMENT, RetryBounds, RetryEnvironment, sleep, withRetries } from "./with-retries";
export { AdaptiveRateLimiter, AdaptiveRateOptions } from "./adaptive-rate-limiter";
