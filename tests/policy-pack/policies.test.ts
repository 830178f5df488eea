/**
 * The example policy pack's policies, called directly: `validateStack` with argument objects shaped like the
 * ones the analyzer builds (resources with outputs, options, `isType`/`asType`, `getConfig`, `notApplicable`).
 * The pack served over gRPC is tested in analyzer-grpc.test.ts.
 */
import "./link-local-package";
import { strict as assert } from "node:assert";
import { first } from "../support/first";
import { PolicyResource, Secret, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { MessageContactVerifications, RESOURCE_TYPE_TOKENS } from "pulumi-alicloud-message-contacts";
import {
    classifyTarget,
    DEFAULT_ENFORCEMENT_LEVEL,
    disallowedTargets,
    emailDomainAllowed,
    messageContactVerificationTargetsAllowed,
    NO_PENDING_VERIFICATIONS,
    NO_RECORDED_LISTING,
    noPendingMessageContactVerifications,
    noPendingVerificationsPolicy,
    phoneCountryCodeAllowed,
    policies,
    recordedListing,
    TARGETS_ALLOWED,
    targetsAllowedPolicy,
    targetsAllowedRules,
    TargetsAllowedConfig,
} from "../../examples/policy-pack/policies";

const TYPE = "pulumi-nodejs:dynamic/alicloud:MessageContactVerifications";
/** The provider plugin's resource (YAML, Python and Go programs). */
const PLUGIN_TYPE = "alicloud-message-contacts:index:MessageContactVerifications";
const PROJECT = "alicloud-message-contacts-example";

function urnOf(name: string, type = TYPE): string {
    return `urn:pulumi:dev::${PROJECT}::${type}::${name}`;
}

/** A resource of the stack as a stack policy sees it. */
function stackResource(name: string, props: Record<string, unknown>, options: { additionalSecretOutputs?: string[]; type?: string } = {}): PolicyResource {
    const type = options.type ?? TYPE;
    const typeOf = (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType;
    return {
        type,
        name,
        urn: urnOf(name, type),
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
        isType: (cls) => typeOf(cls) === type,
        asType: ((cls: unknown) => (typeOf(cls) === type ? props : undefined)) as PolicyResource["asType"],
    };
}

/** The outputs `MessageContactVerifications` records for a listing. */
function listingOutputs(verifications: { contactId: string; target: string }[], extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        ...extra,
        totalCount: verifications.length,
        verifications,
        targets: [...new Set(verifications.map((v) => v.target))].sort(),
    };
}

function verificationsOf(...targets: string[]): { contactId: string; target: string }[] {
    return targets.map((target, i) => ({ contactId: `c-contact${String(i % 2).padStart(8, "0")}`, target }));
}

class NotApplicable extends Error {}

interface Outcome {
    violations: { message: string; urn?: string }[];
    notApplicable?: string;
}

/** Runs a policy's `validateStack` as the analyzer does, with `config` as its policy config. */
async function validate(policy: StackValidationPolicy, resources: PolicyResource[], config: object = {}): Promise<Outcome> {
    const violations: Outcome["violations"] = [];
    const args: StackValidationArgs = {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason ?? "");
        },
    };
    try {
        await policy.validateStack(args, (message, urn) => violations.push(urn === undefined ? { message } : { message, urn }));
    } catch (error) {
        if (error instanceof NotApplicable) return { violations, notApplicable: error.message };
        throw error;
    }
    return { violations };
}

const PENDING = verificationsOf("someone***@example.com", "138****0000", "+852-6123****", "ab***@example.org", "139****1111");

