import type { CredentialsProvider } from "../credentials/credentials";
import { ARGUMENT_NAMES, OPTION_DEFINITIONS, OptionNameSetAs, OPTIONS, RESULT_ARGUMENT_NAMES } from "../options/option-table";
import type { OptionValues } from "../options/option-values";
import type { Vocabulary } from "../options/places";
import type { ProviderSettings } from "../options/settings";

/** The names of the arguments of one listing (the option table's `argument`s). */
export type ArgumentName = OptionNameSetAs<"argument">;

/** The arguments that are credentials: the option table's secret arguments. */
export type CredentialArgumentName = { [K in ArgumentName]: (typeof OPTIONS)[K] extends { secret: true } ? K : never }[ArgumentName];

/** Credentials given with a call: they win over every other source. */
export type CredentialOptions = Pick<OptionValues, CredentialArgumentName>;

/** The names of the credential arguments (`accessKeyId`, ...), in the table's order: its secret arguments. */
export const CREDENTIAL_ARGUMENT_NAMES = ARGUMENT_NAMES.filter((name) => OPTION_DEFINITIONS[name].secret === true) as CredentialArgumentName[];

/** The credential arguments of a call's arguments, the others left out. Pure. */
export function credentialArguments(args: object): CredentialOptions {
    const given = args as Readonly<Record<string, unknown>>;
    return Object.fromEntries(CREDENTIAL_ARGUMENT_NAMES.map((name) => [name, given[name]])) as CredentialOptions;
}

/** The names of a call's arguments about its result (the option table's `resultArgument`s). */
export type ResultArgumentName = OptionNameSetAs<"resultArgument">;

/** What a call asks done with its result (`outputFile`): the get functions and the plugin's function take them. */
export type ResultOptions = Pick<OptionValues, ResultArgumentName>;

/** A call's arguments, split: those of the listing, and those about its result. */
export function splitCallArguments<T extends object>(args: T): { listing: Omit<T, ResultArgumentName>; result: ResultOptions } {
    const listing: Record<string, unknown> = {};
    const result: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(args)) ((RESULT_ARGUMENT_NAMES as readonly string[]).includes(name) ? result : listing)[name] = value;
    return { listing: listing as Omit<T, ResultArgumentName>, result: result as ResultOptions };
}

/** What to list. */
export type ListQuery = Pick<OptionValues, "contactId" | "pageSize">;

/** How to reach the service and how hard to try. Every field is optional. */
export type ClientOptions = Pick<OptionValues, Exclude<ArgumentName, keyof ListQuery>>;

/** Options that only code can pass (not stack config or resource inputs). */
export interface RuntimeOptions {
    /** Called after each page: pages done, pages in all. */
    onProgress?(pagesDone: number, pagesTotal: number): void;
    /** Cancels the listing. */
    signal?: AbortSignal;
    /** Where credentials come from, replacing the built-in chain. */
    credentialsProvider?: CredentialsProvider;
    /** A provider's settings (stack config, a plugin's configuration), for every value no argument gives. */
    settings?: ProviderSettings;
    /** How the caller names the places of its arguments and settings, in messages. Default: arguments by name. */
    vocabulary?: Vocabulary;
    /** The environment to read; default `process.env`. */
    env?: Readonly<Record<string, string | undefined>>;
    /** Defaults of the listing's limits that win over the package's (the resource's `consistency: "snapshot"`). */
    limitDefaults?: { consistency?: "checked" | "snapshot" };
}

/** The names of {@link RuntimeOptions}, which `listMessageContactVerifications` accepts beside the arguments. */
export const RUNTIME_OPTION_NAMES = [
    "onProgress",
    "signal",
    "credentialsProvider",
    "settings",
    "vocabulary",
    "env",
    "limitDefaults",
] as const satisfies readonly (keyof RuntimeOptions)[];

/** Everything `listMessageContactVerifications` takes. */
export type ListOptions = ListQuery & ClientOptions & RuntimeOptions;

/** The arguments that have a constant default in the option table: the listing's limits. */
export type LimitName = { [K in ArgumentName]: (typeof OPTIONS)[K] extends { default: number | string } ? K : never }[ArgumentName];

/** Every limit of a listing, resolved. */
export type ListingLimits = Required<Pick<OptionValues, LimitName>>;

/** The defaults of the listing's limits: every argument with a constant default in the option table. */
export const LIST_DEFAULTS: Readonly<ListingLimits> = Object.freeze(
    Object.fromEntries(
        ARGUMENT_NAMES.flatMap((name) => {
            const value = OPTION_DEFINITIONS[name].default;
            return typeof value === "number" || typeof value === "string" ? [[name, value]] : [];
        }),
    ) as ListingLimits,
);
