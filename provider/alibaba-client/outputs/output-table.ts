/**
 * Every output of a listing, once: its name, type, description, the data it holds that a caller may keep secret,
 * where it appears, and how it is computed from the listing. Everything else derives from this table: the
 * TypeScript result types and their docs (`output-values.ts`, generated), the Pulumi schema's function result and
 * resource outputs, the Terraform data source's attributes, the encoding of each answer, the result file
 * (`outputFile`), the checks of a mock's answer, and the README's tables and the docs.
 *
 * Where an output appears, in words no protocol owns (each surface names it in its own vocabulary, `total_count` in
 * Terraform):
 * - `result`: a field of one call's result (the get functions, the plugin's function);
 * - `resourceOutput`: an output of the `MessageContactVerifications` resource, recorded in its state beside its inputs;
 * - `readState`: an attribute a read adds to the configuration that declared it, in the read's state (the data source).
 */
import type { MessageContactVerification } from "./output-values";
import { Described, INTEGER, listOf, mapOf, objectType, OutputType, STRING, ValueOf } from "./output-types";

/** Where an output appears. */
export interface OutputPlaces {
    result?: true;
    resourceOutput?: true;
    readState?: true;
}

/** One of {@link OutputPlaces}. */
export type OutputPlace = keyof OutputPlaces;

/**
 * Data an output holds that a caller may keep secret: targets (secret with the resource's `secretTargets`) and
 * contact IDs (secret when the `contactId` input came as a secret).
 */
export type Holding = "targets" | "contactIds";

/** What every output is computed from: the listing, and the query that asked for it. */
export interface ListingFacts {
    /** The query's stable id (see `verificationsQueryId`): asked only by the outputs that show it. */
    queryId(): string;
    /** The query's contact filter, when it has one. */
    contactId?: string;
    /** Every pending verification, in the service's order. */
    verifications: readonly MessageContactVerification[];
}

/** One output. */
export interface OutputDefinition {
    /** The type of its value. */
    type: OutputType;
    /** What it means (in each surface's words: see {@link Described}). */
    description: Described;
    /** Present only sometimes (when its computation gives `undefined`); else always present. */
    optional?: true;
    /** What it holds that may be secret. */
    holds?: readonly Holding[];
    /** Where it appears. */
    places: OutputPlaces;
    /** Its value, from the listing. */
    compute(facts: ListingFacts): unknown;
    /**
     * For a `map` output: the same entries as a Map, for a surface that only writes the value to bytes (the plugin's
     * answers), without the object: an object of 85,000 keys grew the plugin's answer by about 10 MB.
     */
    computeMap?(facts: ListingFacts): Map<string, unknown>;
}

/**
 * An output whose computation is checked against its type: `undefined` only for an optional one. (`T` is held to a
 * type's kind only: checking it against the recursive {@link OutputType} at every row is more than the compiler
 * allows in one table; the type constructors of output-types.ts make every type, and they check it.)
 */
function output<T extends { readonly kind: OutputType["kind"] }, O extends true | undefined = undefined>(
    definition: Omit<OutputDefinition, "type" | "optional" | "compute"> & {
        type: T;
        optional?: O;
        compute(facts: ListingFacts): O extends true ? ValueOf<T> | undefined : ValueOf<T>;
    },
): OutputDefinition {
    return definition as Omit<typeof definition, "type"> & { type: OutputType };
}

/**
 * Each target and the contacts it is pending for, both in first-seen order, into `byTarget`. A target pending for
 * one contact only (most are) holds that contact's one list, shared by every such target: the table's values are
 * never changed once computed, and a list per target was 85,000 arrays for 100,000 verifications. A second contact
 * gives the target a list of its own.
 */
function groupContactsByTarget(
    verifications: readonly MessageContactVerification[],
    byTarget: { get(target: string): string[] | undefined; set(target: string, contacts: string[]): unknown },
): void {
    const alone = new Map<string, string[]>();
    for (const { contactId, target } of verifications) {
        const contacts = byTarget.get(target);
        if (contacts === undefined) {
            let shared = alone.get(contactId);
            if (shared === undefined) alone.set(contactId, (shared = [contactId]));
            byTarget.set(target, shared);
        } else if (!contacts.includes(contactId)) byTarget.set(target, [...contacts, contactId]);
    }
}

/** {@link groupContactsByTarget} as an object. */
function contactsByTarget(verifications: readonly MessageContactVerification[]): Record<string, string[]> {
    const byTarget: Record<string, string[]> = {};
    groupContactsByTarget(verifications, { get: (target) => byTarget[target], set: (target, contacts) => (byTarget[target] = contacts) });
    return byTarget;
}

/** {@link groupContactsByTarget} as a Map. */
function contactsByTargetMap(verifications: readonly MessageContactVerification[]): Map<string, string[]> {
    const byTarget = new Map<string, string[]>();
    groupContactsByTarget(verifications, byTarget);
    return byTarget;
}