describe("policy pack: the policies", () => {
    it("select the resource by both of its types, as the package lists them", () => {
        assert.equal(MessageContactVerifications.__pulumiType, TYPE);
        assert.deepEqual(RESOURCE_TYPE_TOKENS, [TYPE, PLUGIN_TYPE]);
        assert.deepEqual(
            policies.map((p) => p.name),
            [NO_PENDING_VERIFICATIONS, TARGETS_ALLOWED],
        );
        assert.equal(NO_PENDING_VERIFICATIONS, "no-pending-message-contact-verifications");
        assert.equal(TARGETS_ALLOWED, "message-contact-verification-targets-allowed");
        // No type attached to validateStack: the analyzer would then skip every resource of the other type.
        for (const policy of policies) assert.equal((policy.validateStack as { __pulumiType?: string }).__pulumiType, undefined, policy.name);
    });

    it("check the provider plugin's resource (YAML, Python, Go programs) like the dynamic one", async () => {
        const config = { allowedEmailDomains: ["example.com"] };
        for (const type of [TYPE, PLUGIN_TYPE]) {
            const resource = stackResource("pendingRecord", listingOutputs(PENDING), { type });
            const pending = first((await validate(noPendingMessageContactVerifications, [resource])).violations);
            assert.deepEqual(pending?.urn, urnOf("pendingRecord", type), type);
            assert.match(pending.message, /^MessageContactVerifications "pendingRecord" recorded 5 pending message contact verifications: /);
            const targets = first((await validate(messageContactVerificationTargetsAllowed, [resource], config)).violations);
            assert.deepEqual(targets?.urn, urnOf("pendingRecord", type), type);
            assert.match(targets.message, /ab\*\*\*@example\.org \(email domain example\.org is not allowed\)/);
        }
        // Both types in one stack: each reported on its own resource.
        const both = [stackResource("dynamic", listingOutputs(PENDING)), stackResource("plugin", listingOutputs(PENDING), { type: PLUGIN_TYPE })];
        assert.deepEqual(
            (await validate(noPendingMessageContactVerifications, both)).violations.map((v) => v.urn),
            [urnOf("dynamic"), urnOf("plugin", PLUGIN_TYPE)],
        );
    });

    it("keep the plugin resource's targets out of messages when it records secretTargets: true", async () => {
        // The plugin makes the targets secret values, not additionalSecretOutputs, and the analyzer unwraps
        // secrets before stack policies run: the recorded input is what tells.
        const resource = stackResource("pendingRecord", listingOutputs(PENDING, { secretTargets: true }), { type: PLUGIN_TYPE });
        const pending = first((await validate(noPendingMessageContactVerifications, [resource])).violations);
        assert.match(pending.message, /recorded 5 pending message contact verifications \(targets not shown: they are secret outputs\)\./);
        const targets = first((await validate(messageContactVerificationTargetsAllowed, [resource], { allowedEmailDomains: ["example.com"] })).violations);
        assert.match(targets.message, /\(1 email address; targets not shown: they are secret outputs\)/);
        for (const { target } of PENDING) assert.ok(!`${pending.message}${targets.message}`.includes(target), target);
    });

    it("are advisory by default, and the factories take another enforcement level", () => {
        assert.equal(DEFAULT_ENFORCEMENT_LEVEL, "advisory");
        assert.equal(noPendingMessageContactVerifications.enforcementLevel, "advisory");
        assert.equal(messageContactVerificationTargetsAllowed.enforcementLevel, "advisory");
        assert.equal(noPendingVerificationsPolicy({ enforcementLevel: "mandatory" }).enforcementLevel, "mandatory");
        assert.equal(targetsAllowedPolicy({ enforcementLevel: "disabled" }).enforcementLevel, "disabled");
        assert.equal(noPendingVerificationsPolicy().enforcementLevel, "advisory");
    });

    it("skip resources without a recorded listing (a preview planning to create or update them: outputs = inputs)", async () => {
        const planned = stackResource("planned", { contactId: "c-qL4HqKONzOM7ab" });
        const config = { allowedEmailDomains: ["example.com"] };
        for (const policy of policies) {
            const outcome = await validate(policy, [planned], config);
            assert.deepEqual(outcome.violations, []);
            assert.equal(outcome.notApplicable, NO_RECORDED_LISTING);
            // Recorded ones next to it are still checked.
            const recorded = stackResource("recorded", listingOutputs(verificationsOf("x***@example.net")));
            const mixed = await validate(policy, [planned, recorded], config);
            assert.deepEqual(
                mixed.violations.map((v) => v.urn),
                [urnOf("recorded")],
            );
        }
    });

    it("leave out (not applicable) a stack without MessageContactVerifications", async () => {
        const other = stackResource("bucket", { bucket: "b" }, { type: "alicloud:oss/bucket:Bucket" });
        for (const policy of policies) {
            const outcome = await validate(policy, [other], { allowedEmailDomains: ["example.com"] });
            assert.deepEqual(outcome.violations, []);
            assert.equal(
                outcome.notApplicable,
                "Policy only applies to resources of type 'pulumi-nodejs:dynamic/alicloud:MessageContactVerifications' or " +
                    "'alicloud-message-contacts:index:MessageContactVerifications'",
            );
        }
    });
});

