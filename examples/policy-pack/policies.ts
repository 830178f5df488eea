/**
 * The pack's policies: one stack policy per rule of the Rego policy (`policy/` at the repository's root, compiled
 * into `policy.wasm`), so that a Pulumi preview is judged by the same rule file, with the same verdicts, as a
 * Terraform plan. Each policy's name, description, severity, remediation and config schema come from the Rego
 * policy; what stays here is Pulumi's: which resources to hand it (`stack-input.ts`), the enforcement level, and
 * reporting.
 *
 * - A policy reports the verdicts of its rule (`deny`, and `warn` should a rule give one) as violations on the
 *   resource they concern, at the policy's enforcement level: `advisory` unless the policy pack config says
 *   otherwise. In Pulumi the level is what decides whether a violation fails `preview` and `up`.
 * - The policy's config is the rule's settings (`allowedEmailDomains`, ...), passed to the Rego policy as
 *   `data.message_contacts`. `allowDeferredReads` is refused: it turns a `deny` into a `warn` for `opa` and
 *   `conftest`, which have no enforcement levels; here the level of `message-contact-verification-listing-known`
 *   does that.
 * - They are stack policies (`validateStack`): the listing exists only in the resource's outputs. At preview they
 *   check the same listing as at `up` (the provider lists in `check`, whose result the engine plans as the
 *   outputs); a resource whose inputs are not known at preview has no listing yet, which
 *   `message-contact-verification-listing-known` reports.
 */
import { EnforcementLevel, PolicyConfigSchema, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { CompiledPolicy, PolicyInfo, SettingSchema } from "./compiled-policy";
import { stackInput } from "./stack-input";

/** Every policy only advises unless the policy pack config says otherwise. */
export const DEFAULT_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

/** Settings of the Rego policy that Pulumi expresses with the enforcement level instead, and what to do. */
export const SETTINGS_DECIDED_BY_LEVEL: Readonly<Record<string, string>> = {
    allowDeferredReads:
        "it turns a deny into a warning for opa and conftest, which have no enforcement levels; in Pulumi, set this " +
        "policy's enforcementLevel to advisory (the default) to let a listing that is not read yet through with a warning",
};

/** The policy config schema of a rule: the schemas of its settings, but those the level decides. */
export function configSchema(info: PolicyInfo, settings: Readonly<Record<string, SettingSchema>>): PolicyConfigSchema | undefined {
    const properties = Object.fromEntries(
        info.settings.filter((name) => !(name in SETTINGS_DECIDED_BY_LEVEL) && settings[name] !== undefined).map((name) => [name, settings[name]]),
    ) as PolicyConfigSchema["properties"];
    return Object.keys(properties).length > 0 ? { properties } : undefined;
}

/** Runs a rule over the stack: reports its verdicts, or says it is not applicable, or throws on wrong config. */
function validateWith(compiled: CompiledPolicy, name: string) {
    return (args: StackValidationArgs, reportViolation: (message: string, urn?: string) => void): void => {
        const config = args.getConfig<Record<string, unknown>>();
        for (const setting of Object.keys(config)) {
            const instead = SETTINGS_DECIDED_BY_LEVEL[setting];
            if (instead !== undefined) throw new Error(`${name}: ${setting} is not a setting of the policy pack: ${instead}`);
        }
        const judgement = compiled.judge(stackInput(args.resources), config);
        if (judgement.settingsErrors.length > 0) throw new Error(`${name}: ${judgement.settingsErrors.join("; ")}`);
        const verdicts = [...judgement.deny, ...judgement.warn].filter((verdict) => verdict.policy === name);
        for (const verdict of verdicts) reportViolation(verdict.msg, verdict.resource);
        const reason = judgement.notApplicable[name];
        if (verdicts.length === 0 && reason !== undefined) args.notApplicable(reason);
    };
}

/** The stack policies of a compiled Rego policy, one per rule, in the order of their names. */
export function policiesOf(compiled: CompiledPolicy, enforcementLevel: EnforcementLevel = DEFAULT_ENFORCEMENT_LEVEL): StackValidationPolicy[] {
    const settings = compiled.settings();
    return compiled.policies().map(([name, info]) => {
        const schema = configSchema(info, settings);
        return {
            name,
            description: info.description,
            enforcementLevel,
            severity: info.severity,
            remediationSteps: info.remediation,
            ...(schema ? { configSchema: schema } : {}),
            validateStack: validateWith(compiled, name),
        };
    });
}

/** The policy the pack ships (`policy.wasm`). */
export const compiledPolicy = CompiledPolicy.load();

/** Every policy of the pack. */
export const policies: StackValidationPolicy[] = policiesOf(compiledPolicy);
