/**
 * Policies over the listings that `MessageContactVerifications` records in state, and the pure helpers they
 * are built from (target classification, allow-list checks, messages). `index.ts` serves them as a policy
 * pack; the tests call their `validateStack` directly.
 *
 * The resource has two types, both checked: the dynamic resource of Node.js programs and the provider plugin's
 * resource of YAML, Python and Go programs (the package's `RESOURCE_TYPE_TOKENS`). Both record the same outputs.
 *
 * They are stack policies (`validateStack`), not resource policies: a resource policy sees a resource's
 * inputs, while the listing (`totalCount`, `verifications`, `targets`) exists only in its outputs, which stack
 * policies see once they are recorded.
 *
 * At preview they check the same listing as at `up`: the resource's provider lists in `check`, whose inputs
 * the engine plans as a dynamic resource's outputs, so a preview that creates or updates it carries today's
 * listing. Only when an input is unknown at preview (a `contactId` from another resource's output) is there no
 * listing yet: such resources are skipped, and a policy with nothing to check says it is not applicable.
 */
import { EnforcementLevel, PolicyConfigSchema, PolicyResource, ReportViolation, Secret, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { RESOURCE_TYPE_TOKENS } from "pulumi-alicloud-message-contacts";

/** The name of the policy that flags pending verifications. */
export const NO_PENDING_VERIFICATIONS = "no-pending-message-contact-verifications";
/** The name of the policy that checks targets against allowed email domains and phone country codes. */
export const TARGETS_ALLOWED = "message-contact-verification-targets-allowed";

/** Both policies only advise unless configured otherwise. */
export const DEFAULT_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";
/** The country code of masked phone numbers that carry none (`138****0000`): mainland China. */
export const DEFAULT_PHONE_COUNTRY_CODE = "86";
/** How many targets a pending-verifications message names. */
export const TARGETS_NAMED_WHEN_PENDING = 3;
/** How many disallowed targets a targets-allowed message names. */
export const TARGETS_NAMED_WHEN_DISALLOWED = 5;

/** What the policy factories accept. */
export interface PolicyOptions {
    /** Default `advisory`. Policy pack config (`enforcementLevel` of the policy) still overrides it. */
    enforcementLevel?: EnforcementLevel;
}

// ------------------------------------------------------------------------------------------------
// Reading a recorded listing
// ------------------------------------------------------------------------------------------------

/** The outputs whose values are the masked targets; `secretTargets: true` makes both secret. */
const TARGET_OUTPUTS = ["verifications", "targets"] as const;

/**
 * A value without its `Secret` wrapper, and whether it had one. (The analyzer hands stack policies plain values:
 * it unwraps secrets, and fails on any other wire envelope, before they run; a `Secret` comes from direct callers.)
 */
export function unwrapSecret(value: unknown): { value: unknown; secret: boolean } {
    if (value instanceof Secret) return { value: unwrapSecret(value.value).value, secret: true };
    return { value, secret: false };
}

/** Whether a resource of the stack is a `MessageContactVerifications`, of either of its types. */
export function isMessageContactVerifications(resource: Pick<PolicyResource, "type">): boolean {
    return RESOURCE_TYPE_TOKENS.includes(resource.type);
}

/** Why a policy has nothing to check in a stack without `MessageContactVerifications`. */
export const NO_MESSAGE_CONTACT_VERIFICATIONS = `Policy only applies to resources of type ${RESOURCE_TYPE_TOKENS.map((type) => `'${type}'`).join(" or ")}`;

/**
 * The stack's `MessageContactVerifications` (either type); when it has none, the policy is not applicable
 * (`args.notApplicable` throws).
 */
export function messageContactVerifications(args: StackValidationArgs): PolicyResource[] {
    const resources = args.resources.filter(isMessageContactVerifications);
    if (resources.length === 0) args.notApplicable(NO_MESSAGE_CONTACT_VERIFICATIONS);
    return resources;
}

/** What the policies need from one recorded `MessageContactVerifications`. */
export interface RecordedListing {
    /** The resource's name and URN, for messages and diagnostics. */
    name: string;
    urn: string;
    /** The contact the listing is filtered to, if any. */
    contactId?: string;
    /** How many verifications are pending (`totalCount`, or the length of `verifications` if larger). */
    pendingCount: number;
    /** The distinct masked targets, sorted (the `targets` output, else taken from `verifications`). */
    targets: string[];
    /**
     * The targets are secret: the resource records `secretTargets: true` (the plugin's resource keeps its
     * targets secret by that input alone), `verifications`/`targets` are in `additionalSecretOutputs` (the
     * dynamic resource), or they arrived wrapped as secrets. Messages then never show them. (The analyzer unwraps
     * secrets before stack policies run, so the inputs and the resource options are what tells.)
     */
    targetsSecret: boolean;
}

function stringsOf(value: unknown): string[] {
    if (!Array.isArray(value)) return [];
    const strings: string[] = [];
    for (const item of value) {
        const unwrapped = unwrapSecret(item).value;
        if (typeof unwrapped === "string") strings.push(unwrapped);
    }
    return strings;
}

function targetsOfVerifications(value: unknown): string[] {
    if (!Array.isArray(value)) return [];
    const targets: string[] = [];
    for (const item of value) {
        const verification = unwrapSecret(item).value;
        if (typeof verification === "object" && verification !== null) {
            const target = unwrapSecret((verification as Record<string, unknown>).target).value;
            if (typeof target === "string") targets.push(target);
        }
    }
    return targets;
}

/** The outputs that hold a listing; a state without any of them has none recorded. */
const LISTING_OUTPUTS = ["totalCount", "verifications", "targets"] as const;

/**
 * Reads a `MessageContactVerifications` resource's listing (recorded, or planned at preview), or `undefined`
 * when it has none (a preview whose inputs are not all known yet). Reading an output that
 * is unknown throws the analyzer's `UnknownValueError`, which the analyzer reports as "can't run policy during
 * preview": it is deliberately not caught.
 */
export function recordedListing(resource: Pick<PolicyResource, "name" | "urn" | "props" | "opts">): RecordedListing | undefined {
    const props = resource.props;
    // `in` does not read the value, so the analyzer's unknown-checking proxy lets it through.
    if (!LISTING_OUTPUTS.some((name) => name in props)) return undefined;
    const totalCount = unwrapSecret(props.totalCount).value;
    const verifications = unwrapSecret(props.verifications);
    const targetsOutput = unwrapSecret(props.targets);
    const contactId = unwrapSecret(props.contactId).value;
    const secretTargets = unwrapSecret(props.secretTargets).value === true;

    const fromVerifications = targetsOfVerifications(verifications.value);
    const listed = Array.isArray(targetsOutput.value) ? stringsOf(targetsOutput.value) : fromVerifications;
    const targets = [...new Set(listed)].sort();
    const verificationCount = Array.isArray(verifications.value) ? verifications.value.length : 0;
    const pendingCount = Math.max(typeof totalCount === "number" && Number.isFinite(totalCount) ? totalCount : 0, verificationCount, targets.length);

    const secretOutputs = resource.opts?.additionalSecretOutputs ?? [];
    const targetsSecret = secretTargets || verifications.secret || targetsOutput.secret || TARGET_OUTPUTS.some((name) => secretOutputs.includes(name));

    const listing: RecordedListing = { name: resource.name, urn: resource.urn, pendingCount, targets, targetsSecret };
    if (typeof contactId === "string" && contactId !== "") listing.contactId = contactId;
    return listing;
}

/** Why a policy has nothing to check when no resource of the type has a recorded listing. */
export const NO_RECORDED_LISTING =
    "no MessageContactVerifications has a listing yet (its inputs are not known at this preview: " +
    "the policy checks it once they are, at the end of `pulumi up` at the latest)";

/**
 * The recorded listings of `resources` (the stack's `MessageContactVerifications`), skipping those without one;
 * when none has one, the policy is not applicable (`args.notApplicable` throws).
 */
export function recordedListings(args: StackValidationArgs, resources: readonly PolicyResource[]): RecordedListing[] {
    const listings: RecordedListing[] = [];
    for (const resource of resources) {
        const listing = recordedListing(resource);
        if (listing) listings.push(listing);
    }
    if (listings.length === 0) args.notApplicable(NO_RECORDED_LISTING);
    return listings;
}

/** `someone***@example.com, 138****0000 and 4 more`. */
export function nameSome(items: readonly string[], limit: number): string {
    const shown = items.slice(0, Math.max(0, limit));
    const rest = items.length - shown.length;
    if (shown.length === 0) return rest > 0 ? `${rest} targets` : "";
    return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

function describeResource(listing: RecordedListing): string {
    return `MessageContactVerifications "${listing.name}"${listing.contactId ? ` (contact ${listing.contactId})` : ""}`;
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
    return `${count} ${count === 1 ? singular : pluralForm}`;
}

// ------------------------------------------------------------------------------------------------
// no-pending-message-contact-verifications
// ------------------------------------------------------------------------------------------------

/** The violation message for a listing with pending verifications, or `undefined` when none are pending. */
export function pendingVerificationsMessage(listing: RecordedListing): string | undefined {
    if (listing.pendingCount === 0) return undefined;
    const what = `${describeResource(listing)} recorded ${plural(listing.pendingCount, "pending message contact verification")}`;
    let targets = "";
    if (listing.targetsSecret) targets = " (targets not shown: they are secret outputs)";
    else if (listing.targets.length > 0) targets = `: ${nameSome(listing.targets, TARGETS_NAMED_WHEN_PENDING)}`;
    return `${what}${targets}. Ask each contact to confirm the verification sent to them, or remove the contact, then run \`pulumi refresh\` or \`pulumi up\` to record the new listing.`;
}

/** The policy: a recorded listing must have no pending verification. */
export function noPendingVerificationsPolicy(options: PolicyOptions = {}): StackValidationPolicy {
    return {
        name: NO_PENDING_VERIFICATIONS,
        description: "Message contacts recorded by MessageContactVerifications have no pending verification.",
        enforcementLevel: options.enforcementLevel ?? DEFAULT_ENFORCEMENT_LEVEL,
        severity: "low",
        remediationSteps:
            "Have each listed contact confirm the verification email or text message (Resource Directory > Message " +
            "Contacts can resend it), or remove contacts that should not receive messages, then refresh the stack.",
        validateStack: (args, reportViolation) => {
            for (const listing of recordedListings(args, messageContactVerifications(args))) {
                const message = pendingVerificationsMessage(listing);
                if (message !== undefined) reportViolation(message, listing.urn);
            }
        },
    };
}

// ------------------------------------------------------------------------------------------------
// message-contact-verification-targets-allowed
// ------------------------------------------------------------------------------------------------

/** The targets-allowed policy's configuration (policy pack config, JSON). */
export interface TargetsAllowedConfig {
    /**
     * Email domains targets may use (`example.com`; `*.example.com` for its subdomains). Case-insensitive.
     * Empty or absent: email targets are not restricted.
     */
    allowedEmailDomains?: string[];
    /** Phone country codes targets may use (`86`, `852`, `+852`). Empty or absent: phone targets are not restricted. */
    allowedPhoneCountryCodes?: string[];
    /** The country code of masked numbers written without one (`138****0000`). Default `86`. */
    defaultPhoneCountryCode?: string;
}

const COUNTRY_CODE_PATTERN = "^\\+?[1-9][0-9]{0,3}$";

/** The JSON schema of {@link TargetsAllowedConfig}, which the engine validates config against. */
export const targetsAllowedConfigSchema: PolicyConfigSchema = {
    properties: {
        allowedEmailDomains: {
            type: "array",
            items: { type: "string", minLength: 1 },
            description: "Email domains verification targets may use (example.com, or *.example.com for subdomains). Empty: no restriction.",
        },
        allowedPhoneCountryCodes: {
            type: "array",
            items: { type: "string", pattern: COUNTRY_CODE_PATTERN },
            description: "Phone country codes verification targets may use (86, 852, +852). Empty: no restriction.",
        },
        defaultPhoneCountryCode: {
            type: "string",
            pattern: COUNTRY_CODE_PATTERN,
            default: DEFAULT_PHONE_COUNTRY_CODE,
            description: "Country code of masked phone numbers written without one (138****0000).",
        },
    },
};

/** {@link TargetsAllowedConfig} checked and normalized: lower-case domains, country codes without `+`. */
export interface TargetsAllowedRules {
    allowedEmailDomains: string[];
    allowedPhoneCountryCodes: string[];
    defaultPhoneCountryCode: string;
}

function normalizeCountryCode(value: string, field: string): string {
    const code = value.trim().replace(/^\+/, "");
    if (!/^[1-9][0-9]{0,3}$/.test(code)) {
        throw new Error(`${TARGETS_ALLOWED}: ${field} must be country codes such as "86" or "+852", got ${JSON.stringify(value)}`);
    }
    return code;
}

function normalizeDomain(value: string): string {
    const domain = value.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, "");
    if (domain === "" || domain === "*." || /[\s@]/.test(domain)) {
        throw new Error(`${TARGETS_ALLOWED}: allowedEmailDomains must be domains such as "example.com" or "*.example.com", got ${JSON.stringify(value)}`);
    }
    return domain;
}

function stringList(value: unknown, field: string): string[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
        throw new Error(`${TARGETS_ALLOWED}: ${field} must be a list of strings, got ${JSON.stringify(value)}`);
    }
    return value as string[];
}