describe("policy pack: no-pending-message-contact-verifications", () => {
    const policy = noPendingMessageContactVerifications;

    it("passes a recorded listing with nothing pending", async () => {
        const outcome = await validate(policy, [stackResource("pending", listingOutputs([]))]);
        assert.deepEqual(outcome, { violations: [] });
    });

    it("reports a listing with pending verifications: the count, a few targets, the resource", async () => {
        const outcome = await validate(policy, [stackResource("pending", listingOutputs(PENDING))]);
        assert.equal(outcome.violations.length, 1);
        const violation = first(outcome.violations);
        assert.equal(violation.urn, urnOf("pending"));
        assert.match(violation.message, /^MessageContactVerifications "pending" recorded 5 pending message contact verifications: /);
        // The first three targets in sorted order, then how many more.
        assert.match(violation.message, /: \+852-6123\*\*\*\*, 138\*\*\*\*0000, 139\*\*\*\*1111 and 2 more\./);
        assert.doesNotMatch(violation.message, /someone/);
    });

    it("names the contact filter and uses the singular for one verification", async () => {
        const outputs = listingOutputs(verificationsOf("someone***@example.com"), { contactId: "c-qL4HqKONzOM7ab" });
        const violation = first((await validate(policy, [stackResource("one", outputs)])).violations);
        assert.match(
            violation.message,
            /^MessageContactVerifications "one" \(contact c-qL4HqKONzOM7ab\) recorded 1 pending message contact verification: someone\*\*\*@example\.com\./,
        );
    });

    it("reports each resource on its own URN, and only those with pending verifications", async () => {
        const resources = [
            stackResource("clean", listingOutputs([])),
            stackResource("bucket", { totalCount: 3 }, { type: "alicloud:oss/bucket:Bucket" }),
            stackResource("dirty", listingOutputs(verificationsOf("138****0000"))),
        ];
        const outcome = await validate(policy, resources);
        assert.deepEqual(
            outcome.violations.map((v) => v.urn),
            [urnOf("dirty")],
        );
    });

    it("does not show targets that are secret outputs (secretTargets: true)", async () => {
        const resource = stackResource("secret", listingOutputs(PENDING), { additionalSecretOutputs: ["verifications", "targets"] });
        const violation = first((await validate(policy, [resource])).violations);
        assert.match(violation.message, /recorded 5 pending message contact verifications \(targets not shown: they are secret outputs\)\./);
        for (const { target } of PENDING) assert.ok(!violation.message.includes(target), target);
    });

    it("unwraps secret values, and keeps them out of the message", async () => {
        const plain = listingOutputs(PENDING);
        const wrapped = { ...plain, verifications: new Secret(plain.verifications), targets: new Secret(plain.targets) };
        const violation = first((await validate(policy, [stackResource("wrapped", wrapped)])).violations);
        assert.match(violation.message, /recorded 5 pending .*secret outputs/);
        assert.ok(!violation.message.includes("138****0000"));
    });

    it("counts from totalCount, verifications or targets, whichever the state has", async () => {
        const countOnly = await validate(policy, [stackResource("count-only", { totalCount: 2 })]);
        assert.match(first(countOnly.violations).message, /recorded 2 pending message contact verifications\. Ask/);
        const noTargets = await validate(policy, [stackResource("no-targets", { totalCount: 1, verifications: verificationsOf("138****0000") })]);
        assert.match(first(noTargets.violations).message, /recorded 1 pending message contact verification: 138\*\*\*\*0000\./);
    });
});

