import * as pulumi from "@pulumi/pulumi";
import { credentialArguments, CredentialsCache, CredentialsProvider, ProviderSettings } from "../provider/alibaba-client";
import { PROGRAM_VOCABULARY, readStackConfig } from "../provider/dynamic/stack-config";
import type { GetMessageContactVerificationsArgs } from "./types";

/** The program's settings from stack config, read with the same function the dynamic provider uses. */
export function programStackSettings(): ProviderSettings {
    return readStackConfig((key) => pulumi.runtime.getConfig(key));
}

/** Kept for the program's life, so that temporary (assumed-role) credentials are reused across calls. */
const programCredentials = new CredentialsCache();

/** The credentials provider of a get function's call: its arguments, else the stack config, else the chain. */
export function programCredentialsProvider(settings: ProviderSettings, args: GetMessageContactVerificationsArgs): CredentialsProvider {
    return programCredentials.get({ arguments: credentialArguments(args), settings, vocabulary: PROGRAM_VOCABULARY, stsEndpoint: args.stsEndpoint });
}
