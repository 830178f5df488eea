/**
 * One table of inputs for the Rego policy, each written both ways: as the JSON of a Terraform plan (`tofu show
 * -json`, the shape OpenTofu 1.12 and Terraform 1.5 print: a data source read at plan time in `prior_state`, one
 * deferred to apply in `resource_changes`) and as the equivalent Pulumi stack resources (`MessageContactVerifications`
 * as a stack policy sees them: outputs, secret outputs, inputs only when nothing was listed). Each row says the
 * verdicts it must get, written out here: both tools must get them.
 *
 * A verdict's message is `<resource>: <finding>`; the resource is named in each tool's words
 * (`data.alicloudmessagecontacts_verifications.pending`, `MessageContactVerifications "pending"`, with ` (contact
 * c-...)` when the listing is filtered), the finding is the same.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Secret } from "@pulumi/policy";
import { DATA_SOURCE_TYPE } from "../../provider/terraform/terraform-names";
import { RESOURCE_TOKEN, RESOURCE_TYPE_TOKEN } from "../../provider/pulumi-names";

/** The rule on pending verifications (written out: the table does not take the policy's word for its names). */
export const NO_PENDING = "no-pending-message-contact-verifications";
/** The rule on targets outside the allow lists. */
export const TARGETS_ALLOWED = "message-contact-verification-targets-allowed";
/** The rule on listings not read yet. */
export const LISTING_KNOWN = "message-contact-verification-listing-known";

/** A verdict as the table writes it: its rule and its finding. */
export interface ExpectedVerdict {
    policy: string;
    finding: string;
}

/** One input of the table. */
export interface VerdictRow {
    /** What the row is about. */
    input: string;
    /** The resource's name (the data source's and the Pulumi resource's). */
    name: string;
    /** The listing's targets (one verification each, over two contacts), or `"deferred"`: not read yet. */
    targets: readonly string[] | "deferred";
    /** The contact the listing is filtered to. */
    contactId?: string;
    /** The targets are secret (Terraform: marked sensitive in the plan; Pulumi: secret outputs). */
    secret?: boolean;
    /** Which of the resource's types the Pulumi side records. */
    pulumiType: "dynamic" | "plugin";
    /** The settings (`data.message_contacts`; each Pulumi policy's config). */
    settings: Readonly<Record<string, unknown>>;
    deny: readonly ExpectedVerdict[];
    warn: readonly ExpectedVerdict[];
}

const ALLOW_LISTS = { allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] };
const REMEDY = "Have each contact confirm the verification sent to them, or remove the contact.";
const DEFERRED = "the listing is not known yet (an argument is known only later, from another resource), so no policy can check it before it is read.";
const PENDING = ["ops***@example.com", "138****0001", "someone***@example.net"];
const MASKED = ["a***@Mail.Example.COM", "+852-6123****", "852 6124****", "+8613800000000", "139****1111", "+8529876****", "not a target", "b***@example.org"];

