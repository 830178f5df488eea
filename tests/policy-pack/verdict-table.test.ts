/**
 * One rule file, the same verdicts both ways: each input of the table (tests/support/policy-verdict-table.ts)
 * judged by the compiled policy the pack ships (policy.wasm, in-process with opa-wasm) as a Terraform plan's JSON
 * and as the equivalent Pulumi stack resources, and by the pack's policies as the analyzer runs them. The same
 * plans are judged by `opa eval` of the Rego sources in the engine tests (tests/engine/policy-opa.test.ts), which
 * need the engine's opa.
 */
import "./link-local-package";
import { strict as assert } from "node:assert";
import type { StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { compiledPolicy, policies } from "../../examples/policy-pack/policies";
import { stackInput } from "../../examples/policy-pack/stack-input";
import {
    expectedVerdicts,
    GivenVerdict,
    labels,
    pulumiResource,
    pulumiUrn,
    terraformAddress,
    terraformPlan,
    VERDICT_TABLE,
    VerdictRow,
} from "../support/policy-verdict-table";

/** The settings of a row that a policy reads (its config in a policy pack config file). */
function configOf(policy: StackValidationPolicy, row: VerdictRow): Record<string, unknown> {
    const names = Object.keys(policy.configSchema?.properties ?? {});
    return Object.fromEntries(Object.entries(row.settings).filter(([name]) => names.includes(name)));
}

/** What the pack's policy reports for the row's resource, as the analyzer would call it. */
function reported(policy: StackValidationPolicy, row: VerdictRow): { violations: GivenVerdict[]; notApplicable?: string } {
    const violations: GivenVerdict[] = [];
    let notApplicable: string | undefined;
    const args: StackValidationArgs = {
        resources: [pulumiResource(row)],
        stackTags: new Map(),
        getConfig: <T extends object>() => configOf(policy, row) as T,
        notApplicable: (reason?: string): never => {
            notApplicable = reason ?? "";
            throw new Error("not applicable");
        },
    };
    try {
        void policy.validateStack(args, (message, urn) => violations.push({ msg: message, policy: policy.name, resource: urn ?? "" }));
    } catch (error) {
        if (notApplicable === undefined) throw error;
    }
    return notApplicable === undefined ? { violations } : { violations, notApplicable };
}

describe("policy: one rule file judges a Terraform plan and a Pulumi stack the same way", () => {
    for (const row of VERDICT_TABLE) {
        describe(row.input, () => {
            const label = labels(row);

            it("the plan's JSON: the expected deny and warn verdicts", () => {
                const judged = compiledPolicy.judge(terraformPlan(row), row.settings);
                assert.deepEqual(judged.settingsErrors, []);
                assert.deepEqual(judged.deny, expectedVerdicts(row.deny, label.terraform, terraformAddress(row)));
                assert.deepEqual(judged.warn, expectedVerdicts(row.warn, label.terraform, terraformAddress(row)));
            });

            it("the Pulumi resources: the same verdicts, the resource named in Pulumi's words", () => {
                const judged = compiledPolicy.judge(stackInput([pulumiResource(row)]), row.settings);
                assert.deepEqual(judged.settingsErrors, []);
                assert.deepEqual(judged.deny, expectedVerdicts(row.deny, label.pulumi, pulumiUrn(row)));
                assert.deepEqual(judged.warn, expectedVerdicts(row.warn, label.pulumi, pulumiUrn(row)));
                const plan = compiledPolicy.judge(terraformPlan(row), row.settings);
                const findings = (verdicts: GivenVerdict[], prefix: string) => verdicts.map((v) => [v.policy, v.msg.slice(prefix.length)]);
                assert.deepEqual(findings(judged.deny, label.pulumi), findings(plan.deny, label.terraform));
                assert.deepEqual(findings(judged.warn, label.pulumi), findings(plan.warn, label.terraform));
            });

            it("the pack: each policy reports its rule's verdicts on the resource, or refuses what Pulumi's levels decide", () => {
                if ("allowDeferredReads" in row.settings) {
                    const listingKnown = policies.find((p) => p.name === "message-contact-verification-listing-known");
                    assert.ok(listingKnown);
                    assert.throws(
                        () =>
                            listingKnown.validateStack(
                                {
                                    resources: [pulumiResource(row)],
                                    stackTags: new Map(),
                                    getConfig: <T extends object>() => row.settings as T,
                                    notApplicable: () => assert.fail(),
                                },
                                () => assert.fail(),
                            ),
                        /allowDeferredReads is not a setting of the policy pack: .*set this policy's enforcementLevel to advisory/,
                    );
                    return;
                }
                const expected = expectedVerdicts([...row.deny, ...row.warn], label.pulumi, pulumiUrn(row));
                for (const policy of policies) {
                    const { violations } = reported(policy, row);
                    assert.deepEqual(
                        violations,
                        expected.filter((v) => v.policy === policy.name),
                        policy.name,
                    );
                }
            });
        });
    }
});
