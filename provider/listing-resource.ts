/**
 * The `MessageContactVerifications` resource's operations, shared by the dynamic provider (`dynamic/`) and the
 * provider plugin (`plugin/`): plain property objects in and out. Each provider translates its protocol at its
 * edge: it says which inputs are unknown (preview) or secret ({@link InputMarks}), and marks as secret the outputs
 * each operation names in `secret`. No Pulumi import and no wire format here.
 */
import { isDeepStrictEqual } from "node:util";
import {
    AlibabaCloudApiError,
    argumentConcernedBy,
    CREDENTIAL_ARGUMENT_NAMES,
    CredentialsProvider,
    InvalidArgumentError,
    isLoopbackHost,
    ListingFacts,
    listingFacts,
    listMessageContactVerifications,
    MessageContactsError,
    OUTPUT_DEFINITIONS,
    outputValueProblem,
    optionProblems,
    OPTIONS,
    parseEndpoint,
    placeText,
    ProviderSettings,
    queryIdParts,
    resolveCallEndpoint,
    resourceOutputMaps,
    resourceOutputValues,
    unknownKeyProblems,
    verificationsQueryId,
    Vocabulary,
    WithMaps,
} from "./alibaba-client";
import {
    CONTACT_OUTPUT_NAMES,
    LISTING_OUTPUT_NAMES,
    ListingOutputs,
    RESOURCE_INPUT_NAMES,
    ResourceInputs,
    ResourceOutputs,
    TARGET_OUTPUT_NAMES,
} from "./resource-shape";

/** Properties, with plain values. */
export type Props = Record<string, unknown>;

/** A property refused, and why. */
export interface PropertyFailure {
    property: string;
    reason: string;
}

/** What a provider knows of its inputs beyond their values: which are not known yet, which came as secrets. */
export interface InputMarks {
    /** Inputs whose values are not known yet (preview); their values are placeholders. */
    unknown?: readonly string[];
    /** Inputs the program gave as secrets. */
    secret?: readonly string[];
}

/** What the resource's operations need from the provider that hosts them. */
export interface ListingResourceHost {
    /** The provider's settings; throws the configuration's error if it had one. */
    settings(): ProviderSettings;
    /** Whether every setting is known: with an unknown one (preview), nothing is listed. Default: known. */
    settingsKnown?(): boolean;
    /** The provider's credentials for a call with this `stsEndpoint` (cached per provider, so temporary credentials are reused). */
    credentials(stsEndpoint: string | undefined): CredentialsProvider;
    /** How the provider's users name its settings, for messages. */
    vocabulary: Vocabulary;
    /** Where credentials are configured instead of inputs, for the failure that refuses credential inputs. */
    credentialsAdvice: string;
    /** Keys the provider's protocol adds to the inputs (`__provider`), which are not the user's. */
    protocolKeys?: readonly string[];
    /**
     * The listing's `map` outputs (`pendingByTarget`) as Maps of the same entries in what `check`, `create`, `update`
     * and `read` give (`resourceOutputMaps`): for a provider that only writes them to bytes (the plugin). Default:
     * objects.
     */
    mapOutputs?: boolean;
}

/** The input properties the provider reads, absent ones omitted (state must not hold `undefined`). */
export function pickInputs(props: Props): ResourceInputs {
    const inputs: Props = {};
    for (const name of RESOURCE_INPUT_NAMES) {
        if (props[name] !== undefined && props[name] !== null) inputs[name] = props[name];
    }
    return inputs as ResourceInputs;
}

/**
 * The properties of a state that `read` reads (those {@link recordedInputs} keeps): the inputs the listing reads, and
 * `secretTargets`. A provider may leave the others (the listing recorded) unread.
 */
export const RECORDED_INPUT_NAMES: readonly string[] = [...RESOURCE_INPUT_NAMES, "secretTargets"];

