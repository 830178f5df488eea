/**
 * The one place a call's settings are resolved: the argument, else the provider's setting, else the environment,
 * else the default, for the listing's limits, the endpoint and the STS endpoint. Every caller lists through
 * `listMessageContactVerifications`, which resolves here; the resource's `create` asks here for the endpoint its
 * id names. Messages name each value where the caller's users set it (its {@link Vocabulary}).
 */
import { Endpoint, GivenEndpoint, parseEndpoint, resolveEndpoint } from "./endpoint";
import { InvalidArgumentError } from "./errors";
import { API_ENDPOINT_CODES, STS_ENDPOINT_CODE } from "./operation/operation";
import { LIST_DEFAULTS, LimitName, ListingLimits, ListOptions } from "./operation/list-options";
import { OPTION_DEFINITIONS, OptionName } from "./options/option-table";
import { CLIENT_VOCABULARY, envPlace, Place, placeText, Vocabulary } from "./options/places";
import type { ProviderSettings } from "./options/settings";
import { valueProblem } from "./options/validate-options";

type Env = Readonly<Record<string, string | undefined>>;

export type { ListingLimits };

/** Where a limit's value came from: the call's argument, the provider's setting, or a default. */
export type LimitSource = "argument" | "setting" | "default";

/** The listing's limits, resolved, and where each came from (for messages that name it). */
export interface ResolvedLimits {
    limits: ListingLimits;
    sources: Readonly<Record<LimitName, LimitSource>>;
}

/**
 * The listing's limits: each from the argument, else the provider's setting (for the limits that are settings),
 * else `defaults` (a caller's own, such as the resource's `snapshot`), else the option table's default. An
 * option the table marks `smallerWins` (the time limit) takes the smaller of the argument and the setting when
 * both are given: a limit a user sets holds, wherever it was set. Pure.
 */
export function resolveLimits(options: ListOptions, settings: ProviderSettings = {}, defaults: Partial<ListingLimits> = {}): ResolvedLimits {
    const limits = {} as Record<string, unknown>;
    const sources = {} as Record<LimitName, LimitSource>;
    for (const name of Object.keys(LIST_DEFAULTS) as LimitName[]) {
        const argument = options[name];
        const setting = (settings as Record<string, unknown>)[name];
        const smallerWins = (OPTION_DEFINITIONS[name] as { smallerWins?: true }).smallerWins === true;
        const settingHolds = setting !== undefined && (argument === undefined || (smallerWins && (setting as number) < (argument as number)));
        limits[name] = settingHolds ? setting : (argument ?? defaults[name] ?? LIST_DEFAULTS[name]);
        sources[name] = settingHolds ? "setting" : argument !== undefined ? "argument" : "default";
    }
    return { limits: limits as ListingLimits, sources };
}

/** The listing's limits (see {@link resolveLimits}). */
export function resolveListingLimits(options: ListOptions, settings: ProviderSettings = {}, defaults: Partial<ListingLimits> = {}): ListingLimits {
    return resolveLimits(options, settings, defaults).limits;
}

/** Where the caller's users set `name` as an argument, else as a setting, for messages; the name itself if neither. */
export function placeOf(name: OptionName, vocabulary: Vocabulary, as: "argument" | "setting"): Place {
    return (as === "argument" ? vocabulary.argument?.(name) : vocabulary.setting?.(name)) ?? { prefix: "", key: name };
}

/** ` ms` or ` bytes`: the unit a limit's value is shown with. */
function unitOf(name: OptionName): string {
    const rule = OPTION_DEFINITIONS[name].rule;
    return rule.kind === "integer" && rule.unit === "milliseconds" ? " ms" : rule.kind === "integer" && rule.unit === "bytes" ? " bytes" : "";
}

/**
 * A limit as messages name it, in the caller's words, with where it was set: `the 1000 ms set by provider
 * attribute timeout_ms`, `the 300000 ms default of argument timeoutMs and alicloud-message-contacts:timeoutMs`.
 */
