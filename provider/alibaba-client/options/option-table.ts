/**
 * Every option of the package, once: its name, what it accepts, its default, what it does, whether it is secret,
 * the environment variables that may give it, and where a user may set it. Everything else derives from this
 * table: validation and its messages, defaults, the TypeScript option types' docs, the get functions' and the
 * plugin function's arguments, the resource's inputs, the stack config keys of the dynamic provider, the plugin's
 * config keys and schema, the CLI's flags and help, and the README's tables (a test checks them).
 *
 * Where an option may be set, in words no protocol owns (each surface names its keys from these):
 * - `argument`: an argument of one listing (the get functions, the plugin's function, `listMessageContactVerifications`);
 * - `resultArgument`: an argument of one call about what is done with its result, which the listing itself does not
 *   read: the get functions and the plugin's function take it (and so the data source), the client's
 *   `listMessageContactVerifications`, which returns the listing and writes nothing, does not;
 * - `resourceInput`: an input of the `MessageContactVerifications` resource, recorded in its state (never a secret);
 * - `setting`: a setting of a provider, for every listing it makes (stack config, a provider's configuration);
 *   `official` is its name in Alibaba Cloud's official providers (Terraform's `alicloud`, `@pulumi/alicloud`),
 *   which users of those set already, else the setting is this package's own;
 * - `flag`: a flag of the command-line tool.
 */
import { DEFAULT_RETRY_OPTIONS } from "../retry/retry-options";
import { API_ENDPOINT_CODES, MAX_PAGE_SIZE, STS_ENDPOINT_CODE } from "../operation/operation";
import { DEFAULT_TRANSPORT_OPTIONS } from "../transport/transport-options";
import { outputsHolding } from "../outputs/output-table";
import { listedText } from "../outputs/output-types";
import { boolean, choice, endpoint, integer, map, object, pattern, Rule, text } from "./rules";

/** Where an option may be set. */
export interface OptionPlaces {
    argument?: true;
    resultArgument?: true;
    resourceInput?: true;
    setting?: { official?: string };
    flag?: true;
}

/** One option. */
export interface OptionDefinition {
    /** What it accepts. */
    rule: Rule;
    /** What it does, in a sentence or two (no range and no default: those are added from the rule and `default`). */
    description: string;
    /** The value used when it is not set, when it is a constant. */
    default?: number | string | boolean;
    /** The resource's own default, where it differs from {@link default} (the resource records what policies check). */
    resourceDefault?: number | string | boolean;
    /**
     * The default in words, when it is not a constant (`every contact's`). `{env}` stands for the environment
     * variables (`env A, else B`; without `{env}` they come first), and `{name}` for another option, written as each
     * surface names it (`{endpointType}`: `endpointType` for Pulumi, `endpoint_type` for Terraform).
     */
    defaultText?: string;
    /** A limit given both by a listing's argument and by its provider's setting: the smaller holds. */
    smallerWins?: true;
    /** Never shown, logged or recorded in plain text. */
    secret?: true;
    /** Environment variables read when no argument or setting gives it, first found wins. */
    env?: readonly string[];
    /** Where it may be set. */
    places: OptionPlaces;
}

const MIB = 1024 * 1024;

/** Resource Directory's endpoint variable (Terraform's provider reads it too). */
const ENDPOINT_ENV = "ALIBABA_CLOUD_ENDPOINT_RESOURCEDIRECTORYMASTER";

/** `resourcedirectory (else resourcemanager)`: the `endpoints` entries that give the API's endpoint, in order. */
const API_ENDPOINT_ENTRIES = `${API_ENDPOINT_CODES[0]} (else ${API_ENDPOINT_CODES.slice(1).join(", else ")})`;