/** The table: the inputs the issue names, each with the verdicts both tools must give. */
export const VERDICT_TABLE: readonly VerdictRow[] = [
    { input: "no verifications", name: "pending", targets: [], pulumiType: "dynamic", settings: ALLOW_LISTS, deny: [], warn: [] },
    {
        input: "pending verifications",
        name: "pending",
        targets: PENDING,
        pulumiType: "dynamic",
        settings: {},
        deny: [{ policy: NO_PENDING, finding: `3 pending message contact verifications: 138****0001, ops***@example.com, someone***@example.net. ${REMEDY}` }],
        warn: [],
    },
    {
        input: "a disallowed email domain",
        name: "pending",
        targets: PENDING,
        pulumiType: "plugin",
        settings: ALLOW_LISTS,
        deny: [
            { policy: NO_PENDING, finding: `3 pending message contact verifications: 138****0001, ops***@example.com, someone***@example.net. ${REMEDY}` },
            {
                policy: TARGETS_ALLOWED,
                finding:
                    "1 of 3 verification targets outside the allowed lists: someone***@example.net (email domain example.net is not allowed). " +
                    "Allowed email domains: example.com; allowed phone country codes: 86.",
            },
        ],
        warn: [],
    },
    {
        input: "masked targets of every form, one contact's",
        name: "one-contact",
        targets: MASKED,
        contactId: "c-qL4HqKONzOM7ab",
        pulumiType: "dynamic",
        settings: { allowedEmailDomains: ["*.example.com"], allowedPhoneCountryCodes: ["+86"], defaultPhoneCountryCode: "86" },
        deny: [
            {
                policy: NO_PENDING,
                finding: `8 pending message contact verifications: +852-6123****, +8529876****, +8613800000000 and 5 more. ${REMEDY}`,
            },
            {
                policy: TARGETS_ALLOWED,
                finding:
                    "5 of 8 verification targets outside the allowed lists: +852-6123**** (phone country code 852 is not allowed), " +
                    "+8529876**** (its country code is none of the allowed ones), 852 6124**** (phone country code 852 is not allowed), " +
                    "b***@example.org (email domain example.org is not allowed), not a target (not recognized as an email address or a phone number). " +
                    "Allowed email domains: *.example.com; allowed phone country codes: 86.",
            },
        ],
        warn: [],
    },
    {
        input: "a read deferred until the contact is known",
        name: "deferred",
        targets: "deferred",
        pulumiType: "dynamic",
        settings: ALLOW_LISTS,
        deny: [
            {
                policy: LISTING_KNOWN,
                finding: `${DEFERRED} Make the argument known when planning, or set allowDeferredReads to let it through with a warning.`,
            },
        ],
        warn: [],
    },
    {
        input: "a deferred read, allowDeferredReads: true",
        name: "deferred",
        targets: "deferred",
        pulumiType: "plugin",
        settings: { allowDeferredReads: true },
        deny: [],
        warn: [{ policy: LISTING_KNOWN, finding: `${DEFERRED} allowDeferredReads lets it through.` }],
    },
    {
        input: "secret targets",
        name: "pending",
        targets: PENDING,
        secret: true,
        pulumiType: "plugin",
        settings: ALLOW_LISTS,
        deny: [
            { policy: NO_PENDING, finding: `3 pending message contact verifications (targets not shown: they are secret). ${REMEDY}` },
            {
                policy: TARGETS_ALLOWED,
                finding:
                    "1 of 3 verification targets outside the allowed lists (1 email address; targets not shown: they are secret). " +
                    "Allowed email domains: example.com; allowed phone country codes: 86.",
            },
        ],
        warn: [],
    },
    {
        input: "secret targets of the dynamic resource",
        name: "pending",
        targets: PENDING,
        secret: true,
        pulumiType: "dynamic",
        settings: {},
        deny: [{ policy: NO_PENDING, finding: `3 pending message contact verifications (targets not shown: they are secret). ${REMEDY}` }],
        warn: [],
    },
];

/** The row's verifications: one per target, over two contacts (or the one contact the listing is filtered to). */
function verificationsOf(row: VerdictRow, targets: readonly string[]): { contactId: string; target: string }[] {
    return targets.map((target, i) => ({ contactId: row.contactId ?? (i % 2 ? "c-bbbbbbbb02" : "c-aaaaaaaa01"), target }));
}

/** The data source's address in the plan. */
export function terraformAddress(row: VerdictRow): string {
    return `data.${DATA_SOURCE_TYPE}.${row.name}`;
}

/** The row as `tofu show -json` of a plan prints it. */
export function terraformPlan(row: VerdictRow): Record<string, unknown> {
    const address = terraformAddress(row);
    const about = {
        address,
        mode: "data",
        type: DATA_SOURCE_TYPE,
        name: row.name,
        provider_name: "registry.opentofu.org/pulumi-alicloud-message-contacts/alicloudmessagecontacts",
    };
    const arguments_ = { contact_id: row.contactId ?? null, page_size: null, consistency: null, timeouts: null };
    if (row.targets === "deferred") {
        const after = row.contactId === undefined ? { ...arguments_, contact_id: undefined } : arguments_;
        return {
            format_version: "1.2",
            planned_values: {
                root_module: { resources: [{ ...about, schema_version: 0, values: after, sensitive_values: { targets: [], verifications: [] } }] },
            },
            resource_changes: [
                {
                    ...about,
                    change: {
                        actions: ["read"],
                        before: null,
                        after,
                        after_unknown: { contact_id: row.contactId === undefined, id: true, targets: true, total_count: true, verifications: true },
                        before_sensitive: false,
                        after_sensitive: { targets: [], verifications: [] },
                    },
                    action_reason: "read_because_config_unknown",
                },
            ],
        };
    }
    const verifications = verificationsOf(row, row.targets);
    const targets = [...new Set(row.targets)].sort();
    const sensitive = row.secret
        ? { targets: true, verifications: true }
        : { targets: targets.map(() => false), verifications: verifications.map(() => ({})), timeouts: {} };
    return {
        format_version: "1.2",
        prior_state: {
            format_version: "1.0",
            values: {
                root_module: {
                    resources: [
                        {
                            ...about,
                            schema_version: 0,
                            values: {
                                ...arguments_,
                                id: `resourcedirectory.aliyuncs.com/ListMessageContactVerifications/${row.contactId ?? "*"}`,
                                total_count: verifications.length,
                                targets,
                                verifications: verifications.map((v) => ({ contact_id: v.contactId, target: v.target })),
                            },
                            sensitive_values: sensitive,
                        },
                    ],
                },
            },
        },
    };
}

