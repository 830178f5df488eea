/** The plugin's function, `getMessageContactVerifications`: the TypeScript get function's arguments and result. */
import { CredentialsProvider, resolveCredentialsProvider } from "../alibaba-client/credentials";
import { listMessageContactVerifications } from "../alibaba-client/list-message-contact-verifications";
import { verificationsQueryId } from "../alibaba-client/operation/query-id";
import { argumentProblems, VALIDATED_FIELDS } from "../alibaba-client/operation/validate-options";
import type { StackSettings } from "../alibaba-client/stack-settings";
import type { PropertyFailure, Props } from "../listing-resource";

/** What the function returns: failures for bad arguments (nothing is sent then), else the listing. */
export type FunctionResult = { failures: PropertyFailure[]; outputs?: undefined } | { failures: []; outputs: Props };

/**
 * Lists with `args` (secrets revealed) and the provider's settings. Credentials in the arguments win over the
 * provider's (as in the TypeScript function). A bad argument is a failure naming it, before any request; an
 * error from the service or the network is thrown as the package's typed error. `signal`, where given, aborts the
 * listing and its requests (then its reason is thrown).
 */
export async function getMessageContactVerifications(
    args: Props,
    settings: StackSettings,
    providerCredentials: () => CredentialsProvider,
    signal?: AbortSignal,
): Promise<FunctionResult> {
    const problems = argumentProblems(args, VALIDATED_FIELDS);
    if (problems.length > 0) return { failures: problems.map((p) => ({ property: p.field, reason: p.message })) };
    const explicit = args.accessKeyId !== undefined || args.accessKeySecret !== undefined || args.securityToken !== undefined;
    const credentialsProvider = explicit ? resolveCredentialsProvider({ explicit: args, stack: settings }) : providerCredentials();
    const listing = await listMessageContactVerifications({ ...args, stack: settings, credentialsProvider, ...(signal ? { signal } : {}) });
    return {
        failures: [],
        outputs: {
            id: verificationsQueryId(listing.endpointHost, listing.contactId),
            ...(listing.contactId !== undefined ? { contactId: listing.contactId } : {}),
            totalCount: listing.totalCount,
            verifications: listing.verifications,
        },
    };
}
