import * as pulumi from "@pulumi/pulumi";
import {
    assertValidOptions,
    CALL_ARGUMENT_NAMES,
    deliverResult,
    listingFacts,
    listMessageContactVerifications,
    readOptionsOnce,
    resultValues,
    splitCallArguments,
} from "../provider/alibaba-client";
import { PROGRAM_VOCABULARY } from "../provider/dynamic/stack-config";
import { invokeThroughMocks, runningUnderMocks } from "./mocked-invoke";
import { asPulumiRunError } from "./program-error";
import type {
    GetMessageContactVerificationsOutputOptions,
    GetMessageContactVerificationsArgs,
    GetMessageContactVerificationsOutputArgs,
    GetMessageContactVerificationsResult,
} from "./types";

/**
 * Lists every pending Resource Directory message contact verification, from every page: see
 * {@link GetMessageContactVerificationsResult} for what it returns, and the README's Guarantees for how.
 *
 * <!-- credentials: written by npm run generate from the option table -->
 * Credentials, first found: argument `accessKeyId`/`accessKeySecret` (+ `securityToken`), then stack config
 * `alicloud:accessKey`/`alicloud:secretKey` (+ `alicloud:securityToken`), then stack config `alicloud:profile`,
 * then env `ALICLOUD_ACCESS_KEY`/`ALICLOUD_SECRET_KEY` (+ `ALICLOUD_SECURITY_TOKEN`), then env `ALICLOUD_PROFILE`,
 * then Alibaba Cloud's default chain.
 * <!-- /credentials -->
 * Bad arguments throw before any request is sent. Errors are {@link MessageContactsError}s; left unhandled in
 * a Pulumi program, they are reported by their message alone, without a JavaScript stack.
 *
 * @example
 * ```ts
 * import { getMessageContactVerifications } from "pulumi-alicloud-message-contacts";
 *
 * const pending = await getMessageContactVerifications({ contactId: "c-qL4HqKONzOM7ab" });
 * console.log(`${pending.totalCount} targets to verify`, pending.verifications.map((v) => v.target));
 * ```
 * @param args What to list (`contactId`, `pageSize`), how (`endpoint`, credentials, `concurrency`, ...), and where
 * to write the result (`outputFile`).
 * Under `pulumi.runtime.setMocks` (unit tests), the mocks' `call` answers instead, with the token
 * `alicloud-message-contacts:index:getMessageContactVerifications` and these arguments by name.
 * @param opts Pulumi's invoke options: passed to the mocks; otherwise no provider is involved and they change nothing.
 */
export async function getMessageContactVerifications(
    given: GetMessageContactVerificationsArgs = {},

    opts?: pulumi.InvokeOptions,
): Promise<GetMessageContactVerificationsResult> {
    try {
        // Read once and checked as given: unknown keys (`pagesize`) are refused before any request.
        const args = readOptionsOnce(given);
        assertValidOptions(args, CALL_ARGUMENT_NAMES);
        // In a unit test (`pulumi.runtime.setMocks`), the mocks answer, as for any Pulumi provider's function (and no
        // provider writes an outputFile).
        if (runningUnderMocks()) return await invokeThroughMocks(args, opts);
        const { listing: listingArgs, result: resultArgs } = splitCallArguments(args);
        // Stack config (and @pulumi/pulumi's config module with it) is read on the first call only.
        const { programStackSettings, programCredentialsProvider } = require("./stack-config") as typeof import("./stack-config");
        const settings = programStackSettings();
        const listing = await listMessageContactVerifications({
            ...listingArgs,
            settings,
            vocabulary: PROGRAM_VOCABULARY,
            credentialsProvider: programCredentialsProvider(settings, listingArgs),
        });
        const result = resultValues(listingFacts(listing));
        await deliverResult(resultArgs, result, PROGRAM_VOCABULARY);
        return result;
    } catch (error) {
        throw asPulumiRunError(error);
    }
}

/** The URNs of `dependsOn`, which resolve once those resources are created. */
function dependencyUrns(dependsOn: GetMessageContactVerificationsOutputOptions["dependsOn"]): pulumi.Output<string[]> {
    if (dependsOn === undefined) return pulumi.output([]);
    const list = pulumi.output(dependsOn as pulumi.Input<pulumi.Input<pulumi.Resource>[] | pulumi.Resource>);
    return list.apply((resources) => {
        const array = (Array.isArray(resources) ? resources : [resources]) as pulumi.Resource[];
        return pulumi.all(array.map((resource) => resource.urn));
    });
}

/**
 * The `Output` form of {@link getMessageContactVerifications}: arguments may be `Input`s, and the listing
 * waits for `opts.dependsOn` (for example a `MessageContact` created in the same program) before it runs.
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import { getMessageContactVerificationsOutput } from "pulumi-alicloud-message-contacts";
 *
 * const pending = getMessageContactVerificationsOutput({ pageSize: 50 });
 * export const pendingTargets = pending.verifications.apply((vs) => vs.map((v) => v.target));
 * ```
 */
export function getMessageContactVerificationsOutput(
    args: GetMessageContactVerificationsOutputArgs = {},
    opts?: GetMessageContactVerificationsOutputOptions,
): pulumi.Output<GetMessageContactVerificationsResult> {
    return pulumi
        .all([pulumi.output(args), dependencyUrns(opts?.dependsOn)])
        .apply(([resolved]) => getMessageContactVerifications(resolved as GetMessageContactVerificationsArgs, opts));
}
