import { randomUUID } from "node:crypto";
import type { CredentialsProvider } from "./credentials/credentials";
import type { Endpoint } from "./endpoint";
import type { Operation } from "./operation/operation";
import { AlibabaCloudApiError, isThrottlingCode } from "./errors";
import {
    AdaptiveRateLimiter,
    cappedRetryAfter,
    FinalFailure,
    normalizeRetryOptions,
    REAL_RETRY_ENVIRONMENT,
    RetryBounds,
    RetryEnvironment,
    RetryOptions,
    withRetries,
} from "./retry";
import { QueryParameters, signRpcRequest } from "./signing";
import type { AnswerSchema } from "./transport/fast-path-schema";
import type { ByteBudget } from "./transport/byte-budget";
import { exchange, ExchangeLimitNames } from "./transport/http-exchange";
import { ParsedAnswer, parseAnswer } from "./transport/parse-answer";
import { TransportOptions } from "./transport/transport-options";

export type { Operation };

/** The bounds of one call: a cancel signal, and what overrides the client's deadline and retry policy. */
export interface CallRequest extends RetryBounds {
    retry?: RetryOptions;
}

/** Everything an {@link RpcClient} needs; clock and nonce are injectable for tests. */
export interface RpcClientConfig {
    endpoint: Endpoint;
    credentials: CredentialsProvider;
    transport?: TransportOptions;
    retry?: RetryOptions;
    retryEnvironment?: RetryEnvironment;
    /** A fresh, unique nonce per attempt. Default: a random UUID (122 random bits, from a pool: cheaper than fresh bytes per request). */
    nonce?: () => string;
    /** The signing clock. Default: `new Date()`. */
    clock?: () => Date;
    /** Flow control shared by every call of this client. Default: a new {@link AdaptiveRateLimiter}. */
    rateLimiter?: AdaptiveRateLimiter;
    /** When the caller's time is up (epoch ms on the retry environment's clock): no retry waits past it. */
    deadline?: number;
    /** {@link deadline} as messages name it, in the caller's words (`the 300000 ms default of argument timeoutMs`). */
    deadlineName?: string;
    /** The bytes every answer of this client may take in all (`maxListingBytes`). Default: no budget. */
    byteBudget?: ByteBudget;
    /** The limits of each exchange as messages name them, in the caller's words. */
    limitNames?: ExchangeLimitNames;
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
    /** The client's retry policy, defaults filled in once. */
    readonly #retry: Required<RetryOptions>;

    constructor(config: RpcClientConfig) {
        this.endpoint = config.endpoint;
        this.#config = config;
        this.#retry = normalizeRetryOptions(config.retry);
        this.rateLimiter = config.rateLimiter ?? new AdaptiveRateLimiter(config.retryEnvironment ?? REAL_RETRY_ENVIRONMENT);
    }

    /**
     * Calls `operation` with `query` and parses the answer with `schema`, retrying what is retryable within
     * `request`'s bounds (signal, deadline, retry policy; each defaults to the client's).
     */
    async call<T>(operation: Operation, query: QueryParameters, schema: AnswerSchema<T>, request: CallRequest = {}): Promise<ParsedAnswer<T>> {
        const config = this.#config;
        const limiter = this.rateLimiter;
        const { signal } = request;
        const retry = request.retry ? normalizeRetryOptions({ ...config.retry, ...request.retry }) : this.#retry;
        const bounds: RetryBounds = {
            signal,
            deadline: request.deadline ?? config.deadline,
            deadlineName: request.deadline !== undefined ? request.deadlineName : config.deadlineName,
        };
        return withRetries(
            async () => {
                const sentAt = await limiter.acquire(signal);
                // After the wait: temporary credentials are checked for renewal right before they are used. A
                // failure to get them is final here: the credentials provider retries (or not) on its own.
                const key = await config.credentials.getCredentials({ ...bounds, retry }).catch((error: unknown) => {
                    throw new FinalFailure(error);
                });
                // What is sent is what was signed: the signer returns the path holding the query it signed.
                const { path, headers } = signRpcRequest(
                    { host: config.endpoint.host, action: operation.action, version: operation.version, query },
                    key,
                    (config.clock ?? (() => new Date()))(),
                    (config.nonce ?? randomUUID)(),
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
                    config.byteBudget,
                    config.limitNames,
                );
                try {
                    const parsed = parseAnswer(operation.action, answer, schema);
                    limiter.onAccepted();
                    return parsed;
                } catch (error) {
                    if (error instanceof AlibabaCloudApiError && isThrottlingCode(error.code)) {
                        limiter.onThrottled(cappedRetryAfter(error, retry), sentAt);
                    }
                    throw error;
                }
            },
            retry,
            config.retryEnvironment ?? REAL_RETRY_ENVIRONMENT,
            bounds,
        );
    }
}
