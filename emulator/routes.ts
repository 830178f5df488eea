import { ASSUME_ROLE, assumeRole, AssumeRolePolicy, CredentialIssuer } from "./assume-role";
import { LIST_MESSAGE_CONTACT_VERIFICATIONS, listMessageContactVerifications, OperationResult, PagingPolicy } from "./list-message-contact-verifications";
import { VerificationStore } from "./verification-store";

/** What a route handler gets: the request's parameters and the emulator's data and settings. */
export interface RouteContext {
    /** The decoded parameters: the query (V3), or the query and form body together (V1). */
    query: Readonly<Record<string, string>>;
    store: VerificationStore;
    paging: PagingPolicy;
    /** Issues STS credentials. */
    credentials: CredentialIssuer;
    assumeRole: AssumeRolePolicy;
}

/** One action the emulator answers. */
export interface Route {
    /** The product, for the error body's `Recommend` link. */
    product: string;
    /** The only API version accepted (`x-acs-version`, or the V1 `Version` parameter); else 400 `InvalidVersion`. */
    version: string;
    /** Answers a validly signed request. */
    handle(context: RouteContext): OperationResult<object>;
}

/** Routes by action (`x-acs-action`, or the V1 `Action` parameter). Add an action by adding an entry. */
export type RouteTable = Readonly<Record<string, Route>>;

/** The actions the emulator answers. */
export const ROUTES: RouteTable = {
    [LIST_MESSAGE_CONTACT_VERIFICATIONS.action]: {
        product: LIST_MESSAGE_CONTACT_VERIFICATIONS.product,
        version: LIST_MESSAGE_CONTACT_VERIFICATIONS.version,
        handle: ({ query, store, paging }) => listMessageContactVerifications(query, store, paging),
    },
    [ASSUME_ROLE.action]: {
        product: ASSUME_ROLE.product,
        version: ASSUME_ROLE.version,
        // Any known caller may assume a role, long-term or STS credentials alike (role chaining), as on STS.
        handle: ({ query, credentials, assumeRole: policy }) => assumeRole(query, policy, credentials),
    },
};

/** Looks an action up without falling into `Object.prototype`. */
export function findRoute(routes: RouteTable, action: string): Route | undefined {
    return Object.prototype.hasOwnProperty.call(routes, action) ? routes[action] : undefined;
}