/** The table. The order is the order of docs and help. */
export const OPTIONS = {
    contactId: {
        rule: pattern(/^c-[A-Za-z0-9]{1,64}$/, 'a message contact ID: "c-" followed by letters and digits, such as "c-qL4HqKONzOM7ab"'),
        description: "List only this message contact's pending verifications.",
        defaultText: "every contact's",
        places: { argument: true, resourceInput: true, flag: true },
    },
    pageSize: {
        rule: integer(1, MAX_PAGE_SIZE),
        description: "Items asked per page; stepped down to 50, then 10, if the service rejects it.",
        default: MAX_PAGE_SIZE,
        places: { argument: true, resourceInput: true, flag: true },
    },
    endpoint: {
        rule: endpoint,
        description: "The API's host (resourcedirectory-intl.aliyuncs.com) or URL; http:// only for loopback hosts (an emulator).",
        defaultText: `the {endpoints} entry ${API_ENDPOINT_ENTRIES}, else {env}, else chosen by {endpointType} and {region}`,
        env: [ENDPOINT_ENV],
        places: { argument: true, resourceInput: true, setting: {}, flag: true },
    },
    endpointType: {
        rule: choice("public", "vpc"),
        description: '"vpc" selects resourcedirectory.vpc-proxy.aliyuncs.com.',
        default: "public",
        places: { argument: true, resourceInput: true, setting: {} },
    },
    region: {
        rule: pattern(/^[a-z]{2,}(-[a-z0-9]+)+$/, "a region ID such as cn-hangzhou or ap-southeast-1"),
        description: "The region, which chooses the site: international regions use resourcedirectory-intl.aliyuncs.com.",
        defaultText: "the China site",
        env: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
        places: { argument: true, resourceInput: true, setting: { official: "region" } },
    },
    stsEndpoint: {
        rule: endpoint,
        description: "Where STS AssumeRole is called for {assumeRole}.",
        defaultText: `the ${STS_ENDPOINT_CODE} entry of {endpoints}, else sts.aliyuncs.com`,
        places: { argument: true, resourceInput: true },
    },
    concurrency: {
        rule: integer(1, 32),
        description: "Pages fetched at once after the first.",
        default: 4,
        places: { argument: true, resourceInput: true, setting: {}, flag: true },
    },
    maxAttempts: {
        rule: integer(1, 20),
        description: "Attempts per request, the first included.",
        default: DEFAULT_RETRY_OPTIONS.maxAttempts,
        places: { argument: true, resourceInput: true, setting: {} },
    },
    maxListings: {
        rule: integer(1, 10),
        description: "Complete listings attempted when the data changes while it is read.",
        default: 3,
        places: { argument: true, resourceInput: true },
    },
    consistency: {
        rule: choice("checked", "snapshot"),
        description:
            '"checked": one pass; every page is checked against the first, duplicates and the total are checked, and a listing that changed starts over. ' +
            '"snapshot": also confirmed by a second, identical listing, which catches a change that keeps every count (twice the requests).',
        default: "checked",
        resourceDefault: "snapshot",
        places: { argument: true, resourceInput: true, setting: {} },
    },
    timeoutMs: {
        rule: integer(1000, 3_600_000, "milliseconds"),
        description: "Time limit of the whole listing in milliseconds, retries included; when a listing and its provider both set one, the smaller holds.",
        default: 300_000,
        smallerWins: true,
        places: { argument: true, resourceInput: true, setting: {} },
    },
    requestTimeoutMs: {
        rule: integer(100, 600_000, "milliseconds"),
        description: "Time limit of one request's answer in milliseconds (waiting for headers, and between body chunks); a request past it is retried.",
        default: DEFAULT_TRANSPORT_OPTIONS.headersTimeoutMs,
        places: { argument: true, resourceInput: true },
    },
    maxResponseBytes: {
        rule: integer(1024, 256 * MIB, "bytes"),
        description: "Largest answer accepted, in bytes.",
        default: DEFAULT_TRANSPORT_OPTIONS.maxResponseBytes,
        places: { argument: true, resourceInput: true },
    },
    maxListingBytes: {
        rule: integer(MIB, 16 * 1024 * MIB, "bytes"),
        description:
            "Most bytes of answers one listing reads in all (every page, retries and confirming reads included), so that a broken or hostile endpoint cannot exhaust memory.",
        default: 256 * MIB,
        places: { argument: true, resourceInput: true },
    },
    outputFile: {
        rule: pattern(/^[^\0]+$/, "a file path"),
        description:
            "A file to write the result to, as JSON, at every read (previews and plans too): replaced at once, never in part, with mode 0600, and holding the result only, never a credential. A leading ~/ is the home folder.",
        defaultText: "none",
        places: { resultArgument: true },
    },
    secretTargets: {
        rule: boolean,
        description: `Record ${listedText(outputsHolding("targets", "resourceOutput"))} as secrets (encrypted in state, [secret] in previews).`,
        default: false,
        places: { resourceInput: true },
    },
    accessKeyId: {
        rule: text,
        description: "AccessKey ID; with the AccessKey secret, wins over every other source of credentials.",
        defaultText: "the credential chain, which reads {env}",
        secret: true,
        env: ["ALICLOUD_ACCESS_KEY"],
        places: { argument: true, setting: { official: "accessKey" } },
    },
    accessKeySecret: {
        rule: text,
        description: "AccessKey secret.",
        defaultText: "the credential chain, which reads {env}",
        secret: true,
        env: ["ALICLOUD_SECRET_KEY"],
        places: { argument: true, setting: { official: "secretKey" } },
    },
    securityToken: {
        rule: text,
        description: "STS security token, with temporary credentials.",
        defaultText: "none",
        secret: true,
        env: ["ALICLOUD_SECURITY_TOKEN"],
        places: { argument: true, setting: { official: "securityToken" } },
    },
    profile: {
        rule: text,
        description: "A profile of the aliyun CLI's ~/.aliyun/config.json to take credentials from.",
        defaultText: "none",
        env: ["ALICLOUD_PROFILE"],
        places: { setting: { official: "profile" } },
    },
    assumeRole: {
        rule: object({
            roleArn: { rule: text, description: "The role's ARN, acs:ram::<account>:role/<name>.", required: true },
            sessionName: { rule: text, description: "The session name." },
            sessionExpiration: { rule: integer(900, 43_200), description: "Lifetime of the temporary credentials, in seconds." },
            externalId: { rule: text, description: "The external ID the role's trust policy requires." },
            policy: { rule: text, description: "A RAM policy (JSON text) that further restricts the role's permissions." },
        }),
        description: "A RAM role to assume with STS before listing, with the credentials found otherwise.",
        defaultText: "none",
        places: { setting: { official: "assumeRole" } },
    },
    endpoints: {
        rule: map("an object (or a list of objects) of endpoints by service code"),
        description: `Endpoints by service code: ${API_ENDPOINT_ENTRIES} for the API, ${STS_ENDPOINT_CODE} for AssumeRole.`,
        defaultText: "none",
        places: { setting: { official: "endpoints" } },
    },
} as const satisfies Record<string, OptionDefinition>;

