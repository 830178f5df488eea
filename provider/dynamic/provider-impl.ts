/**
 * What the dynamic provider does, loaded at call time by the serialized provider
 * (`provider/dynamic/resource-provider.ts`) from the installed package: the stack's `alicloud:*` settings, and
 * the resource's operations (`../listing-resource.ts`). Module state here is real process state: this module is
 * required, not serialized. Stacks' state names this file (`dist/provider/dynamic/provider-impl.js`): keep its
 * path and exports.
 */
import { CredentialsProvider, resolveCredentialsProvider } from "../alibaba-client/credentials";
import { readStackSettings, STACK_CONFIG_KEYS, StackSettings } from "../alibaba-client/stack-settings";
import { listingResource, pickInputs, Props, UNKNOWN_VALUE } from "../listing-resource";
import type { ResourceOutputs } from "../resource-shape";

export { pickInputs, UNKNOWN_VALUE };

/**
 * This host process's stack settings and credentials, set by `configure`. A configuration error is kept
 * and thrown by every later operation: the host caches the provider even when `configure` failed, and
 * carrying on without the stack's settings would sign with whatever else the environment holds.
 */
const state: { settings: StackSettings; credentials?: CredentialsProvider; configureError?: unknown } = { settings: {} };

/** Stores the stack's `alicloud:*` settings; called once per host process by the engine's Configure. */
export function configure(get: (key: string) => string | undefined): void {
    state.credentials = undefined;
    state.configureError = undefined;
    try {
        state.settings = readStackSettings(get);
    } catch (error) {
        state.settings = {};
        state.configureError = error;
        throw error;
    }
}

/** The stack settings, or the error that configuring them raised. */
function settings(): StackSettings {
    if (state.configureError !== undefined) throw state.configureError;
    return state.settings;
}

const resource = listingResource({
    settings,
    credentials() {
        state.credentials ??= resolveCredentialsProvider({ stack: settings() });
        return state.credentials;
    },
    credentialsAdvice:
        `set ${STACK_CONFIG_KEYS.accessKeyId}, ${STACK_CONFIG_KEYS.accessKeySecret} (and ${STACK_CONFIG_KEYS.securityToken}) ` +
        "in stack config (as secrets), or use the environment, instead.",
});

/** See `ListingResource.check` (../listing-resource.ts). */
export function check(news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    return resource.check(news);
}

/** See `ListingResource.create` (../listing-resource.ts). */
export function create(news: Props): Promise<{ id: string; outs: ResourceOutputs }> {
    return resource.create(news);
}

/** See `ListingResource.diff` (../listing-resource.ts). */
export function diff(olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[] }> {
    return resource.diff(olds, news);
}

/** See `ListingResource.update` (../listing-resource.ts). */
export function update(news: Props): Promise<{ outs: ResourceOutputs }> {
    return resource.update(news);
}

/** See `ListingResource.read` (../listing-resource.ts). */
export function read(id: string, props: Props): Promise<{ id: string; props: ResourceOutputs }> {
    return resource.read(id, props);
}
