import * as pulumi from "@pulumi/pulumi";
import { InvalidMockResultError } from "../provider/alibaba-client";
import { FUNCTION_TOKEN } from "../provider/pulumi-names";
import type { GetMessageContactVerificationsArgs, GetMessageContactVerificationsResult } from "./types";

/** The function's token, as Pulumi's mocks (and the provider plugin) know it. */
const GET_MESSAGE_CONTACT_VERIFICATIONS_TOKEN = FUNCTION_TOKEN;

/**
 * Whether the program runs under `pulumi.runtime.setMocks` (a unit test): the runtime's monitor is then the
 * mocks' `MockMonitor`, from the same `@pulumi/pulumi` the program uses (a peer dependency).
 */
export function runningUnderMocks(): boolean {
    const monitor = pulumi.runtime.getMonitor();
    if (monitor === undefined) return false;
    const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as typeof import("@pulumi/pulumi/runtime/mocks");
    return monitor instanceof MockMonitor;
}

/** What a mock returned that is not a result of the function, described for the test's author. */
function resultProblem(value: unknown): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return `expected an object, got ${value === null ? "null" : typeof value}`;
    const result = value as Record<string, unknown>;
    if (typeof result.id !== "string") return "id must be a string";
    if (result.contactId !== undefined && typeof result.contactId !== "string") return "contactId must be a string when present";
    if (!Array.isArray(result.verifications)) return "verifications must be an array of { contactId, target }";
    const bad = result.verifications.findIndex(
        (v: unknown) =>
            typeof v !== "object" ||
            v === null ||
            typeof (v as Record<string, unknown>).contactId !== "string" ||
            typeof (v as Record<string, unknown>).target !== "string",
    );
    if (bad >= 0) return `verifications[${bad}] must be { contactId: string, target: string }`;
    if (result.totalCount !== result.verifications.length) {
        return `totalCount must be verifications.length (${result.verifications.length}), got ${JSON.stringify(result.totalCount)}`;
    }
    return undefined;
}

/**
 * The function as Pulumi's mocks answer it: the mocks' `call` gets the token and the arguments by their names,
 * and what it returns is checked to be a result of the function before the program sees it, so that a test
 * with a malformed mock fails clearly instead of passing wrong data on.
 */
export async function invokeThroughMocks(args: GetMessageContactVerificationsArgs, opts?: pulumi.InvokeOptions): Promise<GetMessageContactVerificationsResult> {
    const inputs = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
    const value: unknown = await pulumi.runtime.invoke(GET_MESSAGE_CONTACT_VERIFICATIONS_TOKEN, inputs, opts);
    const problem = resultProblem(value);
    if (problem !== undefined) {
        throw new InvalidMockResultError(GET_MESSAGE_CONTACT_VERIFICATIONS_TOKEN, problem);
    }
    const result = value as GetMessageContactVerificationsResult;
    return {
        id: result.id,
        ...(result.contactId !== undefined ? { contactId: result.contactId } : {}),
        totalCount: result.totalCount,
        verifications: result.verifications.map((v) => ({ contactId: v.contactId, target: v.target })),
    };
}
