import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { CredentialsProvider } from "./credentials";
import type { Endpoint } from "./endpoint";
import type { Operation } from "./operation/operation";
import { AlibabaCloudApiError, isThrottlingCode } from "./errors";
import { AdaptiveRateLimiter, REAL_RETRY_ENVIRONMENT, RetryEnvironment, RetryOptions, withRetries } from "./retry";
import { canonicalQuery, QueryParameters, signRpcCall } from "./signing";
import { exchange } from "./transport/http-exchange";
import { ParsedAnswer, parseAnswer } from "./transport/parse-answer";
import { TransportOptions } from "./transport/transport-options";

export type { Operation };

/** Everything an {@link RpcClient} needs; clock and nonce are injectable for tests. */
export interface RpcClientConfig {
    endpoint: Endpoint;
    credentials: CredentialsProvider;
    transport?: TransportOptions;
    retry?: RetryOptions;
    retryEnvironment?: RetryEnvironment;
    /** A fresh, unique nonce per attempt. Default: 16 random bytes in hex. */
    nonce?: () => string;
    /** The signing clock. Default: `new Date()`. */
    clock?: () => Date;
    /** Flow control shared by every call of this client. Default: a new {@link AdaptiveRateLimiter}. */
    rateLimiter?: AdaptiveRateLimiter;
}

/**
 * Calls RPC-style Alibaba Cloud operations: `POST /` with the parameters in the query string, signed with
 * ACS3-HMAC-SHA256 afresh on every attempt (new date and nonce), through the endpoint's shared keep-alive
 * pool, retried by one policy, answers parsed with a schema.
 */
export class RpcClient {
    readonly endpoint: Endpoint;
    /** The client's shared flow control: every attempt waits on it, every answer informs it. */
    readonly rateLimiter: AdaptiveRateLimiter;
    readonly #config: RpcClientConfig;

    constructor(config: RpcClientConfig) {
        this.endpoint = config.endpoint;
        this.#config = config;
        this.rateLimiter = config.rateLimiter ?? new AdaptiveRateLimiter(config.retryEnvironment ?? REAL_RETRY_ENVIRONMENT);
    }

    /** Calls `operation` with `query` and parses the answer with `schema`, retrying what is retryable. */
    async call<S extends z.ZodType>(operation: Operation, query: QueryParameters, schema: S, signal?: AbortSignal): Promise<ParsedAnswer<z.infer<S>>> {
        const config = this.#config;
        const limiter = this.rateLimiter;
        const path = `/?${canonicalQuery(query)}`;
        return withRetries(
            async () => {
                const sentAt = await limiter.acquire(signal);
                // After the wait: temporary credentials are checked for renewal right before they are used.
                const key = await config.credentials.getCredentials();
                const headers = signRpcCall(
                    { host: config.endpoint.host, action: operation.action, version: operation.version, query },
                    key,
                    (config.clock ?? (() => new Date()))(),
                    (config.nonce ?? (() => randomBytes(16).toString("hex")))(),
                );
                const answer = await exchange(
                    {
                        origin: config.endpoint.origin,
                        method: "POST",
                        path,
                        headers,
                        operation: operation.action,
                        signal,
                    },
                    config.transport,
                );
                try {
                    const parsed = parseAnswer(operation.action, answer, schema);
                    limiter.onAccepted();
                    return parsed;
                } catch (error) {
                    if (error instanceof AlibabaCloudApiError && isThrottlingCode(error.code)) limiter.onThrottled(error.retryAfterMs, sentAt);
                    throw error;
                }
            },
            config.retry ?? {},
            config.retryEnvironment ?? REAL_RETRY_ENVIRONMENT,
            signal,
        );
    }
}
