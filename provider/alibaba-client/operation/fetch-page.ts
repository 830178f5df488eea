import { MessageContactVerification } from "./verification";
import { LIST_MESSAGE_CONTACT_VERIFICATIONS } from "./operation";
import { listPageSchema } from "./response-schema";
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
        items: (data.ContactVerifications ?? []).map((v) => ({ contactId: intern(contactIds, v.ContactId), target: v.Target })),
    };
}

function intern(strings: Map<string, string>, value: string): string {
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
}
