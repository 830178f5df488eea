/**
 * The Alibaba Cloud client: signing, credentials, transport, retries, pagination, errors and the option table.
 * It knows nothing of Pulumi or Terraform; everything outside this folder enters it here.
 */
export * from "./errors";
export { CredentialRequest, Credentials, CredentialsProvider, maskIdentifier } from "./credentials/credentials";
export { StaticCredentialsProvider } from "./credentials/static-provider";
export { credentialsFor, CredentialsCache, CredentialSources } from "./credentials/credentials-for";
export { CREDENTIAL_ENV, DEFAULT_CHAIN_PLACES } from "./credentials/library-providers";
export { ChainStep, credentialChainSteps, credentialChainText, DEFAULT_CHAIN_NAME, stepText } from "./credentials/credential-chain";
export { REDACTED, redactValues } from "./credentials/redact-values";
export { DEFAULT_ENDPOINT_HOST, Endpoint, parseEndpoint, isLoopbackHost } from "./endpoint";
export {
    ArgumentName,
    ClientOptions,
    CREDENTIAL_ARGUMENT_NAMES,
    CredentialArgumentName,
    credentialArguments,
    CredentialOptions,
    ListOptions,
    ListQuery,
    ResultArgumentName,
    ResultOptions,
    RuntimeOptions,
    LIST_DEFAULTS,
    splitCallArguments,
} from "./operation/list-options";
export { MessageContactVerification, ResourceOutputValues, ResultValues } from "./outputs/output-values";
export {
    Holding,
    LISTING_DESCRIPTION,
    ListingFacts,
    OUTPUT_DEFINITIONS,
    OUTPUT_NAMES,
    OutputDefinition,
    OutputName,
    OutputPlace,
    OutputPlaces,
    outputsAt,
    outputsHolding,
    requiredOutputsAt,
} from "./outputs/output-table";
export {
    AS_NAMED,
    describe,
    Described,
    listedText,
    Naming,
    ObjectType,
    objectTypesIn,
    OutputField,
    OutputType,
    TypeWriter,
    typeScriptText,
    valueProblem as outputValueProblem,
    writeType,
} from "./outputs/output-types";
export { ListedQuery, listingFacts, outputValuesAt, resourceOutputMaps, resourceOutputValues, resultValues, WithMaps } from "./outputs/output-values-of";
export { deliverResult, OUTPUT_FILE_MODE, outputFilePath, resultFileText, writeFileAtomically } from "./outputs/result-file";
export { queryIdParts, QueryIdParts, verificationsQueryId } from "./operation/query-id";
export {
    API_ENDPOINT_CODES,
    ENDPOINT_CODES,
    LIST_MESSAGE_CONTACT_VERIFICATIONS,
    MAX_PAGE_SIZE,
    PAGE_SIZE_FALLBACKS,
    STS_ENDPOINT_CODE,
} from "./operation/operation";
export * from "./options";
export * from "./signing";
export { DEFAULT_RETRY_OPTIONS } from "./retry/retry-options";
export {
    DEFAULT_STS_HOST,
    limitText,
    LimitSource,
    ListingLimits,
    optionFromEnv,
    resolveCallEndpoint,
    resolveLimits,
    resolveListingLimits,
    resolveStsEndpoint,
} from "./resolve-settings";
export type { VerificationListing } from "./list-message-contact-verifications";

// The listing and the transport (undici, zod) load on first use, so that importing the client costs little.
import type * as ListingModule from "./list-message-contact-verifications";
import type * as PoolsModule from "./transport/connection-pools";
import type { ListOptions } from "./operation/list-options";

/**
 * Lists every pending message contact verification, from every page: validated arguments, endpoint and
 * credentials resolved, pages fetched concurrently and checked to form one consistent snapshot (see
 * `list-message-contact-verifications.ts`). Loads the client on the first call.
 */
export function listMessageContactVerifications(options?: ListOptions): Promise<ListingModule.VerificationListing> {
    return (require("./list-message-contact-verifications") as typeof ListingModule).listMessageContactVerifications(options);
}

/** Closes every endpoint's connection pool (a CLI or a benchmark that wants to exit at once). */
export function closeAllPools(): Promise<void> {
    return (require("./transport/connection-pools") as typeof PoolsModule).closeAllPools();
}
