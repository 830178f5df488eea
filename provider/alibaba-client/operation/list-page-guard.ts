import { withFastPath } from "../transport/fast-path-schema";
import { ListPageAnswer, listPageZodSchema } from "./response-schema";

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
    return typeof value === "string" && value.length > 0;
}

function isVerification(value: unknown): boolean {
    return isObject(value) && isNonEmptyString(value.ContactId) && isNonEmptyString(value.Target);
}

/**
 * The answers `listPageSchema` accepts, checked by hand without copying: the schema's fast path (see
 * `withFastPath`). Whatever this rejects goes to the schema, which names the problem.
 */
export function isListPageAnswer(value: unknown): value is ListPageAnswer {
    if (!isObject(value)) return false;
    const { RequestId, TotalCount, PageSize, PageNumber, ContactVerifications } = value;
    if (RequestId !== undefined && typeof RequestId !== "string") return false;
    if (!Number.isSafeInteger(TotalCount) || (TotalCount as number) < 0) return false;
    if (!Number.isSafeInteger(PageSize) || (PageSize as number) <= 0) return false;
    if (!Number.isSafeInteger(PageNumber) || (PageNumber as number) <= 0) return false;
    if (ContactVerifications === undefined) return TotalCount === 0;
    if (!Array.isArray(ContactVerifications)) return false;
    for (const item of ContactVerifications) if (!isVerification(item)) return false;
    return true;
}

/** What pages are parsed with: {@link listPageZodSchema} behind a hand-written guard that does not copy the page. */
export const listPageSchema = withFastPath(listPageZodSchema, isListPageAnswer);