/** Checks and normalizes the config (the engine validates it against the schema; this also covers direct calls). */
export function targetsAllowedRules(config: TargetsAllowedConfig = {}): TargetsAllowedRules {
    const defaultCode = config.defaultPhoneCountryCode;
    return {
        allowedEmailDomains: [...new Set(stringList(config.allowedEmailDomains, "allowedEmailDomains").map(normalizeDomain))],
        allowedPhoneCountryCodes: [
            ...new Set(stringList(config.allowedPhoneCountryCodes, "allowedPhoneCountryCodes").map((c) => normalizeCountryCode(c, "allowedPhoneCountryCodes"))),
        ],
        defaultPhoneCountryCode:
            defaultCode === undefined || defaultCode === null || defaultCode === ""
                ? DEFAULT_PHONE_COUNTRY_CODE
                : normalizeCountryCode(String(defaultCode), "defaultPhoneCountryCode"),
    };
}

/** What a masked target is. */
export type TargetClass =
    | { kind: "email"; domain: string }
    /**
     * A phone number. `countryCode` comes from the target (`852-6123****`, `+852-6123****`, `+852 6123****`) or,
     * for a number without one (`138****0000`), from `defaultPhoneCountryCode`. A number in the form
     * `+8613800000000` has no separator: `countryCode` is then undefined and `digits` holds what follows `+`.
     */
    | { kind: "phone"; countryCode: string; countryCodeFrom: "target" | "default" }
    | { kind: "phone"; countryCode: undefined; countryCodeFrom: "unseparated"; digits: string }
    | { kind: "unrecognized" };

