import type { AnswerSchema } from "./fast-path-schema";
import { AlibabaCloudApiError, InvalidResponseError } from "../errors";
import { errorAnswerSchema, formatSchemaIssues } from "./answer-schemas";
import type { HttpAnswer } from "./http-exchange";
import { redactCredentials } from "./redact-credentials";

/** A successful answer, parsed, with the RequestId it came with. */
export interface ParsedAnswer<T> {
    data: T;
    requestId?: string;
}

function headerValue(answer: HttpAnswer, name: string): string | undefined {
    const value = answer.headers[name];
    return typeof value === "string" ? value : undefined;
}

function describeUnparsableBody(text: string, contentType: string | undefined): string {
    const trimmed = text.trimStart();
    if (trimmed === "") return "the body is empty";
    if (trimmed.startsWith("<") || contentType?.includes("html")) {
        return "the body is an HTML page, not JSON (a proxy or gateway answered instead of the API)";
    }
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) return "the body is truncated or invalid JSON";
    return "the body is not JSON";
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
    try {
        return { ok: true, value: JSON.parse(text) };
    } catch {
        return { ok: false };
    }
}

function requestIdOf(value: unknown): string | undefined {
    const id = (value as { RequestId?: unknown } | null)?.RequestId;
    return typeof id === "string" ? id : undefined;
}

/**
 * Turns an HTTP answer into parsed data or a typed error: an error answer becomes
 * {@link AlibabaCloudApiError}; a body that is not JSON or not of the expected shape becomes
 * {@link InvalidResponseError} naming what was wrong. Never returns a default or empty value instead.
 */
export function parseAnswer<T>(operation: string, answer: HttpAnswer, schema: AnswerSchema<T>): ParsedAnswer<T> {
    const text = answer.body.toString("utf8");
    const json = parseJson(text);
    const headerRequestId = headerValue(answer, "x-acs-request-id");
    const requestId = (json.ok ? requestIdOf(json.value) : undefined) ?? headerRequestId;
    const invalid = (problem: string) =>
        new InvalidResponseError({ operation, httpStatus: answer.status, requestId, problem, bodyExcerpt: redactCredentials(text) });

    if (answer.status < 200 || answer.status >= 300) {
        const error = json.ok ? errorAnswerSchema().safeParse(json.value) : undefined;
        if (!error?.success) {
            throw invalid(json.ok ? "an error status without an error code in the body" : describeUnparsableBody(text, headerValue(answer, "content-type")));
        }
        const retryAfter = Number(headerValue(answer, "x-acs-retry-after"));
        throw new AlibabaCloudApiError({
            operation,
            httpStatus: answer.status,
            code: error.data.Code,
            message: error.data.Message ?? "",
            requestId,
            hostId: error.data.HostId,
            recommend: error.data.Recommend,
            retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
        });
    }
    if (!json.ok) throw invalid(describeUnparsableBody(text, headerValue(answer, "content-type")));
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) throw invalid(formatSchemaIssues(parsed.error));
    return { data: parsed.data, requestId };
}