/** The inputs as state records them: those the listing reads, and `secretTargets` when set. */
function recordedInputs(props: Props): ResourceInputs & { secretTargets?: true } {
    return { ...pickInputs(props), ...(props.secretTargets === true ? { secretTargets: true } : {}) };
}

/**
 * The input a listing error is about (the input an argument error names; `contactId` for the service's codes
 * about it), or "" for the resource as a whole (a setting, an environment variable, the network).
 */
function failedProperty(error: MessageContactsError): string {
    const inputs: readonly string[] = RESOURCE_INPUT_NAMES;
    if (error instanceof InvalidArgumentError) return inputs.includes(error.field) ? error.field : "";
    return error instanceof AlibabaCloudApiError ? (argumentConcernedBy(error.code) ?? "") : "";
}

/**
 * The resource records what policy packs check, so its listings are confirmed (the option table's
 * `resourceDefault` of `consistency`, `snapshot`) unless its inputs or the provider's settings say otherwise;
 * one-page listings cost nothing extra.
 */
const RESOURCE_LIMIT_DEFAULTS = { consistency: OPTIONS.consistency.resourceDefault };

/** Whether a secret `contactId` came with the inputs (the id then holds its hash, see `verificationsQueryId`). */
function contactIdSecret(marks: InputMarks): boolean {
    return (marks.secret ?? []).includes("contactId");
}

/**
 * The outputs to keep secret: those holding targets with `secretTargets`, those holding contact IDs when
 * `contactId` came as a secret, and every input that came as one.
 */
function secretOutputs(inputs: { secretTargets?: unknown }, marks: InputMarks): string[] {
    const secret = new Set(marks.secret ?? []);
    if (inputs.secretTargets === true) TARGET_OUTPUT_NAMES.forEach((name) => secret.add(name));
    if (secret.has("contactId")) CONTACT_OUTPUT_NAMES.forEach((name) => secret.add(name));
    return [...secret];
}

/**
 * The resource's operations, over the settings and credentials of one provider. A `signal`, where given, aborts
 * the operation's listing and its requests (a cancelled call, the engine's Cancel).
 */
export interface ListingResource<Outputs = ResourceOutputs> {
    check(news: Props, marks?: InputMarks, signal?: AbortSignal): Promise<{ inputs: Props; failures: PropertyFailure[]; secret: string[] }>;
    diff(olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[] }>;
    create(news: Props, marks?: InputMarks, signal?: AbortSignal): Promise<{ id: string; outs: Outputs; secret: string[] }>;
    update(news: Props, marks?: InputMarks, signal?: AbortSignal): Promise<{ outs: Outputs; secret: string[] }>;
    read(id: string, props: Props, marks?: InputMarks, signal?: AbortSignal): Promise<{ id: string; props: Outputs; secret: string[] }>;
    inputsOfId(id: string): ResourceInputs;
}

/** The listing's outputs, with its `map` outputs as objects or as Maps (see `ListingResourceHost.mapOutputs`). */
type AnyListingOutputs = ListingOutputs | WithMaps<ListingOutputs>;