/** Digits and the service's mask characters, possibly grouped by spaces or hyphens. */
const MASKED_NUMBER = /^[0-9*](?:[0-9*]|[ -](?=[0-9*]))*$/;

/**
 * Classifies a masked target: an email address (the service masks the local part only, so the domain after
 * the last `@` is intact) or a phone number with its country code.
 */
export function classifyTarget(target: string, defaultPhoneCountryCode: string = DEFAULT_PHONE_COUNTRY_CODE): TargetClass {
    const text = target.trim();
    const at = text.lastIndexOf("@");
    if (at >= 0) {
        const domain = text
            .slice(at + 1)
            .toLowerCase()
            .replace(/\.$/, "");
        return domain !== "" && !/[\s@]/.test(domain) ? { kind: "email", domain } : { kind: "unrecognized" };
    }
    // Country code, then a hyphen or space: 852-6123****, +852-6123****, +852 6123****.
    const [, countryCode, number] = /^\+?([1-9][0-9]{0,3})[ -](.+)$/.exec(text) ?? [];
    if (countryCode !== undefined && number !== undefined && MASKED_NUMBER.test(number) && /[0-9]/.test(number)) {
        return { kind: "phone", countryCode, countryCodeFrom: "target" };
    }
    // +8613800000000: international, but where the country code ends is not marked.
    const [, digits] = /^\+([1-9][0-9*]*)$/.exec(text) ?? [];
    if (digits !== undefined) return { kind: "phone", countryCode: undefined, countryCodeFrom: "unseparated", digits };
    // 138****0000: a national number.
    if (!text.startsWith("+") && MASKED_NUMBER.test(text) && /[0-9]/.test(text)) {
        return { kind: "phone", countryCode: defaultPhoneCountryCode.replace(/^\+/, ""), countryCodeFrom: "default" };
    }
    return { kind: "unrecognized" };
}

