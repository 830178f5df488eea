/**
 * What the dynamic provider does, loaded at call time by the serialized provider
 * (`provider/resource-provider.ts`) from the installed package. Module state here is real process state:
 * this module is required, not serialized.
 */
import { isDeepStrictEqual } from "node:util";
import { CredentialsProvider, resolveCredentialsProvider } from "../credentials";
import { listMessageContactVerifications } from "../list-message-contact-verifications";
import { verificationsQueryId } from "../operation/query-id";
import { optionProblems } from "../operation/validate-options";
import { ListingOutputs, RESOURCE_INPUT_NAMES, ResourceInputs, ResourceOutputs } from "./resource-shape";
import { readStackSettings, STACK_CONFIG_KEYS, StackSettings } from "../stack-settings";

/** The engine's placeholder for a value not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const CREDENTIAL_INPUTS = ["accessKeyId", "accessKeySecret", "securityToken"] as const;

/**
 * This host process's stack settings and credentials, set by `configure`. A configuration error is kept
 * and thrown by every later operation: the host caches the provider even when `configure` failed, and
 * carrying on without the stack's settings would sign with whatever else the environment holds.
 */
const state: { settings: StackSettings; credentials?: CredentialsProvider; configureError?: unknown } = { settings: {} };

type Props = Record<string, unknown>;

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

/** One credentials provider per host process, so temporary credentials are cached across operations. */
function credentials(): CredentialsProvider {
    state.credentials ??= resolveCredentialsProvider({ stack: settings() });
    return state.credentials;
}

/** The input properties the provider reads, absent ones omitted (state must not hold `undefined`). */
export function pickInputs(props: Props): ResourceInputs {
    const inputs: Props = {};
    for (const name of RESOURCE_INPUT_NAMES) {
        if (props[name] !== undefined && props[name] !== null) inputs[name] = props[name];
    }
    return inputs as ResourceInputs;
}

/** Validates inputs with the rules of the get functions; failures name the property. Unknown values pass. */
export function check(news: Props): { inputs: Props; failures: { property: string; reason: string }[] } {
    settings();
    const inputs: Props = { ...pickInputs(news) };
    const known = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== UNKNOWN_VALUE));
    const failures = optionProblems(known).map((p) => ({ property: p.field, reason: p.message }));
    for (const name of CREDENTIAL_INPUTS) {
        if (news[name] !== undefined) {
            failures.push({
                property: name,
                reason:
                    `${name} is not an input of MessageContactVerifications, so that it never lands in state; ` +
                    `set ${STACK_CONFIG_KEYS.accessKeyId}, ${STACK_CONFIG_KEYS.accessKeySecret} (and ${STACK_CONFIG_KEYS.securityToken}) ` +
                    "in stack config (as secrets), or use the environment, instead.",
            });
        }
    }
    return { inputs, failures };
}

/**
 * The resource records what policy packs check, so its listings are confirmed (`snapshot`) unless its inputs
 * or the stack config say otherwise; one-page listings cost nothing extra.
 */
const RESOURCE_DEFAULT_CONSISTENCY = "snapshot";

async function listFor(inputs: ResourceInputs): Promise<{ outs: ResourceOutputs; id: string }> {
    const stack = settings();
    const consistency = inputs.consistency ?? stack.listing?.consistency ?? RESOURCE_DEFAULT_CONSISTENCY;
    const listing = await listMessageContactVerifications({ ...inputs, consistency, stack, credentialsProvider: credentials() });
    const outputs: ListingOutputs = {
        totalCount: listing.totalCount,
        verifications: listing.verifications,
        targets: [...new Set(listing.verifications.map((v) => v.target))].sort(),
    };
    return { outs: { ...inputs, ...outputs }, id: verificationsQueryId(listing.endpointHost, listing.contactId) };
}

/** Lists every page and records it. */
export async function create(news: Props): Promise<{ id: string; outs: ResourceOutputs }> {
    return listFor(pickInputs(news));
}

/**
 * Lists again and reports a change only when the inputs or the listing differ from state, so every `up`
 * re-reads the data and stays a no-op when nothing changed. Never a replacement: there is nothing to replace.
 */
export async function diff(olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[] }> {
    const oldInputs = pickInputs(olds);
    const newInputs = pickInputs(news);
    if (!isDeepStrictEqual(oldInputs, newInputs)) return { changes: true, replaces: [] };
    const { outs: fresh } = await listFor(newInputs);
    const changed = olds.totalCount !== fresh.totalCount || !isDeepStrictEqual(olds.verifications, fresh.verifications);
    return { changes: changed, replaces: [] };
}

/** Records the fresh listing. */
export async function update(news: Props): Promise<{ outs: ResourceOutputs }> {
    return { outs: (await listFor(pickInputs(news))).outs };
}

/** Refreshes state from the API (`pulumi refresh`). */
export async function read(id: string, props: Props): Promise<{ id: string; props: ResourceOutputs }> {
    return { id, props: (await listFor(pickInputs(props))).outs };
}