/** The name of an option. */
export type OptionName = keyof typeof OPTIONS;

/** Every option's definition, by name (the table, typed for reading). */
export const OPTION_DEFINITIONS: Readonly<Record<OptionName, OptionDefinition>> = OPTIONS;

/** The names of the options, in the table's order. */
export const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[];

/** The names of the options settable at `place`, in the table's order. */
export function optionsSetAs(place: keyof OptionPlaces): OptionName[] {
    return OPTION_NAMES.filter((name) => OPTION_DEFINITIONS[name].places[place] !== undefined);
}

/** Options that are arguments of one listing. */
export const ARGUMENT_NAMES = optionsSetAs("argument");
/** Options that are arguments of one call about its result (`outputFile`). */
export const RESULT_ARGUMENT_NAMES = optionsSetAs("resultArgument");
/** The arguments of one call of the function: the listing's and those about its result, in the table's order. */
export const CALL_ARGUMENT_NAMES = OPTION_NAMES.filter((name) => ARGUMENT_NAMES.includes(name) || RESULT_ARGUMENT_NAMES.includes(name));
/** Options that are the resource's inputs. */
export const RESOURCE_INPUT_OPTION_NAMES = optionsSetAs("resourceInput");
/** Options that are provider settings. */
export const SETTING_NAMES = optionsSetAs("setting");
/** Options that are flags of the command-line tool. */
export const FLAG_NAMES = optionsSetAs("flag");
/** Options never shown in plain text. */
export const SECRET_OPTION_NAMES = OPTION_NAMES.filter((name) => OPTION_DEFINITIONS[name].secret === true);