/** Whether a (lower-case) domain is allowed: equal to an entry, or a subdomain of a `*.` entry. */
export function emailDomainAllowed(domain: string, allowedDomains: readonly string[]): boolean {
    const wanted = domain.toLowerCase();
    return allowedDomains.some((entry) => (entry.startsWith("*.") ? wanted.endsWith(entry.slice(1)) && wanted.length > entry.length - 1 : wanted === entry));
}

/**
 * Whether a phone target's country code is allowed. For `+8613800000000` the allowed codes are matched as
 * prefixes of the (unmasked) leading digits: country codes are prefix-free (E.164), so this is unambiguous.
 */
export function phoneCountryCodeAllowed(phone: Extract<TargetClass, { kind: "phone" }>, allowedCodes: readonly string[]): boolean {
    if (phone.countryCode !== undefined) return allowedCodes.includes(phone.countryCode);
    return allowedCodes.some((code) => phone.digits.startsWith(code));
}

/** A target outside the allowed lists, and why. */
export interface DisallowedTarget {
    target: string;
    kind: "email" | "phone" | "unrecognized";
    reason: string;
}

/** The targets that the rules do not allow. With both lists empty, every target is allowed. */
export function disallowedTargets(targets: readonly string[], rules: TargetsAllowedRules): DisallowedTarget[] {
    const restrictEmail = rules.allowedEmailDomains.length > 0;
    const restrictPhone = rules.allowedPhoneCountryCodes.length > 0;
    const found: DisallowedTarget[] = [];
    for (const target of targets) {
        const cls = classifyTarget(target, rules.defaultPhoneCountryCode);
        if (cls.kind === "email") {
            if (restrictEmail && !emailDomainAllowed(cls.domain, rules.allowedEmailDomains)) {
                found.push({ target, kind: "email", reason: `email domain ${cls.domain} is not allowed` });
            }
        } else if (cls.kind === "phone") {
            if (restrictPhone && !phoneCountryCodeAllowed(cls, rules.allowedPhoneCountryCodes)) {
                const reason =
                    cls.countryCode === undefined
                        ? "its country code is none of the allowed ones"
                        : `phone country code ${cls.countryCode}${cls.countryCodeFrom === "default" ? " (the default for numbers without one)" : ""} is not allowed`;
                found.push({ target, kind: "phone", reason });
            }
        } else if (restrictEmail || restrictPhone) {
            // Neither an email address nor a phone number: it cannot be shown to be allowed.
            found.push({ target, kind: "unrecognized", reason: "not recognized as an email address or a phone number" });
        }
    }
    return found;
}

