import { credentialsFor } from "./credentials/credentials-for";
import { AlibabaCloudApiError, TransportError } from "./errors";
import { ListOptions, RUNTIME_OPTION_NAMES } from "./operation/list-options";
import { LIST_MESSAGE_CONTACT_VERIFICATIONS, PAGE_SIZE_FALLBACKS } from "./operation/operation";
import { fetchVerificationsPage } from "./operation/fetch-page";
import { ARGUMENT_NAMES } from "./options/option-table";
import { CLIENT_VOCABULARY } from "./options/places";
import { assertValidOptions, readOptionsOnce } from "./options/validate-options";
import type { MessageContactVerification } from "./outputs/output-values";
import { collectAllPages } from "./pagination/collect-all-pages";
import { limitText, resolveCallEndpoint, resolveLimits } from "./resolve-settings";
import { RpcClient } from "./rpc-client";
import { ByteBudget } from "./transport/byte-budget";
import { allowListenersFor } from "./transport/signal-listeners";

/** A complete listing of pending verifications. */
export interface VerificationListing {
    /** The contact the listing was filtered to, if any. */
    contactId?: string;
    /** The service's TotalCount; always equal to `verifications.length`. */
    totalCount: number;
    /** Every pending verification, in the service's order. */
    verifications: MessageContactVerification[];
    /** The endpoint host that answered. */
    endpointHost: string;
    /** The page size the service used. */
    pageSize: number;
    /** Pages fetched. */
    pages: number;
    /** Listings attempted (above 1 when the data changed while it was read). */
    listings: number;
}

/** Whether an error is the service refusing the asked page size (so a smaller one is worth trying). */
export function isPageSizeRejected(error: unknown): boolean {
    return (
        error instanceof AlibabaCloudApiError &&
        error.httpStatus === 400 &&
        (error.code === "InvalidParameter.PageSize" || (error.code.startsWith("InvalidParameter") && /PageSize/i.test(error.serviceMessage)))
    );
}

/**
 * Lists every pending message contact verification, from every page: validated arguments, endpoint and
 * credentials resolved, pages fetched concurrently and checked to form one consistent snapshot.
 * @throws InvalidArgumentError before any request, for a bad argument.
 * @throws AlibabaCloudApiError for an error answer, InvalidResponseError for an unusable one, TransportError
 *   for a network failure or the time limit, InconsistentListingError when the data keeps changing.
 */
export async function listMessageContactVerifications(given: ListOptions = {}): Promise<VerificationListing> {
    const options = readOptionsOnce(given);
    assertValidOptions(options, ARGUMENT_NAMES, RUNTIME_OPTION_NAMES, (options as ListOptions | null | undefined)?.vocabulary);
    const env = options.env ?? process.env;
    const settings = options.settings ?? {};
    const vocabulary = options.vocabulary ?? CLIENT_VOCABULARY;
    const endpoint = resolveCallEndpoint(options, settings, env, vocabulary);
    const credentials = options.credentialsProvider ?? credentialsFor({ arguments: options, settings, vocabulary, stsEndpoint: options.stsEndpoint, env });
    const { limits, sources } = resolveLimits(options, settings, options.limitDefaults);
    const { timeoutMs, concurrency } = limits;
    // Each limit named in messages as the caller's users set it, with where this one came from.
    const named = (name: "timeoutMs" | "requestTimeoutMs" | "maxResponseBytes" | "maxListingBytes") => limitText(name, limits[name], sources[name], vocabulary);
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    allowListenersFor(signal, concurrency);
    const client = new RpcClient({
        endpoint,
        credentials,
        deadline: Date.now() + timeoutMs,
        deadlineName: named("timeoutMs"),
        byteBudget: new ByteBudget(limits.maxListingBytes, named("maxListingBytes")),
        retry: { maxAttempts: limits.maxAttempts },
        transport: { maxResponseBytes: limits.maxResponseBytes, headersTimeoutMs: limits.requestTimeoutMs, bodyTimeoutMs: limits.requestTimeoutMs },
        limitNames: { maxResponseBytes: named("maxResponseBytes"), answerTimeout: named("requestTimeoutMs") },
    });
    const { contactId } = options;
    // One string per contact ID for the whole listing, instead of one per item.
    const contactIds = new Map<string, string>();
    try {
        const collected = await collectAllPages<MessageContactVerification>({
            operation: LIST_MESSAGE_CONTACT_VERIFICATIONS.action,
            fetchPage: (pageNumber, pageSize, pageSignal) =>
                fetchVerificationsPage(client, { contactId, pageNumber, pageSize }, pageSignal ?? signal, contactIds),
            pageSize: limits.pageSize,
            pageSizeFallbacks: PAGE_SIZE_FALLBACKS,
            isPageSizeRejected,
            concurrency,
            maxListings: limits.maxListings,
            confirm: limits.consistency === "snapshot",
            itemKey: (v) => [v.contactId, v.target],
            onProgress: options.onProgress,
            signal,
        });
        return {
            ...(contactId !== undefined ? { contactId } : {}),
            totalCount: collected.totalCount,
            verifications: collected.items,
            endpointHost: endpoint.host,
            pageSize: collected.pageSize,
            pages: collected.pages,
            listings: collected.listings,
        };
    } catch (error) {
        if (deadline.aborted && !options.signal?.aborted) {
            throw new TransportError("Timeout", LIST_MESSAGE_CONTACT_VERIFICATIONS.action, `the listing did not finish within ${named("timeoutMs")}`, error);
        }
        throw error;
    }
}
