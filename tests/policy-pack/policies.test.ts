/**
 * The example policy pack's parts, called directly: the stack's resources as the Rego policy's input
 * (stack-input.ts), and the policies built from the compiled policy (policies.ts), run with argument objects
 * shaped like the ones the analyzer builds (resources with outputs, options, `getConfig`, `notApplicable`). The
 * rules themselves are the Rego policy's, tested by `opa test` (policy/*_test.rego) and, both ways, by
 * verdict-table.test.ts; the pack served over gRPC is tested in analyzer-grpc.test.ts.
 */
import "./link-local-package";
import { strict as assert } from "node:assert";
import { PolicyResource, Secret, StackValidationArgs, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import { MessageContactVerifications, RESOURCE_TYPE_TOKENS } from "pulumi-alicloud-message-contacts";
import { compiledPolicy, DEFAULT_ENFORCEMENT_LEVEL, policies, policiesOf, SETTINGS_DECIDED_BY_LEVEL } from "../../examples/policy-pack/policies";
import { isMessageContactVerifications, stackInput, stackInputResource } from "../../examples/policy-pack/stack-input";
import { UNKNOWN_VALUE } from "../../provider/wire-format";
import { LISTING_KNOWN, NO_PENDING, stackResource, stackUrn, TARGETS_ALLOWED } from "../support/policy-verdict-table";

const TYPE = "pulumi-nodejs:dynamic/alicloud:MessageContactVerifications";
/** The provider plugin's resource (YAML, Python and Go programs). */
const PLUGIN_TYPE = "alicloud-message-contacts:index:MessageContactVerifications";

/** The outputs `MessageContactVerifications` records for a listing. */
function listingOutputs(targets: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
    const verifications = targets.map((target, i) => ({ contactId: `c-contact${String(i % 2).padStart(8, "0")}`, target }));
    return { ...extra, totalCount: verifications.length, verifications, targets: [...new Set(targets)].sort() };
}

class NotApplicable extends Error {}

interface Outcome {
    violations: { message: string; urn?: string }[];
    notApplicable?: string;
}

/** Runs a policy's `validateStack` as the analyzer does, with `config` as its policy config. */
function validate(policy: StackValidationPolicy, resources: PolicyResource[], config: object = {}): Outcome {
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
        void policy.validateStack(args, (message, urn) => violations.push(urn === undefined ? { message } : { message, urn }));
    } catch (error) {
        if (error instanceof NotApplicable) return { violations, notApplicable: error.message };
        throw error;
    }
    return { violations };
}

function policy(name: string): StackValidationPolicy {
    const found = policies.find((p) => p.name === name);
    assert.ok(found, `no policy ${name}`);
    return found;
}

const PENDING = ["someone***@example.com", "138****0000", "+852-6123****", "ab***@example.org", "139****1111"];

describe("policy pack: the stack as the Rego policy's input", () => {
    it("holds the MessageContactVerifications of both types only, their outputs as JSON", () => {
        assert.equal(MessageContactVerifications.__pulumiType, TYPE);
        assert.deepEqual(RESOURCE_TYPE_TOKENS, [TYPE, PLUGIN_TYPE]);
        const other = stackResource("bucket", { name: "b" }, { type: "aws:s3/bucket:Bucket" });
        const input = stackInput([
            stackResource("a", { contactId: "c-1", totalCount: 1, odd: Number.NaN, fn: () => 1, verifications: [{ contactId: "c-1", target: "x" }] }),
            other,
            stackResource("b", { pageSize: 5 }, { type: PLUGIN_TYPE }),
        ]);
        assert.equal(isMessageContactVerifications(other), false);
        assert.deepEqual(input, {
            pulumi: {
                resources: [
                    {
                        urn: stackUrn("a"),
                        name: "a",
                        type: TYPE,
                        outputs: { contactId: "c-1", totalCount: 1, odd: null, verifications: [{ contactId: "c-1", target: "x" }] },
                        secret_outputs: [],
                        unknown_outputs: [],
                    },
                    { urn: stackUrn("b", PLUGIN_TYPE), name: "b", type: PLUGIN_TYPE, outputs: { pageSize: 5 }, secret_outputs: [], unknown_outputs: [] },
                ],
            },
        });
    });

    it("marks outputs secret: a Secret at any depth, or additionalSecretOutputs", () => {
        const entry = stackInputResource(
            stackResource(
                "a",
                { contactId: "c-1", verifications: [{ contactId: "c-1", target: new Secret("x") }], targets: ["x"] },
                { additionalSecretOutputs: ["targets", "pendingByTarget"] },
            ),
        );
        assert.deepEqual(entry.outputs.verifications, [{ contactId: "c-1", target: "x" }]);
        assert.deepEqual(entry.secret_outputs, ["verifications", "targets", "pendingByTarget"]);
    });

    it("sets apart the outputs the analyzer's proxy says are unknown at this preview, and reads the others", () => {
        const props = unknownCheckingProxy({
            contactId: "c-1",
            totalCount: UNKNOWN_VALUE,
            verifications: [{ contactId: "c-1", target: UNKNOWN_VALUE }],
            targets: ["x"],
        });
        const entry = stackInputResource(stackResource("a", props));
        assert.deepEqual(entry.unknown_outputs, ["totalCount", "verifications"]);
        assert.deepEqual(entry.outputs, { contactId: "c-1", targets: ["x"] });
    });

    it("does not swallow other errors", () => {
        const props = Object.defineProperty({}, "totalCount", {
            enumerable: true,
            get: () => {
                throw new TypeError("broken output");
            },
        });
        assert.throws(() => stackInputResource(stackResource("a", props)), /broken output/);
    });
});

