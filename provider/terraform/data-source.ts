/**
 * The data source `alicloudmessagecontacts_verifications`, read: the whole listing, or an error, never part of it
 * (its configuration checked first by `data-source-config.ts`). A configuration with unknown values is not read:
 * its outputs are unknown until apply.
 */
import {
    CredentialsProvider,
    deliverResult,
    listingFacts,
    listMessageContactVerifications,
    OutputFileError,
    ProviderSettings,
    splitCallArguments,
} from "../alibaba-client";
import { containsUnknown, CtyValue, isObject, UNKNOWN } from "./cty-msgpack";
import { listingArguments } from "./data-source-config";
import { errorDiagnostic } from "./error-diagnostics";
import { DATA_SOURCE_OUTPUTS, outputAttributeOf, outputAttributes } from "./output-attributes";
import { attributeError } from "./provider-config";
import { TERRAFORM_VOCABULARY } from "./terraform-names";
import type { Diagnostic } from "./tfplugin6-messages";

/** What a read needs of the configured provider. */
export interface ReadHost {
    /** The provider's settings. */
    settings: ProviderSettings;
    /** Provider attributes not known yet: nothing is read until they are. */
    unknownProviderAttributes: readonly string[];
    /** The credentials of the provider's reads. */
    credentials(): CredentialsProvider;
}

/** The answer of a read: the new state, or unknown outputs and why; and diagnostics. */
export interface ReadResult {
    state?: CtyValue;
    diagnostics: Diagnostic[];
    deferred?: "RESOURCE_CONFIG_UNKNOWN" | "PROVIDER_CONFIG_UNKNOWN";
}

/** The configuration with every computed output unknown: the state of a read deferred to apply. */
function unknownOutputs(config: CtyValue): CtyValue {
    return { ...(isObject(config) ? config : {}), ...Object.fromEntries(DATA_SOURCE_OUTPUTS.map((name) => [outputAttributeOf(name), UNKNOWN])) };
}

/**
 * ReadDataSource of a configuration already checked against the schema (`config-shape.ts`): the configuration
 * with the listing's outputs, also written to `output_file` when it is set (the computed attributes as JSON, see
 * `result-file.ts`; a failure to write is an error at `output_file`). Unknown arguments (a contact_id from a
 * resource not created yet) or provider attributes give unknown outputs, deferred when the CLI allows it.
 */
export async function readDataSource(config: CtyValue, host: ReadHost, deferralAllowed: boolean, signal?: AbortSignal): Promise<ReadResult> {
    // A wholly unknown configuration: the whole state is unknown (as terraform-plugin-framework answers a deferral).
    if (config === UNKNOWN) return { state: UNKNOWN, diagnostics: [], ...(deferralAllowed ? { deferred: "RESOURCE_CONFIG_UNKNOWN" as const } : {}) };
    const { args, diagnostics } = listingArguments(config);
    if (diagnostics.length > 0) return { diagnostics };
    if (containsUnknown(config))
        return { state: unknownOutputs(config), diagnostics: [], ...(deferralAllowed ? { deferred: "RESOURCE_CONFIG_UNKNOWN" as const } : {}) };
    if (host.unknownProviderAttributes.length > 0) {
        if (deferralAllowed) return { state: unknownOutputs(config), diagnostics: [], deferred: "PROVIDER_CONFIG_UNKNOWN" };
        const attributes = host.unknownProviderAttributes.join(", ");
        return {
            diagnostics: [
                {
                    severity: "ERROR",
                    summary: "Provider configuration not known yet",
                    detail: `The data source cannot be read before the provider attributes ${attributes} are known: give them values known at plan time.`,
                },
            ],
        };
    }
    try {
        const { listing: listingArgs, result: resultArgs } = splitCallArguments(args);
        const listing = await listMessageContactVerifications({
            ...listingArgs,
            settings: host.settings,
            vocabulary: TERRAFORM_VOCABULARY,
            credentialsProvider: host.credentials(),
            ...(signal ? { signal } : {}),
        });
        const outputs = outputAttributes(listingFacts(listing));
        await deliverResult(resultArgs, outputs, TERRAFORM_VOCABULARY);
        return { state: { ...(isObject(config) ? config : {}), ...outputs }, diagnostics: [] };
    } catch (error) {
        if (error instanceof OutputFileError) return { diagnostics: [attributeError([error.field], `Could not write ${error.field}`, error.message)] };
        return { diagnostics: [errorDiagnostic(error)] };
    }
}