/**
 * A verification as the outputs hold it: a plain object of exactly its contact and target, in that order. One that
 * is already so (the client's, and those decoded from a property) is kept as it is rather than copied (100,000
 * objects for a listing of 100,000); any other is copied to that shape.
 */
function verificationOutput(verification: MessageContactVerification): MessageContactVerification {
    if (Object.getPrototypeOf(verification) === Object.prototype) {
        let index = 0;
        for (const key in verification) {
            if (index > 1 || key !== (index === 0 ? "contactId" : "target")) {
                index = -1;
                break;
            }
            index++;
        }
        if (index === 2) return verification;
    }
    return { contactId: verification.contactId, target: verification.target };
}

/**
 * Every target once, sorted: the targets sorted, each kept once. (A Set of 85,000 targets grew through tables of
 * about 5 MB, all left to the next full collection.)
 */
function distinctTargets(verifications: readonly MessageContactVerification[]): string[] {
    const targets = verifications.map(({ target }) => target).sort();
    let kept = 0;
    for (let index = 0; index < targets.length; index++) {
        const target = targets[index] as string;
        if (kept === 0 || targets[kept - 1] !== target) targets[kept++] = target;
    }
    targets.length = kept;
    return targets;
}

/** A pending verification, as every output that lists them holds it. */
const VERIFICATION = objectType("MessageContactVerification", "A pending verification: the contact, and its masked phone number or email address.", {
    contactId: { type: STRING, description: "The message contact's ID, such as c-qL4HqKONzOM7****." },
    target: {
        type: STRING,
        description: "The phone number or email address waiting to be verified, masked by the service, such as someone***@example.com.",
    },
});

/** What one listing returns, as every surface that lists describes its function or data source. */
export const LISTING_DESCRIPTION =
    "Lists the phone numbers and email addresses of Resource Directory message contacts that are waiting to be verified, from every page, as one consistent, complete list (or an error, never a partial list).";

/** The table. The order is the order of docs, schemas and results. */
export const OUTPUTS = {
    id: output({
        type: STRING,
        description: (name) => `Stable for the same query: <endpoint host>/ListMessageContactVerifications/<${name("contactId")} or *>.`,
        places: { result: true, readState: true },
        compute: (facts) => facts.queryId(),
    }),
    contactId: output({
        type: STRING,
        description: (name) => `The contact the listing is filtered to, when ${name("contactId")} was given.`,
        optional: true,
        holds: ["contactIds"],
        places: { result: true, resourceOutput: true },
        compute: (facts) => facts.contactId,
    }),
    totalCount: output({
        type: INTEGER,
        description: (name) => `How many verifications are pending; always the length of ${name("verifications")}.`,
        places: { result: true, resourceOutput: true, readState: true },
        compute: (facts) => facts.verifications.length,
    }),
    verifications: output({
        type: listOf(VERIFICATION),
        description: "Every pending verification, in the service's order: the contact and its masked phone or email.",
        holds: ["targets", "contactIds"],
        places: { result: true, resourceOutput: true, readState: true },
        compute: (facts) => facts.verifications.map(verificationOutput),
    }),
    targets: output({
        type: listOf(STRING),
        description: "Every target (masked), sorted, de-duplicated.",
        holds: ["targets"],
        places: { resourceOutput: true, readState: true },
        compute: (facts) => distinctTargets(facts.verifications),
    }),
    pendingByTarget: output({
        type: mapOf(listOf(STRING)),
        description: "Each target and the IDs of the contacts it is pending for, so that a diff names the targets that appeared and went away.",
        holds: ["targets", "contactIds"],
        places: { resourceOutput: true },
        compute: (facts) => contactsByTarget(facts.verifications),
        computeMap: (facts) => contactsByTargetMap(facts.verifications),
    }),
};

/** The name of an output. */
export type OutputName = keyof typeof OUTPUTS;

/** Every output's definition, by name. */
export const OUTPUT_DEFINITIONS: Readonly<Record<OutputName, OutputDefinition>> = OUTPUTS;

/** The names of the outputs, in the table's order. */
export const OUTPUT_NAMES = Object.keys(OUTPUTS) as OutputName[];

/** The outputs at `place`, in the table's order. */
export function outputsAt(place: OutputPlace): OutputName[] {
    return OUTPUT_NAMES.filter((name) => OUTPUT_DEFINITIONS[name].places[place] === true);
}

/** The outputs at `place` that hold `data`: those `secretTargets` (or a secret `contactId`) makes secret. */
export function outputsHolding(data: Holding, place: OutputPlace): OutputName[] {
    return outputsAt(place).filter((name) => OUTPUT_DEFINITIONS[name].holds?.includes(data) === true);
}

/** The outputs at `place` that are always present. */
export function requiredOutputsAt(place: OutputPlace): OutputName[] {
    return outputsAt(place).filter((name) => OUTPUT_DEFINITIONS[name].optional !== true);
}
