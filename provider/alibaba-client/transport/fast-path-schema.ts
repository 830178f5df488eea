import type { z } from "zod";

/** What an answer is parsed with: a zod schema, or one with a {@link withFastPath fast path} in front. */
export interface AnswerSchema<T> {
    safeParse(value: unknown): { success: true; data: T } | { success: false; error: z.ZodError };
}

/**
 * `schema` with a hand-written type guard in front, for answers parsed thousands of times per listing. The
 * zod schema stays the contract: a value the guard accepts is returned as it is (unknown keys included, not
 * copied), and any other value goes to the schema, which rejects it with its own issues, or accepts it when the
 * guard was stricter than it. The guard must accept nothing the schema rejects: a property test holds the two
 * together. `schema` is called only when the guard refuses a value, so zod loads only then.
 */
export function withFastPath<S extends z.ZodType>(schema: () => S, guard: (value: unknown) => value is z.infer<S>): AnswerSchema<z.infer<S>> {
    return {
        safeParse(value) {
            return guard(value) ? { success: true, data: value } : schema().safeParse(value);
        },
    };
}
