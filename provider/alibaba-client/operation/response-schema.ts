import type { z } from "zod";
import { zod } from "../lazy-zod";

function buildListPageSchema() {
    const z = zod();
    // One verification as the service returns it.
    const contactVerificationSchema = z.object({
        ContactId: z.string().min(1),
        Target: z.string().min(1),
    });
    return z
        .object({
            RequestId: z.string().optional(),
            TotalCount: z.number().int().nonnegative(),
            PageSize: z.number().int().positive(),
            PageNumber: z.number().int().positive(),
            ContactVerifications: z.array(contactVerificationSchema).optional(),
        })
        .refine((page) => page.ContactVerifications !== undefined || page.TotalCount === 0, {
            message: "ContactVerifications is missing although TotalCount is above 0",
            path: ["ContactVerifications"],
        });
}

let listPage: ReturnType<typeof buildListPageSchema> | undefined;

/**
 * One page of `ListMessageContactVerifications`; only the fields this package reads. The contract, built on first
 * use (zod loads only when a page fails its quick guard, or for the tests that hold the two together).
 */
export function listPageZodSchema(): ReturnType<typeof buildListPageSchema> {
    listPage ??= buildListPageSchema();
    return listPage;
}

/** A parsed page as the service sent it. */
export type ListPageAnswer = z.infer<ReturnType<typeof buildListPageSchema>>;