function describeRules(rules: TargetsAllowedRules): string {
    const parts: string[] = [];
    if (rules.allowedEmailDomains.length > 0) parts.push(`allowed email domains: ${rules.allowedEmailDomains.join(", ")}`);
    if (rules.allowedPhoneCountryCodes.length > 0) parts.push(`allowed phone country codes: ${rules.allowedPhoneCountryCodes.join(", ")}`);
    return parts.join("; ");
}

/** The violation message for a listing with disallowed targets, or `undefined` when every target is allowed. */
export function disallowedTargetsMessage(listing: RecordedListing, rules: TargetsAllowedRules): string | undefined {
    const found = disallowedTargets(listing.targets, rules);
    if (found.length === 0) return undefined;
    const head = `${describeResource(listing)} has ${found.length} of ${plural(listing.targets.length, "verification target")} outside the allowed lists`;
    let detail: string;
    if (listing.targetsSecret) {
        const kinds = (["email", "phone", "unrecognized"] as const)
            .map((kind) => [kind, found.filter((f) => f.kind === kind).length] as const)
            .filter(([, count]) => count > 0)
            .map(([kind, count]) =>
                kind === "email"
                    ? plural(count, "email address", "email addresses")
                    : kind === "phone"
                      ? plural(count, "phone number")
                      : `${count} unrecognized`,
            )
            .join(", ");
        detail = ` (${kinds}; targets not shown: they are secret outputs)`;
    } else {
        detail = `: ${nameSome(
            found.map((f) => `${f.target} (${f.reason})`),
            TARGETS_NAMED_WHEN_DISALLOWED,
        )}`;
    }
    return `${head}${detail}. ${capitalize(describeRules(rules))}.`;
}

