/** The plugin's function, `getMessageContactVerifications`: the TypeScript get function's arguments and result. */
import {
    argumentProblems,
    CALL_ARGUMENT_NAMES,
    credentialArguments,
    CredentialOptions,
    CredentialsProvider,
    deliverResult,
    listingFacts,
    listMessageContactVerifications,
    OutputFileError,
    ProviderSettings,
    resultValues,
    splitCallArguments,
} from "../alibaba-client";
import type { PropertyFailure, Props } from "../listing-resource";
import { FUNCTION_VOCABULARY } from "./plugin-config";

/**
 * What the function returns: failures for bad arguments (nothing is sent then) or an `outputFile` that could not be
 * written, else the listing.
 */
export type FunctionResult = { failures: PropertyFailure[]; outputs?: undefined } | { failures: []; outputs: Props };

/** What the function needs of the provider that serves it. */
export interface FunctionHost {
    /** The provider's settings (throws the configuration's error, if it had one). */
    settings(): ProviderSettings;
    /** Credentials for a call: its credential arguments, else the provider's; cached per provider. */
    credentials(call: { arguments: CredentialOptions; stsEndpoint: string | undefined }): CredentialsProvider;
}

/**
 * Lists with `args` (secrets revealed) and the provider's settings. Credentials in the arguments win over the
 * provider's (as in the TypeScript function). A bad argument is a failure naming it, before any request; an
 * error from the service or the network is thrown as the package's typed error. `secretArgs` names the
 * arguments that came as secrets: a secret `contactId` is not written out in the id. With `outputFile`, the result
 * is written there too (see `result-file.ts`); a failure to write it is a failure naming `outputFile`.
 */
export async function getMessageContactVerifications(
    args: Props,
    host: FunctionHost,
    secretArgs: readonly string[] = [],
    signal?: AbortSignal,
): Promise<FunctionResult> {
    const problems = argumentProblems(args, CALL_ARGUMENT_NAMES);
    if (problems.length > 0) return { failures: problems.map((p) => ({ property: p.field, reason: p.message })) };
    const { stsEndpoint } = args as { stsEndpoint?: string };
    const credentialsProvider = host.credentials({ arguments: credentialArguments(args), stsEndpoint });
    const { listing: listingArgs, result: resultArgs } = splitCallArguments(args);
    const listing = await listMessageContactVerifications({
        ...listingArgs,
        settings: host.settings(),
        vocabulary: FUNCTION_VOCABULARY,
        credentialsProvider,
        ...(signal ? { signal } : {}),
    });
    const result = resultValues(listingFacts(listing, secretArgs.includes("contactId")));
    try {
        await deliverResult(resultArgs, result, FUNCTION_VOCABULARY);
    } catch (error) {
        if (error instanceof OutputFileError) return { failures: [{ property: error.field, reason: error.message }] };
        throw error;
    }
    return { failures: [], outputs: { ...result } };
}
