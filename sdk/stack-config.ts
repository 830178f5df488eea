import * as pulumi from "@pulumi/pulumi";
import { CredentialsProvider, resolveCredentialsProvider } from "../provider/alibaba-client/credentials";
import { readStackSettings, StackSettings } from "../provider/alibaba-client/stack-settings";
import type { GetMessageContactVerificationsArgs } from "./types";

/** The program's stack settings (`alicloud:*` config), read with the same function the dynamic provider uses. */
export function programStackSettings(): StackSettings {
    return readStackSettings((key) => pulumi.runtime.getConfig(key));
}

const sharedProviders = new Map<string, CredentialsProvider>();

/**
 * The credentials provider for a call without explicit credentials: one per stack settings and STS endpoint,
 * kept for the program's life so that temporary (assumed-role) credentials are reused across calls.
 */
export function sharedCredentialsProvider(stack: StackSettings, args: GetMessageContactVerificationsArgs): CredentialsProvider | undefined {
    if (args.accessKeyId !== undefined || args.accessKeySecret !== undefined) return undefined;
    const key = JSON.stringify([stack, args.stsEndpoint]);
    let provider = sharedProviders.get(key);
    if (!provider) {
        // No credential arguments were given (else no shared provider): they are still a place to name.
        provider = resolveCredentialsProvider({ explicit: {}, stack, stsEndpoint: args.stsEndpoint });
        sharedProviders.set(key, provider);
    }
    return provider;
}
