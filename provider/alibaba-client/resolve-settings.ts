/**
 * The one place a call's settings are resolved: the argument, else the provider's setting, else the environment,
 * else the default, for the listing's limits, the endpoint and the STS endpoint. Every caller lists through
 * `listMessageContactVerifications`, which resolves here; the resource's `create` asks here for the endpoint its
 * id names. Messages name each value where the caller's users set it (its {@link Vocabulary}).
 */
import { Endpoint, GivenEndpoint, parseEndpoint, resolveEndpoint } from "./endpoint";
import { LIST_DEFAULTS, ListingLimits, ListOptions } from "./operation/list-options";
import { OPTION_DEFINITIONS, OptionName } from "./options/option-table";
import { CLIENT_VOCABULARY, envPlace, Place, placeText, Vocabulary } from "./options/places";
import type { ProviderSettings } from "./options/settings";

type Env = Readonly<Record<string, string | undefined>>;

export type { ListingLimits };

/**
 * The listing's limits: each from the argument, else the provider's setting (for the limits that are settings),
 * else `defaults` (a caller's own, such as the resource's `snapshot`), else the option table's default.
 */
export function resolveListingLimits(options: ListOptions, settings: ProviderSettings = {}, defaults: Partial<ListingLimits> = {}): ListingLimits {
    const limits = {} as Record<string, unknown>;
    for (const name of Object.keys(LIST_DEFAULTS) as (keyof ListingLimits)[]) {
        const fromSettings = (settings as Record<string, unknown>)[name];
        limits[name] = options[name] ?? fromSettings ?? defaults[name] ?? LIST_DEFAULTS[name];
    }
    return limits as ListingLimits;
}

/** Where the caller's users set `name` as an argument, else as a setting, for messages; the name itself if neither. */
export function placeOf(name: OptionName, vocabulary: Vocabulary, as: "argument" | "setting"): Place {
    return (as === "argument" ? vocabulary.argument?.(name) : vocabulary.setting?.(name)) ?? { prefix: "", key: name };
}

/** The first environment variable of the option that is set, with its place. */
function fromEnv(name: OptionName, env: Env): GivenEndpoint {
    const variable = (OPTION_DEFINITIONS[name].env ?? []).find((v) => env[v]);
    return { value: variable ? env[variable] : undefined, field: variable ? placeText(envPlace(variable)) : "" };
}

/** What a call's endpoint is chosen from. */
export type EndpointOptions = Pick<ListOptions, "endpoint" | "endpointType" | "region">;

/**
 * The endpoint of a call, first found: the `endpoint` argument; the `endpoint` setting; the `endpoints`
 * setting's `resourcedirectory`, else `resourcemanager`; env `ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER`;
 * then chosen by `endpointType` and the region (argument, setting, environment).
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
        { value: settings.endpoints?.resourcedirectory, field: `${endpointsPlace} resourcedirectory` },
        { value: settings.endpoints?.resourcemanager, field: `${endpointsPlace} resourcemanager` },
        fromEnv("endpoint", env),
    ];
    return resolveEndpoint({
        given,
        endpointType: options.endpointType ?? settings.endpointType,
        region: options.region ?? settings.region ?? fromEnv("region", env).value,
    });
}

/** The default STS endpoint. */
export const DEFAULT_STS_HOST = "sts.aliyuncs.com";

/** Where STS `AssumeRole` is called: the `stsEndpoint` argument, else the `endpoints` setting's `sts`, else the default. */
export function resolveStsEndpoint(stsEndpoint: string | undefined, settings: ProviderSettings = {}, vocabulary: Vocabulary = CLIENT_VOCABULARY): Endpoint {
    if (stsEndpoint !== undefined) return parseEndpoint(stsEndpoint, placeOf("stsEndpoint", vocabulary, "argument").key);
    const sts = settings.endpoints?.sts;
    if (sts) return parseEndpoint(sts, `${placeText(placeOf("endpoints", vocabulary, "setting"))} sts`);
    return parseEndpoint(DEFAULT_STS_HOST);
}
