import type { z } from "zod";
import { zod } from "../lazy-zod";

function buildErrorAnswerSchema() {
    const z = zod();
    return z.object({
        RequestId: z.string().optional(),
        Code: z.string().min(1),
        Message: z.string().optional(),
        HostId: z.string().optional(),
        Recommend: z.string().optional(),
    });
}

let errorAnswer: ReturnType<typeof buildErrorAnswerSchema> | undefined;

/** The body of every error answer: `{RequestId, Code, Message, HostId, Recommend}`. Only `Code` is required. Built on first use. */
export function errorAnswerSchema(): ReturnType<typeof buildErrorAnswerSchema> {
    errorAnswer ??= buildErrorAnswerSchema();
    return errorAnswer;
}

/** `TotalCount: expected number, received string; ContactVerifications[3].Target: required`. */
export function formatSchemaIssues(error: z.ZodError): string {
    return error.issues
        .slice(0, 5)
        .map((issue) => {
            const path = issue.path.reduce<string>(
                (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
                "",
            );
            return `${path || "(body)"}: ${issue.message}`;
        })
        .join("; ");
}
