/**
 * What the dynamic provider does, loaded at call time by the serialized provider
 * (`provider/dynamic/resource-provider.ts`) from the installed package. Module state here is real process state:
 * this module is required, not serialized.
 */
import { isDeepStrictEqual } from "node:util";
import { CredentialsProvider, resolveCredentialsProvider } from "../alibaba-client/credentials";
import { listMessageContactVerifications } from "../alibaba-client/list-message-contact-verifications";
import { InvalidArgumentError, MessageContactsError } from "../alibaba-client/errors";
import { verificationsQueryId } from "../alibaba-client/operation/query-id";
import { resolveCallEndpoint } from "../alibaba-client/resolve-settings";
import { optionProblems } from "../alibaba-client/operation/validate-options";
import { ListingOutputs, listingOutputs, RESOURCE_INPUT_NAMES, ResourceInputs, ResourceOutputs } from "./resource-shape";
import { readStackSettings, STACK_CONFIG_KEYS, StackSettings } from "../alibaba-client/stack-settings";

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

/** The inputs as state records them: those the listing reads, and `secretTargets` when set. */
function recordedInputs(props: Props): ResourceInputs & { secretTargets?: true } {
    return { ...pickInputs(props), ...(props.secretTargets === true ? { secretTargets: true } : {}) };
}

/** The engine's marker of a special value, and the marker of a secret, in the wire form of properties. */
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** `value` as the engine's wire form of a secret, which it keeps secret when `check` returns it. */
function asSecret(value: unknown): Props {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

/** Whether any input is still unknown (preview, with inputs from other resources' outputs). */
function hasUnknowns(props: Props): boolean {
    return Object.values(props).some((value) => value === UNKNOWN_VALUE);
}

/** The input a listing error is about (`contactId` for an unknown or invalid contact), or "" for the resource. */
function failedProperty(error: MessageContactsError): string {
    if (error instanceof InvalidArgumentError) return error.field;
    return /^(EntityNotExists|InvalidParameter|MissingParameter)\.Contact(Id)?$/.test(error.code) ? "contactId" : "";
}

/**
 * Validates the inputs with the rules of the get functions (failures name the property) and, when every input is
 * known, lists: the listing joins the checked inputs, which the engine records and, for a dynamic provider,
 * plans as the resource's outputs at preview. So a preview shows (and policy packs check) the listing as it is
 * now, and `create`/`update` record exactly what was checked without listing again. With `secretTargets`,
 * `verifications`, `targets` and `pendingByTarget` are returned as secrets, so they stay secret in the inputs
 * and planned outputs.
 * With unknown inputs the listing stays unknown until `up`.
 */
export async function check(news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    settings();
    const inputs: Props = recordedInputs(news);
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
    if (failures.length > 0 || hasUnknowns(inputs)) return { inputs, failures };
    let listing: ListingOutputs;
    try {
        listing = await listFor(pickInputs(inputs));
    } catch (error) {
        // A check failure, not a thrown error: the engine shows a failure as the package's message on the
        // resource, while the host prints a thrown error with its JavaScript stack.
        if (!(error instanceof MessageContactsError)) throw error;
        return { inputs, failures: [{ property: failedProperty(error), reason: error.message }] };
    }
    const { totalCount, ...targetOutputs } = listing;
    const listed = inputs.secretTargets ? Object.fromEntries(Object.entries(targetOutputs).map(([name, value]) => [name, asSecret(value)])) : targetOutputs;
    return { inputs: { ...inputs, totalCount, ...listed }, failures };
}

/**
 * The resource records what policy packs check, so its listings are confirmed (`snapshot`) unless its inputs
 * or the stack config say otherwise; one-page listings cost nothing extra.
 */
const RESOURCE_DEFAULT_CONSISTENCY = "snapshot" as const;

/** Lists every page with the resource's inputs and the stack's settings. */
async function listFor(inputs: ResourceInputs): Promise<ListingOutputs> {
    const stack = settings();
    const listing = await listMessageContactVerifications({
        ...inputs,
        limitDefaults: { consistency: RESOURCE_DEFAULT_CONSISTENCY },
        stack,
        credentialsProvider: credentials(),
    });
    return listingOutputs(listing.verifications);
}

/** The listing that `check` added to the inputs, or undefined when it could not list (unknown inputs). */
function checkedListing(news: Props): ListingOutputs | undefined {
    const { totalCount, verifications } = news;
    if (typeof totalCount !== "number" || !Array.isArray(verifications)) return undefined;
    return listingOutputs(verifications as ListingOutputs["verifications"]);
}

/** The resource's id: `<endpoint host>/ListMessageContactVerifications/<contactId or *>`, as the get functions' id. */
function queryIdOf(inputs: ResourceInputs): string {
    return verificationsQueryId(resolveCallEndpoint(inputs, settings()).host, inputs.contactId);
}

/** The inputs and the listing `check` made (or, should it be missing, a new one), as the state records them. */
async function recorded(news: Props): Promise<ResourceOutputs> {
    return { ...recordedInputs(news), ...(checkedListing(news) ?? (await listFor(pickInputs(news)))) };
}

/** Records the listing `check` made. */
export async function create(news: Props): Promise<{ id: string; outs: ResourceOutputs }> {
    return { id: queryIdOf(pickInputs(news)), outs: await recorded(news) };
}

/**
 * A change when the inputs or the listing `check` made differ from the state, so every `up` re-reads the data
 * (in `check`) and stays a no-op when nothing changed. Never a replacement: there is nothing to replace.
 */
export async function diff(olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[] }> {
    if (!isDeepStrictEqual(recordedInputs(olds), recordedInputs(news))) return { changes: true, replaces: [] };
    const listing = checkedListing(news);
    if (!listing) return { changes: true, replaces: [] };
    // Every output of the listing is compared, so a state recorded by an older version (without
    // pendingByTarget) is brought up to date once.
    const changed = (["totalCount", "verifications", "targets", "pendingByTarget"] as const).some((name) => !isDeepStrictEqual(olds[name], listing[name]));
    return { changes: changed, replaces: [] };
}

/** Records the listing `check` made. */
export async function update(news: Props): Promise<{ outs: ResourceOutputs }> {
    return { outs: await recorded(news) };
}

/** Refreshes state from the API (`pulumi refresh`). */
export async function read(id: string, props: Props): Promise<{ id: string; props: ResourceOutputs }> {
    return { id, props: { ...recordedInputs(props), ...(await listFor(pickInputs(props))) } };
}