describe("policy pack: message-contact-verification-targets-allowed", () => {
    const policy = messageContactVerificationTargetsAllowed;
    const MIXED = verificationsOf("someone***@example.com", "ab***@example.org", "138****0000", "+852-6123****", "852-6124****");

    it("declares its config schema, with the default phone country code", () => {
        const properties = policy.configSchema?.properties ?? {};
        assert.deepEqual(Object.keys(properties).sort(), ["allowedEmailDomains", "allowedPhoneCountryCodes", "defaultPhoneCountryCode"]);
        assert.equal(properties.allowedEmailDomains?.type, "array");
        assert.equal(properties.allowedPhoneCountryCodes?.type, "array");
        assert.equal(properties.defaultPhoneCountryCode?.default, "86");
        assert.ok(!("enforcementLevel" in properties), "the analyzer rejects a schema declaring enforcementLevel");
    });

    it("is not applicable without an allowed list: nothing is restricted", async () => {
        for (const config of [{}, { allowedEmailDomains: [], allowedPhoneCountryCodes: [] }, { defaultPhoneCountryCode: "852" }]) {
            const outcome = await validate(policy, [stackResource("pending", listingOutputs(MIXED))], config);
            assert.deepEqual(outcome.violations, []);
            assert.match(outcome.notApplicable ?? "", /no allowedEmailDomains or allowedPhoneCountryCodes configured/);
        }
    });

    it("reports email targets outside allowedEmailDomains, leaving phone numbers unrestricted", async () => {
        const outcome = await validate(policy, [stackResource("pending", listingOutputs(MIXED))], { allowedEmailDomains: ["example.com"] });
        assert.equal(outcome.violations.length, 1);
        const violation = first(outcome.violations);
        assert.equal(violation.urn, urnOf("pending"));
        assert.equal(
            violation.message,
            'MessageContactVerifications "pending" has 1 of 5 verification targets outside the allowed lists: ' +
                "ab***@example.org (email domain example.org is not allowed). Allowed email domains: example.com.",
        );
    });

    it("reports phone numbers outside allowedPhoneCountryCodes, with or without a country code in the target", async () => {
        const config: TargetsAllowedConfig = { allowedPhoneCountryCodes: ["86"] };
        const violation = first((await validate(policy, [stackResource("pending", listingOutputs(MIXED))], config)).violations);
        assert.match(violation.message, /has 2 of 5 verification targets outside the allowed lists: /);
        assert.match(
            violation.message,
            /\+852-6123\*\*\*\* \(phone country code 852 is not allowed\), 852-6124\*\*\*\* \(phone country code 852 is not allowed\)\./,
        );
        assert.match(violation.message, /Allowed phone country codes: 86\.$/);
        assert.doesNotMatch(violation.message, /138\*\*\*\*0000|example/);

        // Numbers without a country code take defaultPhoneCountryCode.
        const hongKong = { allowedPhoneCountryCodes: ["+852"], defaultPhoneCountryCode: "852" };
        const outcome = await validate(policy, [stackResource("pending", listingOutputs(MIXED))], hongKong);
        assert.deepEqual(outcome.violations, []);
        const mainland = first((await validate(policy, [stackResource("pending", listingOutputs(MIXED))], { allowedPhoneCountryCodes: ["852"] })).violations);
        assert.match(mainland.message, /138\*\*\*\*0000 \(phone country code 86 \(the default for numbers without one\) is not allowed\)/);
    });

    it("passes a listing whose targets are all allowed, and an empty one", async () => {
        const config = { allowedEmailDomains: ["Example.COM", "*.example.org", "example.org"], allowedPhoneCountryCodes: ["86", "852"] };
        assert.deepEqual(await validate(policy, [stackResource("pending", listingOutputs(MIXED))], config), { violations: [] });
        assert.deepEqual(await validate(policy, [stackResource("empty", listingOutputs([]))], config), { violations: [] });
    });

    it("names a few disallowed targets and counts the rest", async () => {
        const many = verificationsOf(...Array.from({ length: 8 }, (_, i) => `u${i}***@example.net`));
        const violation = first((await validate(policy, [stackResource("many", listingOutputs(many))], { allowedEmailDomains: ["example.com"] })).violations);
        assert.match(
            violation.message,
            /has 8 of 8 verification targets outside the allowed lists: u0\*\*\*@example\.net \(email domain example\.net is not allowed\), .*u4\*\*\*@example\.net \(email domain example\.net is not allowed\) and 3 more\./,
        );
    });

    it("does not show targets that are secret outputs, only how many of each kind", async () => {
        const resource = stackResource("secret", listingOutputs(MIXED), { additionalSecretOutputs: ["verifications", "targets"] });
        const config = { allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] };
        const violation = first((await validate(policy, [resource], config)).violations);
        assert.match(
            violation.message,
            /has 3 of 5 verification targets outside the allowed lists \(1 email address, 2 phone numbers; targets not shown: they are secret outputs\)\./,
        );
        for (const { target } of MIXED) assert.ok(!violation.message.includes(target), target);
    });

    it("reports targets it cannot classify once a list is configured", async () => {
        const odd = listingOutputs(verificationsOf("not a target", "138****0000"));
        const violation = first((await validate(policy, [stackResource("odd", odd)], { allowedPhoneCountryCodes: ["86"] })).violations);
        assert.match(violation.message, /1 of 2 verification targets .*: not a target \(not recognized as an email address or a phone number\)\./);
    });

    it("rejects config the schema would reject (for direct calls; the engine validates first)", async () => {
        const resources = [stackResource("pending", listingOutputs(MIXED))];
        await assert.rejects(validate(policy, resources, { allowedPhoneCountryCodes: ["China"] }), /allowedPhoneCountryCodes must be country codes/);
        await assert.rejects(validate(policy, resources, { allowedEmailDomains: "example.com" }), /allowedEmailDomains must be a list of strings/);
        await assert.rejects(validate(policy, resources, { allowedEmailDomains: ["a@b"] }), /allowedEmailDomains must be domains/);
        await assert.rejects(validate(policy, resources, { allowedEmailDomains: ["x.com"], defaultPhoneCountryCode: "0" }), /defaultPhoneCountryCode/);
    });
});