/** The halves of an AccessKey pair: one without the other is refused, naming the missing one. */
export const KEY_PAIR = ["accessKeyId", "accessKeySecret"] as const;

/** The STS security token that may come with a key pair (temporary credentials). */
export const KEY_PAIR_TOKEN = "securityToken" satisfies OptionName;

/** How a surface's docs speak: the name it gives each option, and whether its users have the resource. */
export interface DocWords {
    /** The option as the surface's users write it (`endpointType`, `endpoint_type`). */
    nameOf(name: OptionName): string;
    /** Whether the surface serves the `MessageContactVerifications` resource (whose own defaults are then told). */
    resource: boolean;
}

/** Pulumi's words: options by their names, and the resource. */
export const PULUMI_WORDS: DocWords = { nameOf: (name) => name, resource: true };

/** `text` with each `{option}` written as `words` names it, and `{env}` as `env`. */
export function inWords(text: string, words: DocWords, env = "{env}"): string {
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name === "env" ? env : Object.hasOwn(OPTIONS, name) ? words.nameOf(name as OptionName) : whole,
    );
}

/** `"checked"`: a constant default as docs show it. */
function constantText(value: number | string | boolean): string {
    return JSON.stringify(value);
}

/**
 * The default in words: `env X, else Y, else ...` from the option's environment variables, then its default
 * (its text, or its constant), and the resource's own where `words` has the resource. Undefined when there is none.
 */
export function defaultDocumentation(name: OptionName, words: DocWords = PULUMI_WORDS): string | undefined {
    const option = OPTION_DEFINITIONS[name];
    const env = (option.env ?? []).map((variable, i) => (i === 0 ? `env ${variable}` : variable)).join(", else ");
    const text = option.defaultText ?? (option.default === undefined ? undefined : constantText(option.default));
    const own = text === undefined ? undefined : inWords(text, words, env);
    const envFirst = env !== "" && !(option.defaultText ?? "").includes("{env}");
    const chain = [...(envFirst ? [env] : []), ...(own === undefined ? [] : [own])].join(", else ");
    if (chain === "") return undefined;
    return words.resource && option.resourceDefault !== undefined ? `${chain}; ${constantText(option.resourceDefault)} for the resource` : chain;
}

/** The option's description, as `words` names the options it mentions. */
export function descriptionText(name: OptionName, words: DocWords = PULUMI_WORDS): string {
    return inWords(OPTION_DEFINITIONS[name].description, words);
}

/** The option's description with its range and default, as every doc shows it: `Pages fetched ... 1..32. Default 4.` */
export function documentation(name: OptionName, words: DocWords = PULUMI_WORDS): string {
    const rule = OPTION_DEFINITIONS[name].rule;
    const range = rule.kind === "integer" ? ` From ${rule.min} to ${rule.max}.` : "";
    const shown = defaultDocumentation(name, words);
    return `${descriptionText(name, words)}${range}${shown === undefined ? "" : ` Default: ${shown}.`}`;
}

/** The names of the options that may be set at `place`, as a type. */
export type OptionNameSetAs<P extends keyof OptionPlaces> = {
    [K in OptionName]: (typeof OPTIONS)[K]["places"] extends Record<P, unknown> ? K : never;
}[OptionName];
