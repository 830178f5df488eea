/**
 * The listing users write today with Alibaba Cloud's generic official client, `@alicloud/openapi-client`:
 * one `callApi` per page, built exactly as the generated SDK's `listMessageContactVerificationsWithOptions`
 * builds it (`OpenApiUtil.query(query)`, RPC `Params`, `new $Util.RuntimeOptions({})`), `PageNumber++`
 * until `TotalCount` items have arrived.
 */
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import OpenApiUtil from "@alicloud/openapi-util";
import * as $Util from "@alicloud/tea-util";

export interface OfficialListing {
    items: { ContactId: string; Target: string }[];
    totalCount: number;
    pages: number;
}

interface PageBody {
    TotalCount?: number;
    ContactVerifications?: { ContactId: string; Target: string }[];
}

/** A client for an endpoint URL such as `http://127.0.0.1:port` (host:port goes in `endpoint`, http in `protocol`). */
export function officialClient(url: string, accessKeyId: string, accessKeySecret: string): OpenApi {
    const { host, protocol } = new URL(url);
    return new OpenApi(
        new $OpenApi.Config({
            accessKeyId,
            accessKeySecret,
            endpoint: host,
            protocol: protocol.replace(":", ""),
            // V3 signing, as the generated SDKs do by default.
            signatureAlgorithm: "ACS3-HMAC-SHA256",
        }),
    );
}

const PARAMS = {
    action: "ListMessageContactVerifications",
    version: "2022-04-19",
    protocol: "HTTP",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
} as const;

/** Lists every page sequentially, as a user's loop does; throws if a page is empty before TotalCount is reached. */
export async function listWithOfficialClient(client: OpenApi, pageSize: number): Promise<OfficialListing> {
    const items: OfficialListing["items"] = [];
    let totalCount = Number.POSITIVE_INFINITY;
    let pages = 0;
    for (let pageNumber = 1; items.length < totalCount; pageNumber++) {
        const request = new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query({ PageNumber: pageNumber, PageSize: pageSize }) });
        const response = await client.callApi(new $OpenApi.Params({ ...PARAMS }), request, new $Util.RuntimeOptions({}));
        const body = (response["body"] ?? {}) as PageBody;
        pages++;
        if (typeof body.TotalCount !== "number") throw new Error(`page ${pageNumber}: no TotalCount in ${JSON.stringify(body).slice(0, 200)}`);
        totalCount = body.TotalCount;
        const page = body.ContactVerifications ?? [];
        if (page.length === 0 && items.length < totalCount) throw new Error(`page ${pageNumber} is empty with ${items.length}/${totalCount} listed`);
        items.push(...page);
    }
    return { items, totalCount, pages };
}