describe("policy pack: target classification and allow lists", () => {
    it("classifies masked email addresses by their domain", () => {
        assert.deepEqual(classifyTarget("someone***@example.com"), { kind: "email", domain: "example.com" });
        assert.deepEqual(classifyTarget(" So***@Mail.Example.COM. "), { kind: "email", domain: "mail.example.com" });
        assert.deepEqual(classifyTarget("a@b@example.net"), { kind: "email", domain: "example.net" });
        assert.deepEqual(classifyTarget("someone***@"), { kind: "unrecognized" });
    });

    it("classifies masked phone numbers by their country code, or the default one", () => {
        assert.deepEqual(classifyTarget("138****0000"), { kind: "phone", countryCode: "86", countryCodeFrom: "default" });
        assert.deepEqual(classifyTarget("138****0000", "852"), { kind: "phone", countryCode: "852", countryCodeFrom: "default" });
        assert.deepEqual(classifyTarget("138****0000", "+1"), { kind: "phone", countryCode: "1", countryCodeFrom: "default" });
        assert.deepEqual(classifyTarget("+852-6123****"), { kind: "phone", countryCode: "852", countryCodeFrom: "target" });
        assert.deepEqual(classifyTarget("852-6123****"), { kind: "phone", countryCode: "852", countryCodeFrom: "target" });
        assert.deepEqual(classifyTarget("+852 6123****"), { kind: "phone", countryCode: "852", countryCodeFrom: "target" });
        assert.deepEqual(classifyTarget("86-138****0000"), { kind: "phone", countryCode: "86", countryCodeFrom: "target" });
        // A national number with an area code (leading 0) is not a country code.
        assert.deepEqual(classifyTarget("010-1234****"), { kind: "phone", countryCode: "86", countryCodeFrom: "default" });
        assert.deepEqual(classifyTarget("+86138****0000"), { kind: "phone", countryCode: undefined, countryCodeFrom: "unseparated", digits: "86138****0000" });
    });

    it("leaves anything else unrecognized", () => {
        for (const target of ["", "not a target", "****", "+", "+852-", "852-abc", "--138", "138****0000-"]) {
            assert.deepEqual(classifyTarget(target), { kind: "unrecognized" }, JSON.stringify(target));
        }
    });

    it("matches domains exactly, or as subdomains of a *. entry", () => {
        assert.ok(emailDomainAllowed("example.com", ["example.com"]));
        assert.ok(emailDomainAllowed("EXAMPLE.com", ["example.com"]));
        assert.ok(!emailDomainAllowed("mail.example.com", ["example.com"]));
        assert.ok(emailDomainAllowed("mail.example.com", ["*.example.com"]));
        assert.ok(!emailDomainAllowed("example.com", ["*.example.com"]));
        assert.ok(!emailDomainAllowed("badexample.com", ["*.example.com"]));
    });

    it("matches unseparated international numbers by the allowed codes as prefixes (E.164 codes are prefix-free)", () => {
        const phone = (target: string) => classifyTarget(target) as Extract<ReturnType<typeof classifyTarget>, { kind: "phone" }>;
        assert.ok(phoneCountryCodeAllowed(phone("+86138****0000"), ["86"]));
        assert.ok(!phoneCountryCodeAllowed(phone("+86138****0000"), ["852"]));
        assert.ok(phoneCountryCodeAllowed(phone("+8526123****"), ["852"]));
        assert.ok(!phoneCountryCodeAllowed(phone("+8526123****"), ["86"]));
        // Masked where the country code would be: cannot be shown to be allowed.
        assert.ok(!phoneCountryCodeAllowed(phone("+8*****0000"), ["86"]));
    });

    it("normalizes the config, and applies defaults", () => {
        assert.deepEqual(targetsAllowedRules(), { allowedEmailDomains: [], allowedPhoneCountryCodes: [], defaultPhoneCountryCode: "86" });
        assert.deepEqual(
            targetsAllowedRules({
                allowedEmailDomains: ["@Example.COM", "example.com.", "*.Example.org"],
                allowedPhoneCountryCodes: ["+852", " 86 ", "852"],
                defaultPhoneCountryCode: "+852",
            }),
            { allowedEmailDomains: ["example.com", "*.example.org"], allowedPhoneCountryCodes: ["852", "86"], defaultPhoneCountryCode: "852" },
        );
    });

    it("restricts only the kinds that have a list", () => {
        const targets = ["a***@example.org", "+852-6123****", "weird"];
        assert.deepEqual(disallowedTargets(targets, targetsAllowedRules({})), []);
        assert.deepEqual(
            disallowedTargets(targets, targetsAllowedRules({ allowedEmailDomains: ["example.com"] })).map((d) => [d.target, d.kind]),
            [
                ["a***@example.org", "email"],
                ["weird", "unrecognized"],
            ],
        );
        assert.deepEqual(
            disallowedTargets(targets, targetsAllowedRules({ allowedPhoneCountryCodes: ["86"] })).map((d) => [d.target, d.kind]),
            [
                ["+852-6123****", "phone"],
                ["weird", "unrecognized"],
            ],
        );
    });

    it("reads a recorded listing from its outputs and options", () => {
        const resource = stackResource("r", listingOutputs(PENDING, { contactId: "c-abc" }), { additionalSecretOutputs: ["targets"] });
        const listing = recordedListing(resource);
        assert.deepEqual(listing, {
            name: "r",
            urn: urnOf("r"),
            contactId: "c-abc",
            pendingCount: 5,
            targets: [...PENDING.map((v) => v.target)].sort(),
            targetsSecret: true,
        });
        // Without a targets output, the targets come from the verifications, de-duplicated.
        const fromVerifications = recordedListing(stackResource("v", { totalCount: 2, verifications: verificationsOf("b@x.com", "b@x.com") }));
        assert.deepEqual([fromVerifications?.pendingCount, fromVerifications?.targets, fromVerifications?.targetsSecret], [2, ["b@x.com"], false]);
        // Inputs only (a preview creating or updating the resource): no listing.
        assert.equal(recordedListing(stackResource("planned", { contactId: "c-abc", pageSize: 50 })), undefined);
    });
});
