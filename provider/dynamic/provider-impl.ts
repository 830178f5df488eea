/**
 * What the dynamic provider does, loaded at call time by the serialized provider
 * (`provider/dynamic/resource-provider.ts`) from the installed package: the stack's settings, and the resource's
 * operations (`../listing-resource.ts`). Module state here is real process state: this module is required, not
 * serialized. Stacks' state names this file (`dist/provider/dynamic/provider-impl.js`): keep its path and exports.
 */
import { credentialChainText, CredentialsCache, ProviderSettings } from "../alibaba-client";
import { listingResource, pickInputs, Props } from "../listing-resource";
import type { ResourceOutputs } from "../resource-shape";
import { keepSecret, UNKNOWN_VALUE } from "../wire-format";
import { readStackConfig, STACK_CONFIG_VOCABULARY } from "./stack-config";

export { pickInputs, UNKNOWN_VALUE };

/**
 * This host process's stack settings and credentials, set by `configure`. A configuration error is kept
 * and thrown by every later operation: the host caches the provider even when `configure` failed, and
 * carrying on without the stack's settings would sign with whatever else the environment holds.
 */
const state: { settings: ProviderSettings; credentials: CredentialsCache; configureError?: unknown } = { settings: {}, credentials: new CredentialsCache() };

/** Stores the stack's settings; called once per host process by the engine's Configure. */
export function configure(get: (key: string) => string | undefined): void {
    state.credentials = new CredentialsCache();
    state.configureError = undefined;
    try {
        state.settings = readStackConfig(get);
    } catch (error) {
        state.settings = {};
        state.configureError = error;
        throw error;
    }
}

/** The stack settings, or the error that configuring them raised. */
function settings(): ProviderSettings {
    if (state.configureError !== undefined) throw state.configureError;
    return state.settings;
}

const resource = listingResource({
    settings,
    credentials: (stsEndpoint) => state.credentials.get({ settings: settings(), vocabulary: STACK_CONFIG_VOCABULARY, stsEndpoint }),
    vocabulary: STACK_CONFIG_VOCABULARY,
    credentialsAdvice: `give credentials where the provider reads them instead (first found: ${credentialChainText(STACK_CONFIG_VOCABULARY, true)}).`,
    protocolKeys: ["__provider"],
});

/** The dynamic host passes unknown inputs (at preview) as the engine's sentinel; secrets arrive revealed. */
function unknownInputs(news: Props): string[] {
    return Object.keys(news).filter((name) => news[name] === UNKNOWN_VALUE);
}

/** See `ListingResource.check` (../listing-resource.ts). */
export async function check(news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const { inputs, failures, secret } = await resource.check(news, { unknown: unknownInputs(news) });
    return { inputs: keepSecret(inputs, secret), failures };
}

/** See `ListingResource.create` (../listing-resource.ts). */
export async function create(news: Props): Promise<{ id: string; outs: ResourceOutputs }> {
    const { id, outs } = await resource.create(news);
    return { id, outs };
}

/** See `ListingResource.diff` (../listing-resource.ts). */
export function diff(olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[] }> {
    return resource.diff(olds, news);
}

/** See `ListingResource.update` (../listing-resource.ts). */
export async function update(news: Props): Promise<{ outs: ResourceOutputs }> {
    const { outs } = await resource.update(news);
    return { outs };
}

/** See `ListingResource.read` (../listing-resource.ts). */
export async function read(id: string, props: Props): Promise<{ id: string; props: ResourceOutputs }> {
    const { props: outs } = await resource.read(id, props);
    return { id, props: outs };
}
