/** An API operation: its action name and version. */
export interface Operation {
    action: string;
    version: string;
}

/** An operation this package calls on the user's behalf, with the RAM action a policy must allow for it. */
export interface AuthorizedOperation extends Operation {
    ramAction: string;
}

/**
 * Resource Directory's `ListMessageContactVerifications`, product ResourceDirectoryMaster.
 *
 * Its RAM action is `resourcemanager:ListMessageContactVerifications`. The API reference page under "Resource
 * Management > Developer reference" says "There is currently no authorization information disclosed in the API";
 * the same operation's page under "Resource Directory > Developer reference"
 * (api-resourcedirectorymaster-2022-04-19-listmessagecontactverifications) lists the action
 * `resourcemanager:ListMessageContactVerifications`, access level list, on the resource
 * `acs:resourcemanager:*:{#accountId}:messagecontact/{#MessageContactId}`. That spelling is also the only one
 * Resource Management's RAM authorization page allows: its RAM codes are resourcecenter, resourcemanager, tag and
 * resourcesharing (there is no `resourcedirectory` RAM code), and its sibling operations
 * (SendEmailVerificationForMessageContact, ...) are `resourcemanager:` actions on the same resource type.
 */
export const LIST_MESSAGE_CONTACT_VERIFICATIONS: AuthorizedOperation = {
    action: "ListMessageContactVerifications",
    version: "2022-04-19",
    ramAction: "resourcemanager:ListMessageContactVerifications",
};

/**
 * The service codes of the `endpoints` setting that give the API's endpoint, first found wins: Resource
 * Directory's own code, then Resource Manager's (the code Alibaba Cloud's official providers use for Resource
 * Directory's APIs).
 */
export const API_ENDPOINT_CODES = ["resourcedirectory", "resourcemanager"] as const;

/** The service code of the `endpoints` setting that gives STS's endpoint, where `assumeRole` is called. */
export const STS_ENDPOINT_CODE = "sts";

/** Every service code the `endpoints` setting reads, in the order docs list them. */
export const ENDPOINT_CODES = [...API_ENDPOINT_CODES, STS_ENDPOINT_CODE] as const;

/** The largest `PageSize` asked for; the service's own maximum is not documented. */
export const MAX_PAGE_SIZE = 100;

/** Page sizes tried, largest first, when the service rejects a size as invalid. */
export const PAGE_SIZE_FALLBACKS: readonly number[] = [50, 10];

/** A `TotalCount` above this is treated as a broken answer, not as a listing to fetch. */
export const MAX_PLAUSIBLE_TOTAL_COUNT = 1_000_000;