/** The resource's operations for a provider (see each method). */
export function listingResource(host: ListingResourceHost & { mapOutputs: true }): ListingResource<WithMaps<ResourceOutputs>>;
export function listingResource(host: ListingResourceHost): ListingResource;
export function listingResource(host: ListingResourceHost): ListingResource<ResourceOutputs | WithMaps<ResourceOutputs>> {
    /** The outputs of a listing, in the form the host takes (`maps`: the host's unless told). */
    const outputsOf = (facts: ListingFacts, maps = host.mapOutputs === true): AnyListingOutputs =>
        maps ? resourceOutputMaps(facts) : resourceOutputValues(facts);

    /** Lists every page with the resource's inputs and the provider's settings. */
    async function listFor(inputs: ResourceInputs, marks: InputMarks, signal?: AbortSignal): Promise<AnyListingOutputs> {
        const listing = await listMessageContactVerifications({
            ...inputs,
            ...(signal ? { signal } : {}),
            limitDefaults: RESOURCE_LIMIT_DEFAULTS,
            settings: host.settings(),
            vocabulary: host.vocabulary,
            credentialsProvider: host.credentials(inputs.stsEndpoint),
        });
        return outputsOf(listingFacts(listing, contactIdSecret(marks)));
    }

    /** The resource's id: `<endpoint host>/ListMessageContactVerifications/<contactId or *>`, as the get functions' id. */
    function queryIdOf(inputs: ResourceInputs, marks: InputMarks): string {
        const host_ = resolveCallEndpoint(inputs, host.settings(), process.env, host.vocabulary).host;
        return verificationsQueryId(host_, inputs.contactId, contactIdSecret(marks));
    }

    /**
     * The outputs of the listing `check` added to the inputs, computed again from its verifications; undefined when
     * it could not list (unknown inputs). In the host's form, or as objects (`maps` false: to compare with a state).
     */
    function checkedListing(news: Props, marks: InputMarks, maps?: false): ListingOutputs | undefined;
    function checkedListing(news: Props, marks: InputMarks, maps?: boolean): AnyListingOutputs | undefined;
    function checkedListing(news: Props, marks: InputMarks, maps?: boolean): AnyListingOutputs | undefined {
        const { verifications } = news;
        if (outputValueProblem(OUTPUT_DEFINITIONS.verifications.type, verifications, "verifications") !== undefined) return undefined;
        const inputs = pickInputs(news);
        return outputsOf(
            {
                queryId: () => queryIdOf(inputs, marks),
                ...(inputs.contactId !== undefined ? { contactId: inputs.contactId } : {}),
                verifications: verifications as ListingOutputs["verifications"],
            },
            maps,
        );
    }

    /** The inputs and the listing `check` made (or, should it be missing, a new one), as the state records them. */
    async function recorded(news: Props, marks: InputMarks, signal?: AbortSignal): Promise<ResourceOutputs | WithMaps<ResourceOutputs>> {
        return { ...recordedInputs(news), ...(checkedListing(news, marks, host.mapOutputs === true) ?? (await listFor(pickInputs(news), marks, signal))) };
    }

    /** Every problem with the inputs: keys that are not inputs, credentials, bad values (of known inputs). */
    function inputProblems(news: Props, unknown: readonly string[]): PropertyFailure[] {
        const given = Object.fromEntries(Object.entries(news).filter(([key, value]) => value !== undefined && !(host.protocolKeys ?? []).includes(key)));
        const accepted = [...RESOURCE_INPUT_NAMES, "secretTargets", ...CREDENTIAL_ARGUMENT_NAMES, ...LISTING_OUTPUT_NAMES];
        const failures = unknownKeyProblems(given, accepted, "an input of MessageContactVerifications").map((p) => ({ property: p.field, reason: p.message }));
        const known = Object.fromEntries(Object.entries(given).filter(([key]) => !unknown.includes(key)));
        for (const p of optionProblems(known, [...RESOURCE_INPUT_NAMES, "secretTargets"])) failures.push({ property: p.field, reason: p.message });
        for (const name of CREDENTIAL_ARGUMENT_NAMES) {
            if (given[name] !== undefined) {
                failures.push({
                    property: name,
                    reason: `${name} is not an input of MessageContactVerifications, so that it never lands in state; ${host.credentialsAdvice}`,
                });
            }
        }
        return failures;
    }

    return {
        /**
         * Validates the inputs with the rules of the get functions (failures name the property; a key that is
         * not an input is refused with the nearest one) and, when every input and setting is known, lists: the
         * listing joins the checked inputs, which the engine records and plans as the resource's outputs at
         * preview. So a preview shows (and policy packs check) the listing as it is now, and `create`/`update`
         * record exactly what was checked without listing again. `secret` names the outputs to keep secret. With
         * unknown inputs or settings the listing stays unknown until `up`. A listing error is a failure (the
         * engine shows its message on the resource), never a thrown error (which a host prints with its stack).
         */
        async check(news, marks = {}, signal) {
            host.settings();
            const unknown = marks.unknown ?? [];
            const inputs: Props = recordedInputs(news);
            const failures = inputProblems(news, unknown);
            const secret = secretOutputs(inputs, marks);
            const listable = failures.length === 0 && !Object.keys(inputs).some((name) => unknown.includes(name)) && (host.settingsKnown?.() ?? true);
            if (!listable) return { inputs, failures, secret };
            try {
                return { inputs: { ...inputs, ...(await listFor(pickInputs(inputs), marks, signal)) }, failures, secret };
            } catch (error) {
                // An aborted listing is the call's end, not a problem of the inputs.
                if (!(error instanceof MessageContactsError) || signal?.aborted) throw error;
                return { inputs, failures: [{ property: failedProperty(error), reason: error.message }], secret };
            }
        },

        /**
         * A change when the inputs or the listing `check` made differ from the state, so every `up` re-reads the
         * data (in `check`) and stays a no-op when nothing changed. Never a replacement: there is nothing to replace.
         * Every output of the listing is compared, so a state recorded by an older version (without
         * `pendingByTarget`) is brought up to date once.
         */
        async diff(olds, news) {
            if (!isDeepStrictEqual(recordedInputs(olds), recordedInputs(news))) return { changes: true, replaces: [] };
            const listing = checkedListing(news, {}, false);
            if (!listing) return { changes: true, replaces: [] };
            const changed = LISTING_OUTPUT_NAMES.some((name) => !isDeepStrictEqual(olds[name], listing[name]));
            return { changes: changed, replaces: [] };
        },

        /** Records the listing `check` made. */
        async create(news, marks = {}, signal) {
            const outs = await recorded(news, marks, signal);
            return { id: queryIdOf(pickInputs(news), marks), outs, secret: secretOutputs(outs, marks) };
        },

        /** Records the listing `check` made. */
        async update(news, marks = {}, signal) {
            const outs = await recorded(news, marks, signal);
            return { outs, secret: secretOutputs(outs, marks) };
        },

        /**
         * The inputs an id names, for reading a listing back from its id alone (`pulumi import`, the `import`
         * resource option: the engine then has no inputs and needs them back). The id is the one `create` gives,
         * `<endpoint host>/ListMessageContactVerifications/<contactId or *>`: its contact is the `contactId` input
         * (checked by its rule; none for `*`), and its host the `endpoint` input when the provider's settings list
         * elsewhere. A loopback host the settings do not name is refused, since the id does not tell its scheme
         * (http:// or https://), and so is a secret contact's hash, which does not tell the contact: each naming
         * `id` and what to do.
         */
        inputsOfId(id) {
            const parts = queryIdParts(id);
            const inputs: Props = parts.contactId === undefined ? {} : { contactId: parts.contactId };
            const problem = optionProblems(inputs, ["contactId"])[0];
            if (problem) throw new InvalidArgumentError("id", `id: ${problem.message}`);
            // Where the id says, checked as an endpoint is; the same host as the settings' means no endpoint input.
            const named = parseEndpoint(parts.endpointHost, "id");
            if (queryIdOf(inputs as ResourceInputs, {}) === id) return inputs as ResourceInputs;
            if (isLoopbackHost(new URL(named.origin).hostname)) {
                const place = host.vocabulary.setting?.("endpoint");
                throw new InvalidArgumentError(
                    "id",
                    `id names the endpoint ${named.host}, a loopback host where this provider does not list, and not its scheme: ` +
                        `set ${place ? placeText(place) : "the provider's endpoint"} to its URL (http:// or https://), then import again.`,
                );
            }
            return { ...inputs, endpoint: named.host } as ResourceInputs;
        },

        /** Refreshes state from the API (`pulumi refresh`). */
        async read(id, props, marks = {}, signal) {
            const outs = { ...recordedInputs(props), ...(await listFor(pickInputs(props), marks, signal)) };
            return { id, props: outs, secret: secretOutputs(outs, marks) };
        },
    };
}