export function limitText(name: LimitName, value: number | string, source: LimitSource, vocabulary: Vocabulary): string {
    const shown = `${value}${unitOf(name)}`;
    if (source !== "default") return `the ${shown} set by ${placeText(placeOf(name, vocabulary, source))}`;
    const places = [vocabulary.argument?.(name), vocabulary.setting?.(name)].filter((place): place is Place => place !== undefined);
    const named = places.length > 0 ? places.map(placeText).join(" and ") : name;
    return `the ${shown} default of ${named}`;
}

/**
 * The value of an option from the environment, when no argument or setting gives it: its first variable that is
 * set (non-empty), checked by the option's rule like any other value, or undefined when none is set. A value the
 * rule refuses is an {@link InvalidArgumentError} naming the variable (`env ALICLOUD_REGION must be a region ID
 * ...`), thrown before any request.
 */
export function optionFromEnv(name: OptionName, env: Env): { value: string; place: Place } | undefined {
    const variable = (OPTION_DEFINITIONS[name].env ?? []).find((v) => env[v]);
    const value = variable === undefined ? undefined : env[variable];
    if (variable === undefined || value === undefined) return undefined;
    const place = envPlace(variable);
    const problem = valueProblem(name, value, () => placeText(place));
    if (problem) throw new InvalidArgumentError(problem.field, problem.message);
    return { value, place };
}

/** An option's environment fallback as an endpoint to choose from. */
function endpointFromEnv(name: OptionName, env: Env): GivenEndpoint {
    const found = optionFromEnv(name, env);
    return { value: found?.value, field: found ? placeText(found.place) : "" };
}

/** What a call's endpoint is chosen from. */
export type EndpointOptions = Pick<ListOptions, "endpoint" | "endpointType" | "region">;

/**
 * The endpoint of a call, first found: the `endpoint` argument; the `endpoint` setting; the `endpoints`
 * setting's entries for the API ({@link API_ENDPOINT_CODES}, in order); the `endpoint` option's environment
 * variable; then chosen by `endpointType` and the region (argument, setting, environment). An environment
 * variable is read, and checked, only when no argument or setting gives its option.
 */
export function resolveCallEndpoint(
    options: EndpointOptions,
    settings: ProviderSettings = {},
    env: Env = process.env,
    vocabulary: Vocabulary = CLIENT_VOCABULARY,
): Endpoint {
    const endpointsPlace = placeText(placeOf("endpoints", vocabulary, "setting"));
    const given: GivenEndpoint[] = [
        { value: options.endpoint, field: placeOf("endpoint", vocabulary, "argument").key },
        { value: settings.endpoint, field: placeText(placeOf("endpoint", vocabulary, "setting")) },
        ...API_ENDPOINT_CODES.map((code) => ({ value: settings.endpoints?.[code], field: `${endpointsPlace} ${code}` })),
    ];
    if (options.endpoint === undefined && settings.endpoint === undefined) given.push(endpointFromEnv("endpoint", env));
    return resolveEndpoint({
        given,
        endpointType: options.endpointType ?? settings.endpointType,
        region: options.region ?? settings.region ?? optionFromEnv("region", env)?.value,
    });
}

/** The default STS endpoint. */
export const DEFAULT_STS_HOST = "sts.aliyuncs.com";

/** Where STS `AssumeRole` is called: the `stsEndpoint` argument, else the `endpoints` setting's `sts`, else the default. */
export function resolveStsEndpoint(stsEndpoint: string | undefined, settings: ProviderSettings = {}, vocabulary: Vocabulary = CLIENT_VOCABULARY): Endpoint {
    if (stsEndpoint !== undefined) return parseEndpoint(stsEndpoint, placeOf("stsEndpoint", vocabulary, "argument").key);
    const sts = settings.endpoints?.[STS_ENDPOINT_CODE];
    if (sts) return parseEndpoint(sts, `${placeText(placeOf("endpoints", vocabulary, "setting"))} ${STS_ENDPOINT_CODE}`);
    return parseEndpoint(DEFAULT_STS_HOST);
}
