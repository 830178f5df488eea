import { isDeepStrictEqual } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { InvalidMockResultError, MessageContactVerification, OUTPUT_DEFINITIONS, outputValueProblem, resultValues } from "../provider/alibaba-client";
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

/**
 * The result a mock's answer stands for: the listing it gives (`id`, `contactId` when filtered, `verifications`)
 * with every other output of the result computed from it, as the function computes it; or what is wrong with
 * it, for the test's author. An output the mock gives besides must be what the function would compute.
 */
function mockedResult(value: unknown): { result: GetMessageContactVerificationsResult; problem?: undefined } | { problem: string } {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return { problem: `expected an object, got ${value === null ? "null" : typeof value}` };
    const given = value as Record<string, unknown>;
    const { id, contactId, verifications } = OUTPUT_DEFINITIONS;
    const problem =
        outputValueProblem(id.type, given.id, "id") ??
        (given.contactId === undefined ? undefined : outputValueProblem(contactId.type, given.contactId, "contactId")) ??
        outputValueProblem(verifications.type, given.verifications, "verifications");
    if (problem !== undefined) return { problem };
    const result = resultValues({
        queryId: () => given.id as string,
        ...(given.contactId !== undefined ? { contactId: given.contactId as string } : {}),
        verifications: given.verifications as MessageContactVerification[],
    });
    for (const [name, computed] of Object.entries(result)) {
        if (given[name] !== undefined && !isDeepStrictEqual(given[name], computed)) {
            return { problem: `${name} must be ${JSON.stringify(computed)}, as computed from the verifications given; got ${JSON.stringify(given[name])}` };
        }
    }
    return { result };
}

/**
 * The function as Pulumi's mocks answer it: the mocks' `call` gets the token and the arguments by their names,
 * and what it returns is checked to be a result of the function before the program sees it, so that a test
 * with a malformed mock fails clearly instead of passing wrong data on.
 */
export async function invokeThroughMocks(args: GetMessageContactVerificationsArgs, opts?: pulumi.InvokeOptions): Promise<GetMessageContactVerificationsResult> {
    const inputs = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
    const value: unknown = await pulumi.runtime.invoke(GET_MESSAGE_CONTACT_VERIFICATIONS_TOKEN, inputs, opts);
    const mocked = mockedResult(value);
    if (mocked.problem !== undefined) throw new InvalidMockResultError(GET_MESSAGE_CONTACT_VERIFICATIONS_TOKEN, mocked.problem);
    return mocked.result;
}
