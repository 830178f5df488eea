/**
 * The outputs' values, computed from a listing by the table's computations: the one place a result is built, for
 * every surface (the get functions, the plugin's function, the resource, the data source, the result file).
 */
import { verificationsQueryId } from "../operation/query-id";
import type { MessageContactVerification, ResourceOutputValues, ResultValues } from "./output-values";
import { ListingFacts, OUTPUT_DEFINITIONS, OutputName, OutputPlace, outputsAt } from "./output-table";

/** What a listing the client made tells the outputs (see `VerificationListing`). */
export interface ListedQuery {
    endpointHost: string;
    contactId?: string;
    verifications: readonly MessageContactVerification[];
}

/**
 * The facts of a listing the client made. A secret `contactId` (`contactIdSecret`) is not written out in the id
 * (see `verificationsQueryId`).
 */
export function listingFacts(listing: ListedQuery, contactIdSecret = false): ListingFacts {
    return {
        queryId: () => verificationsQueryId(listing.endpointHost, listing.contactId, contactIdSecret),
        ...(listing.contactId !== undefined ? { contactId: listing.contactId } : {}),
        verifications: listing.verifications,
    };
}

/**
 * The values of the outputs at `place`, by name, in the table's order; an absent optional one is left out. With
 * `maps`, a `map` output is a Map of the same entries (its `computeMap`). Pure.
 */
export function outputValuesAt(place: OutputPlace, facts: ListingFacts, maps = false): Partial<Record<OutputName, unknown>> {
    const values: Partial<Record<OutputName, unknown>> = {};
    for (const name of outputsAt(place)) {
        const definition = OUTPUT_DEFINITIONS[name];
        const value = maps && definition.computeMap ? definition.computeMap(facts) : definition.compute(facts);
        if (value !== undefined) values[name] = value;
    }
    return values;
}

/** One call's result: the get functions' and the plugin's function's. */
export function resultValues(facts: ListingFacts): ResultValues {
    // The generated type is the table's `result` outputs, with each computation's type (checked in the table).
    return outputValuesAt("result", facts) as ResultValues;
}

/** What the resource records in its state beside its inputs. */
export function resourceOutputValues(facts: ListingFacts): ResourceOutputValues {
    return outputValuesAt("resourceOutput", facts) as ResourceOutputValues;
}

/** `T` with its objects of keys (not lists) as Maps of the same entries: the outputs with `maps` (see {@link outputValuesAt}). */
export type WithMaps<T> = { [K in keyof T]: T[K] extends readonly unknown[] ? T[K] : T[K] extends Record<string, infer V> ? Map<string, V> : T[K] };

/** {@link resourceOutputValues} with its `map` outputs as Maps, for a surface that only writes them to bytes. */
export function resourceOutputMaps(facts: ListingFacts): WithMaps<ResourceOutputValues> {
    return outputValuesAt("resourceOutput", facts, true) as WithMaps<ResourceOutputValues>;
}
