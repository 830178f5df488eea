import {
    LIST_MESSAGE_CONTACT_VERIFICATIONS,
    listMessageContactVerifications,
    OperationResult,
    PagingPolicy,
} from "./list-message-contact-verifications";
import { VerificationStore } from "./verification-store";

/** What a route handler gets: the decoded query and the emulator's data and settings. */
export interface RouteContext {
    query: Readonly<Record<string, string>>;
    store: VerificationStore;
    paging: PagingPolicy;
}

/** One action the emulator answers. */
export interface Route {
    /** The product, for the error body's `Recommend` link. */
    product: string;
    /** The only `x-acs-version` accepted; anything else answers 400 `InvalidVersion`. */
    version: string;
    /** Answers a validly signed request. */
    handle(context: RouteContext): OperationResult<object>;
}

/** Routes by `x-acs-action`. Add an action (say STS `AssumeRole`) by adding an entry. */
export type RouteTable = Readonly<Record<string, Route>>;

/** The actions the emulator answers. */
export const ROUTES: RouteTable = {
    [LIST_MESSAGE_CONTACT_VERIFICATIONS.action]: {
        product: LIST_MESSAGE_CONTACT_VERIFICATIONS.product,
        version: LIST_MESSAGE_CONTACT_VERIFICATIONS.version,
        handle: ({ query, store, paging }) => listMessageContactVerifications(query, store, paging),
    },
};

/** Looks an action up without falling into `Object.prototype`. */
export function findRoute(routes: RouteTable, action: string): Route | undefined {
    return Object.prototype.hasOwnProperty.call(routes, action) ? routes[action] : undefined;
}
