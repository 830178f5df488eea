import { z } from "zod";

/** The body of every error answer: `{RequestId, Code, Message, HostId, Recommend}`. Only `Code` is required. */
export const errorAnswerSchema = z.object({
    RequestId: z.string().optional(),
    Code: z.string().min(1),
    Message: z.string().optional(),
    HostId: z.string().optional(),
    Recommend: z.string().optional(),
});

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