/** The Pulumi resource's type token. */
export function pulumiType(row: VerdictRow): string {
    return row.pulumiType === "dynamic" ? RESOURCE_TYPE_TOKEN : RESOURCE_TOKEN;
}

/** The URN of resource `name` of type `type` (the dynamic resource's unless told) in the example's `dev` stack. */
export function stackUrn(name: string, type: string = RESOURCE_TYPE_TOKEN): string {
    return `urn:pulumi:dev::alicloud-message-contacts-example::${type}::${name}`;
}

/** The row's Pulumi resource's URN. */
export function pulumiUrn(row: VerdictRow): string {
    return stackUrn(row.name, pulumiType(row));
}

/** A resource of the example's stack (the dynamic resource unless `options.type` says) as a stack policy sees it. */
export function stackResource(
    name: string,
    props: Record<string, unknown>,
    options: { additionalSecretOutputs?: string[]; type?: string } = {},
): PolicyResource {
    const type = options.type ?? RESOURCE_TYPE_TOKEN;
    return {
        type,
        name,
        urn: stackUrn(name, type),
        props,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: options.additionalSecretOutputs ?? [],
        },
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: (() => undefined) as PolicyResource["asType"],
    };
}

/**
 * The row as a stack policy sees the resource. The dynamic resource keeps secret targets secret with
 * `additionalSecretOutputs`; the plugin's records its `secretTargets` input and secret values (which direct
 * callers pass as `Secret`). A listing not read yet: the inputs only, as a preview plans them.
 */
export function pulumiResource(row: VerdictRow): PolicyResource {
    const type = pulumiType(row);
    const props: Record<string, unknown> = row.contactId === undefined ? {} : { contactId: row.contactId };
    // The plugin's resource records its input; the dynamic one's secrecy shows in its options (as the analyzer tests have it).
    if (row.secret && row.pulumiType === "plugin") props.secretTargets = true;
    if (row.targets !== "deferred") {
        const verifications = verificationsOf(row, row.targets);
        const targets = [...new Set(row.targets)].sort();
        const hide = <T>(value: T) => (row.secret && row.pulumiType === "plugin" ? new Secret(value) : value);
        Object.assign(props, { totalCount: verifications.length, verifications: hide(verifications), targets: hide(targets) });
    }
    const additionalSecretOutputs = row.secret && row.pulumiType === "dynamic" ? ["verifications", "targets"] : [];
    return stackResource(row.name, props, { type, additionalSecretOutputs });
}

/** How each tool names the row's resource at the start of a message. */
export function labels(row: VerdictRow): { terraform: string; pulumi: string } {
    const contact = row.contactId === undefined ? "" : ` (contact ${row.contactId})`;
    return { terraform: `${terraformAddress(row)}${contact}`, pulumi: `MessageContactVerifications "${row.name}"${contact}` };
}

/** A verdict as the policy gives it. */
export interface GivenVerdict {
    msg: string;
    policy: string;
    resource: string;
}

/** The verdicts the row expects from one tool, as the policy gives them, sorted as the pack sorts them. */
export function expectedVerdicts(expected: readonly ExpectedVerdict[], label: string, resource: string): GivenVerdict[] {
    return expected
        .map((v) => ({ msg: `${label}: ${v.finding}`, policy: v.policy, resource }))
        .sort((a, b) => (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : a.msg < b.msg ? -1 : 1));
}
