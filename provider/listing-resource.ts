/**
 * The `MessageContactVerifications` resource's operations, shared by the dynamic provider (`dynamic/`) and the
 * provider plugin (`plugin/`): plain property objects in, plain property objects out, in the engine's wire form
 * (unknowns as {@link UNKNOWN_VALUE}, secrets as {@link asSecret} envelopes). No Pulumi import: each provider
 * adapts its own protocol to these functions.
 */
import { isDeepStrictEqual } from "node:util";
import type { CredentialsProvider } from "./alibaba-client/credentials";
import { listMessageContactVerifications } from "./alibaba-client/list-message-contact-verifications";
import { InvalidArgumentError, MessageContactsError } from "./alibaba-client/errors";
import { verificationsQueryId } from "./alibaba-client/operation/query-id";
import { resolveCallEndpoint } from "./alibaba-client/resolve-settings";
import { optionProblems } from "./alibaba-client/operation/validate-options";
import type { StackSettings } from "./alibaba-client/stack-settings";
import { ListingOutputs, listingOutputs, RESOURCE_INPUT_NAMES, ResourceInputs, ResourceOutputs } from "./resource-shape";

/** The engine's placeholder for a value not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The engine's marker of a special value in the wire form of properties (the key of the marker). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The marker's value for a secret: `{[SPECIAL_SIG_KEY]: SECRET_SIG, value}`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Properties as the engine passes them. */
export type Props = Record<string, unknown>;

/** A property the engine rejects, and why. */
export interface PropertyFailure {
    property: string;
    reason: string;
}