/** The policy: every recorded target uses an allowed email domain or phone country code. */
export function targetsAllowedPolicy(options: PolicyOptions = {}): StackValidationPolicy {
    return {
        name: TARGETS_ALLOWED,
        description: "Message contact verification targets use allowed email domains and phone country codes.",
        enforcementLevel: options.enforcementLevel ?? DEFAULT_ENFORCEMENT_LEVEL,
        severity: "medium",
        configSchema: targetsAllowedConfigSchema,
        remediationSteps:
            "Change or remove the message contacts whose email address or phone number is outside the allowed " +
            "lists, or extend allowedEmailDomains / allowedPhoneCountryCodes in the policy pack config.",
        validateStack: checkTargetsAllowed,
    };
}

function checkTargetsAllowed(args: StackValidationArgs, reportViolation: ReportViolation): void {
    const resources = messageContactVerifications(args);
    const rules = targetsAllowedRules(args.getConfig<TargetsAllowedConfig>());
    if (rules.allowedEmailDomains.length === 0 && rules.allowedPhoneCountryCodes.length === 0) {
        args.notApplicable("no allowedEmailDomains or allowedPhoneCountryCodes configured");
    }
    for (const listing of recordedListings(args, resources)) {
        const message = disallowedTargetsMessage(listing, rules);
        if (message !== undefined) reportViolation(message, listing.urn);
    }
}

// ------------------------------------------------------------------------------------------------
// The pack's policies
// ------------------------------------------------------------------------------------------------

/** `no-pending-message-contact-verifications`, advisory by default. */
export const noPendingMessageContactVerifications = noPendingVerificationsPolicy();
/** `message-contact-verification-targets-allowed`, advisory by default. */
export const messageContactVerificationTargetsAllowed = targetsAllowedPolicy();
/** Every policy of the pack. */
export const policies: StackValidationPolicy[] = [noPendingMessageContactVerifications, messageContactVerificationTargetsAllowed];
