import { readFile } from "node:fs/promises";
import { z } from "zod";
import { CONTACT_ID_PATTERN } from "./list-message-contact-verifications";
import { EmulatorAccount, Verification } from "./types";

const contactIdSchema = z.string().regex(CONTACT_ID_PATTERN, { error: "must be c- followed by letters and digits" });

/** The JSON layout of a seed file, field names as the API spells them. */
export const seedFileSchema = z
    .strictObject({
        verifications: z.array(z.strictObject({ ContactId: contactIdSchema, Target: z.string().min(1) })),
        contacts: z.array(contactIdSchema).optional(),
        accounts: z
            .array(
                z.strictObject({
                    AccessKeyId: z.string().min(1),
                    AccessKeySecret: z.string().min(1),
                    SecurityToken: z.string().min(1).optional(),
                }),
            )
            .min(1)
            .optional(),
    })
    .superRefine((seed, ctx) => {
        const pairs = new Set<string>();
        seed.verifications.forEach((v, i) => {
            const key = `${v.ContactId}\n${v.Target}`;
            if (pairs.has(key)) ctx.addIssue({ code: "custom", path: ["verifications", i], message: "repeats an earlier (ContactId, Target) pair" });
            pairs.add(key);
        });
        const ids = new Set<string>();
        seed.accounts?.forEach((a, i) => {
            if (ids.has(a.AccessKeyId)) ctx.addIssue({ code: "custom", path: ["accounts", i, "AccessKeyId"], message: "is repeated" });
            ids.add(a.AccessKeyId);
        });
    });

/** The emulator data a seed file holds, ready to spread into {@link EmulatorOptions}. */
export interface SeedData {
    verifications: Verification[];
    contacts: string[];
    /** Present only when the file lists accounts. */
    accounts?: EmulatorAccount[];
}

function formatPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : `${text}${text ? "." : ""}${String(key)}`), "");
}

/**
 * Validates parsed seed JSON. Throws an Error naming `source` and every bad field, e.g.
 * `Seed file seed.json is invalid: verifications[2].ContactId must be c- followed by letters and digits`.
 */
export function parseSeed(json: unknown, source: string): SeedData {
    const result = seedFileSchema.safeParse(json);
    if (!result.success) {
        const problems = result.error.issues.map((issue) => `${formatPath(issue.path) || "(root)"} ${issue.message}`);
        throw new Error(`Seed file ${source} is invalid: ${problems.join("; ")}`);
    }
    const seed = result.data;
    const data: SeedData = {
        verifications: seed.verifications.map((v) => ({ contactId: v.ContactId, target: v.Target })),
        contacts: seed.contacts ?? [],
    };
    if (seed.accounts) {
        data.accounts = seed.accounts.map((a) => {
            const account: EmulatorAccount = { accessKeyId: a.AccessKeyId, accessKeySecret: a.AccessKeySecret };
            if (a.SecurityToken !== undefined) account.securityToken = a.SecurityToken;
            return account;
        });
    }
    return data;
}

/**
 * Reads and validates a JSON seed file:
 * `{"verifications": [{"ContactId", "Target"}], "contacts"?: [id], "accounts"?: [{"AccessKeyId", "AccessKeySecret", "SecurityToken"?}]}`.
 * Throws an Error naming the file when it cannot be read, is not JSON, or has a bad field.
 */
export async function loadSeedFile(path: string): Promise<SeedData> {
    let text: string;
    try {
        text = await readFile(path, "utf8");
    } catch (error) {
        throw new Error(`Seed file ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        throw new Error(`Seed file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return parseSeed(json, path);
}