/** `value` as the engine's wire form of a secret, which it keeps secret when `check` returns it. */
export function asSecret(value: unknown): Props {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

/** What the resource's operations need from the provider that hosts them. */
export interface ListingResourceHost {
    /** The provider's settings (stack or provider config); throws the configuration's error if it had one. */
    settings(): StackSettings;
    /** The provider's credentials, one provider per process so temporary credentials are cached. */
    credentials(): CredentialsProvider;
    /** Where credentials are configured instead of inputs, for the failure that refuses credential inputs. */
    credentialsAdvice: string;
}

const CREDENTIAL_INPUTS = ["accessKeyId", "accessKeySecret", "securityToken"] as const;

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
 * The resource records what policy packs check, so its listings are confirmed (`snapshot`) unless its inputs
 * or the provider's settings say otherwise; one-page listings cost nothing extra.
 */
const RESOURCE_DEFAULT_CONSISTENCY = "snapshot" as const;

/** The listing `check` added to the inputs, or undefined when it could not list (unknown inputs). */
function checkedListing(news: Props): ListingOutputs | undefined {
    const { totalCount, verifications } = news;
    if (typeof totalCount !== "number" || !Array.isArray(verifications)) return undefined;
    return listingOutputs(verifications as ListingOutputs["verifications"]);
}

/**
 * The resource's operations, over the settings and credentials of one provider. A `signal`, where given, aborts
 * the operation's listing and its requests (a cancelled call, the engine's Cancel).
 */
export interface ListingResource {
    check(news: Props, signal?: AbortSignal): Promise<{ inputs: Props; failures: PropertyFailure[] }>;
    diff(olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[] }>;
    create(news: Props, signal?: AbortSignal): Promise<{ id: string; outs: ResourceOutputs }>;
    update(news: Props, signal?: AbortSignal): Promise<{ outs: ResourceOutputs }>;
    read(id: string, props: Props, signal?: AbortSignal): Promise<{ id: string; props: ResourceOutputs }>;
}

/** The resource's operations for a provider (see each method). */
export function listingResource(host: ListingResourceHost): ListingResource {
    /** Lists every page with the resource's inputs and the provider's settings. */
    async function listFor(inputs: ResourceInputs, signal?: AbortSignal): Promise<ListingOutputs> {
        const listing = await listMessageContactVerifications({
            ...inputs,
            ...(signal ? { signal } : {}),
            limitDefaults: { consistency: RESOURCE_DEFAULT_CONSISTENCY },
            stack: host.settings(),
            credentialsProvider: host.credentials(),
        });
        return listingOutputs(listing.verifications);
    }

    /** The resource's id: `<endpoint host>/ListMessageContactVerifications/<contactId or *>`, as the get functions' id. */
    function queryIdOf(inputs: ResourceInputs): string {
        return verificationsQueryId(resolveCallEndpoint(inputs, host.settings()).host, inputs.contactId);
    }

    /** The inputs and the listing `check` made (or, should it be missing, a new one), as the state records them. */
    async function recorded(news: Props, signal?: AbortSignal): Promise<ResourceOutputs> {
        return { ...recordedInputs(news), ...(checkedListing(news) ?? (await listFor(pickInputs(news), signal))) };
    }

    return {
        /**
         * Validates the inputs with the rules of the get functions (failures name the property) and, when every
         * input is known, lists: the listing joins the checked inputs, which the engine records and plans as the
         * resource's outputs at preview. So a preview shows (and policy packs check) the listing as it is now, and
         * `create`/`update` record exactly what was checked without listing again. With `secretTargets`,
         * `verifications`, `targets` and `pendingByTarget` are returned as secrets. With unknown inputs the
         * listing stays unknown until `up`. A listing error is a failure (the engine shows its message on the
         * resource), never a thrown error (which a host prints with its stack).
         */
        async check(news, signal) {
            host.settings();
            const inputs: Props = recordedInputs(news);
            const known = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== UNKNOWN_VALUE));
            const failures = optionProblems(known).map((p) => ({ property: p.field, reason: p.message }));
            for (const name of CREDENTIAL_INPUTS) {
                if (news[name] !== undefined) {
                    failures.push({
                        property: name,
                        reason: `${name} is not an input of MessageContactVerifications, so that it never lands in state; ${host.credentialsAdvice}`,
                    });
                }
            }
            if (failures.length > 0 || hasUnknowns(inputs)) return { inputs, failures };
            let listing: ListingOutputs;
            try {
                listing = await listFor(pickInputs(inputs), signal);
            } catch (error) {
                // An aborted listing is the call's end, not a problem of the inputs.
                if (!(error instanceof MessageContactsError) || signal?.aborted) throw error;
                return { inputs, failures: [{ property: failedProperty(error), reason: error.message }] };
            }
            const { totalCount, ...targetOutputs } = listing;
            const listed = inputs.secretTargets
                ? Object.fromEntries(Object.entries(targetOutputs).map(([name, value]) => [name, asSecret(value)]))
                : targetOutputs;
            return { inputs: { ...inputs, totalCount, ...listed }, failures };
        },

        /**
         * A change when the inputs or the listing `check` made differ from the state, so every `up` re-reads the
         * data (in `check`) and stays a no-op when nothing changed. Never a replacement: there is nothing to replace.
         * Every output of the listing is compared, so a state recorded by an older version (without
         * `pendingByTarget`) is brought up to date once.
         */
        async diff(olds, news) {
            if (!isDeepStrictEqual(recordedInputs(olds), recordedInputs(news))) return { changes: true, replaces: [] };
            const listing = checkedListing(news);
            if (!listing) return { changes: true, replaces: [] };
            const changed = (["totalCount", "verifications", "targets", "pendingByTarget"] as const).some(
                (name) => !isDeepStrictEqual(olds[name], listing[name]),
            );
            return { changes: changed, replaces: [] };
        },

        /** Records the listing `check` made. */
        async create(news, signal) {
            return { id: queryIdOf(pickInputs(news)), outs: await recorded(news, signal) };
        },

        /** Records the listing `check` made. */
        async update(news, signal) {
            return { outs: await recorded(news, signal) };
        },

        /** Refreshes state from the API (`pulumi refresh`). */
        async read(id, props, signal) {
            return { id, props: { ...recordedInputs(props), ...(await listFor(pickInputs(props), signal)) } };
        },
    };
}
