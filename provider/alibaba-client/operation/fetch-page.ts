import type { MessageContactVerification } from "../outputs/output-values";
import { LIST_MESSAGE_CONTACT_VERIFICATIONS } from "./operation";
import { listPageSchema } from "./list-page-guard";
import type { Page } from "../pagination/page";
import type { RpcClient } from "../rpc-client";

/**
 * Fetches one page of `ListMessageContactVerifications` and maps it to camelCase. Contact IDs go through
 * `contactIds`, so that a long listing holds one string per contact rather than one per item.
 */
export async function fetchVerificationsPage(
    client: RpcClient,
    query: { contactId?: string; pageNumber: number; pageSize: number },
    signal?: AbortSignal,
    contactIds: Map<string, string> = new Map(),
): Promise<Page<MessageContactVerification>> {
    const parameters: Record<string, string> = { PageNumber: String(query.pageNumber), PageSize: String(query.pageSize) };
    if (query.contactId !== undefined) parameters.ContactId = query.contactId;
    const { data, requestId } = await client.call(LIST_MESSAGE_CONTACT_VERIFICATIONS, parameters, listPageSchema, { signal });
    return {
        pageNumber: data.PageNumber,
        pageSize: data.PageSize,
        totalCount: data.TotalCount,
        requestId,
        items: camelCaseItems(data.ContactVerifications ?? [], contactIds),
    };
}

/** The page's items in camelCase, contact IDs interned; a loop into a sized array (this runs for every item). */
function camelCaseItems(raw: readonly { ContactId: string; Target: string }[], contactIds: Map<string, string>): MessageContactVerification[] {
    const items = new Array<MessageContactVerification>(raw.length);
    for (let i = 0; i < raw.length; i++) {
        const v = raw[i] as { ContactId: string; Target: string };
        items[i] = { contactId: intern(contactIds, v.ContactId), target: v.Target };
    }
    return items;
}

function intern(strings: Map<string, string>, value: string): string {
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
}
