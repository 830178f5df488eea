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
import { MAX_PAGE_SIZE } from "../operation/operation";
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
    /** The default in words, when it is not a constant (`every contact's`). */
    defaultText?: string;
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
        defaultText: `env ${ENDPOINT_ENV}, else chosen by endpointType and region`,
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
        defaultText: "env ALICLOUD_REGION, else ALIBABA_CLOUD_REGION, else the China site",
        env: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
        places: { argument: true, resourceInput: true, setting: { official: "region" } },
    },
    stsEndpoint: {
        rule: endpoint,
        description: "Where STS AssumeRole is called for assumeRole.",
        defaultText: "the sts entry of endpoints, else sts.aliyuncs.com",
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
        defaultText: '"checked"; "snapshot" for the resource',
        places: { argument: true, resourceInput: true, setting: {} },
    },
    timeoutMs: {
        rule: integer(1000, 3_600_000, "milliseconds"),
        description: "Time limit of the whole listing in milliseconds, retries included.",
        default: 300_000,
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
        defaultText: "the credential chain",
        secret: true,
        env: ["ALICLOUD_ACCESS_KEY"],
        places: { argument: true, setting: { official: "accessKey" } },
    },
    accessKeySecret: {
        rule: text,
        description: "AccessKey secret.",
        defaultText: "the credential chain",
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
        description: "Endpoints by service code: resourcedirectory (else resourcemanager) for the API, sts for AssumeRole.",
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

/** The option's description with its range and default, as every doc shows it: `Pages fetched ... 1..32. Default 4.` */
export function documentation(name: OptionName): string {
    const option = OPTION_DEFINITIONS[name];
    const rule = option.rule;
    const range = rule.kind === "integer" ? ` From ${rule.min} to ${rule.max}.` : "";
    const shown = option.defaultText ?? (option.default === undefined ? undefined : JSON.stringify(option.default));
    return `${option.description}${range}${shown === undefined ? "" : ` Default: ${shown}.`}`;
}

/** The names of the options that may be set at `place`, as a type. */
export type OptionNameSetAs<P extends keyof OptionPlaces> = {
    [K in OptionName]: (typeof OPTIONS)[K]["places"] extends Record<P, unknown> ? K : never;
}[OptionName];