describe("policy pack: the policies, built from the compiled Rego policy", () => {
    it("one stack policy per rule, with the rule's description, severity and remediation, advisory by default", () => {
        const rules = compiledPolicy.policies();
        assert.deepEqual(
            policies.map((p) => [p.name, p.enforcementLevel]),
            rules.map(([name]) => [name, DEFAULT_ENFORCEMENT_LEVEL]),
        );
        assert.deepEqual(
            policies.map((p) => p.name),
            [LISTING_KNOWN, TARGETS_ALLOWED, NO_PENDING],
        );
        for (const [name, rule] of rules) {
            const p = policy(name);
            assert.equal(p.description, rule.description);
            assert.equal(p.severity, rule.severity);
            assert.equal(p.remediationSteps, rule.remediation);
            // No type attached to validateStack: the analyzer would then skip every resource of the other type.
            assert.equal((p.validateStack as { __pulumiType?: string }).__pulumiType, undefined, name);
        }
        assert.deepEqual(
            policiesOf(compiledPolicy, "mandatory").map((p) => p.enforcementLevel),
            ["mandatory", "mandatory", "mandatory"],
        );
    });

    it("each policy's config schema is its rule's settings from the Rego schema, but those Pulumi's levels decide", () => {
        const settings = compiledPolicy.settings();
        assert.deepEqual(Object.keys(policy(TARGETS_ALLOWED).configSchema?.properties ?? {}), [
            "allowedEmailDomains",
            "allowedPhoneCountryCodes",
            "defaultPhoneCountryCode",
        ]);
        assert.deepEqual(policy(TARGETS_ALLOWED).configSchema?.properties?.defaultPhoneCountryCode, settings.defaultPhoneCountryCode);
        assert.equal(settings.defaultPhoneCountryCode?.default, "86");
        assert.equal(policy(NO_PENDING).configSchema, undefined);
        assert.ok(compiledPolicy.policies().some(([name, rule]) => name === LISTING_KNOWN && rule.settings.includes("allowDeferredReads")));
        assert.equal(policy(LISTING_KNOWN).configSchema, undefined);
        assert.deepEqual(Object.keys(SETTINGS_DECIDED_BY_LEVEL), ["allowDeferredReads"]);
    });

    it("report their rule's verdicts on the resource they concern, one listing per resource", () => {
        const resources = [
            stackResource("all-contacts", listingOutputs(["x***@example.net"])),
            stackResource("one-contact", listingOutputs([], { contactId: "c-qL4HqKONzOM7ab" }), { type: PLUGIN_TYPE }),
        ];
        assert.deepEqual(validate(policy(NO_PENDING), resources), {
            violations: [
                {
                    message:
                        'MessageContactVerifications "all-contacts": 1 pending message contact verification: x***@example.net. ' +
                        "Have each contact confirm the verification sent to them, or remove the contact.",
                    urn: stackUrn("all-contacts"),
                },
            ],
        });
        assert.deepEqual(validate(policy(TARGETS_ALLOWED), resources, { allowedEmailDomains: ["example.com"] }).violations, [
            {
                message:
                    'MessageContactVerifications "all-contacts": 1 of 1 verification target outside the allowed lists: ' +
                    "x***@example.net (email domain example.net is not allowed). Allowed email domains: example.com.",
                urn: stackUrn("all-contacts"),
            },
        ]);
        assert.deepEqual(validate(policy(LISTING_KNOWN), resources), { violations: [] });
    });

    it("a resource whose inputs are not known at preview (no listing planned) is reported by listing-known only", () => {
        const resources = [stackResource("later", { pageSize: 5 }), stackResource("now", listingOutputs(PENDING))];
        const known = validate(policy(LISTING_KNOWN), resources);
        assert.deepEqual(
            known.violations.map((v) => v.urn),
            [stackUrn("later")],
        );
        assert.match(known.violations[0]?.message ?? "", /^MessageContactVerifications "later": the listing is not known yet/);
        assert.deepEqual(
            validate(policy(NO_PENDING), resources).violations.map((v) => v.urn),
            [stackUrn("now")],
        );
        assert.deepEqual(validate(policy(NO_PENDING), [resources[0] as PolicyResource]), {
            violations: [],
            notApplicable: "no listing is read yet (an argument is not known when planning): it is checked once it is read",
        });
    });

    it("outputs unknown at preview are a listing not known yet, not an error", () => {
        const props = unknownCheckingProxy({ contactId: "c-1", totalCount: UNKNOWN_VALUE, verifications: UNKNOWN_VALUE, targets: UNKNOWN_VALUE });
        const outcome = validate(policy(LISTING_KNOWN), [stackResource("updating", props)]);
        assert.match(outcome.violations[0]?.message ?? "", /^MessageContactVerifications "updating" \(contact c-1\): the listing is not known yet/);
    });

    it("say why they have nothing to check", () => {
        for (const p of policies) {
            assert.match(
                validate(p, [stackResource("bucket", {}, { type: "aws:s3/bucket:Bucket" })]).notApplicable ?? "",
                /^no message contact verifications listing/,
            );
        }
        assert.deepEqual(validate(policy(TARGETS_ALLOWED), [stackResource("a", listingOutputs(PENDING))]), {
            violations: [],
            notApplicable: "no allowedEmailDomains or allowedPhoneCountryCodes configured",
        });
    });

    it("refuse wrong config, naming the policy and the setting, and allowDeferredReads, naming what to do instead", () => {
        const resources = [stackResource("a", listingOutputs(PENDING))];
        assert.throws(
            () => validate(policy(TARGETS_ALLOWED), resources, { allowedPhoneCountryCodes: ["China"] }),
            new RegExp(`^Error: ${TARGETS_ALLOWED}: allowedPhoneCountryCodes\\[0\\]: "China" is not a country code; accepted: 1 to 4 digits`),
        );
        assert.throws(
            () => validate(policy(TARGETS_ALLOWED), resources, { allowedEmailDomain: ["example.com"] }),
            /allowedEmailDomain is not a setting: the settings are allowDeferredReads, allowedEmailDomains, allowedPhoneCountryCodes, defaultPhoneCountryCode/,
        );
        assert.throws(
            () => validate(policy(LISTING_KNOWN), resources, { allowDeferredReads: true }),
            new RegExp(`^Error: ${LISTING_KNOWN}: allowDeferredReads is not a setting of the policy pack: .*set this policy's enforcementLevel to advisory`),
        );
    });

    it("keep secret targets out of every message", () => {
        const resources = [
            stackResource("dynamic", listingOutputs(PENDING), { additionalSecretOutputs: ["verifications", "targets"] }),
            stackResource("plugin", { ...listingOutputs(PENDING), secretTargets: true }, { type: PLUGIN_TYPE }),
        ];
        const config = { allowedEmailDomains: ["example.com"], allowedPhoneCountryCodes: ["86"] };
        const messages = [...validate(policy(NO_PENDING), resources).violations, ...validate(policy(TARGETS_ALLOWED), resources, config).violations].map(
            (v) => v.message,
        );
        assert.equal(messages.length, 4);
        for (const message of messages) {
            assert.match(message, /targets not shown: they are secret/);
            for (const target of PENDING) assert.ok(!message.includes(target), `${message} shows ${target}`);
        }
    });
});
