/**
 * The repository's Rego policy (`policy/`, the one `opa eval` and `conftest` run on Terraform plans), compiled to
 * WebAssembly by `opa build -t wasm` into `policy.wasm` beside this file, and evaluated here with
 * `@open-policy-agent/opa-wasm`: no OPA is needed where the pack runs. `npm run policy:wasm` writes `policy.wasm`
 * (and `policy.wasm.json`, the hashes of the sources it was compiled from, which the tests compare with `policy/`).
 *
 * The policy's entrypoints: `main/deny` and `main/warn` (the verdicts), `main/not_applicable` (why a rule has
 * nothing to check), `main/config_errors` (what is wrong with the settings), `main/policies` (each rule's
 * description, severity, remediation and settings) and `main/settings` (the settings' JSON schema).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LoadedPolicy, loadPolicySync } from "@open-policy-agent/opa-wasm";
import { z } from "zod";

/** The compiled policy the pack ships. */
export const POLICY_WASM_FILE = join(__dirname, "policy.wasm");

/** The entrypoints `policy.wasm` is compiled with, in the order `opa build -e` is given them. */
export const ENTRYPOINTS = ["main/deny", "main/warn", "main/not_applicable", "main/config_errors", "main/policies", "main/settings"] as const;

/** Where the policy reads its settings: `data.message_contacts`. */
export const SETTINGS_KEY = "message_contacts";

const verdictSchema = z.object({ msg: z.string(), policy: z.string(), resource: z.string() });

/** One verdict: the message, the rule (a name of {@link CompiledPolicy.policies}) and the resource it concerns. */
export type Verdict = z.infer<typeof verdictSchema>;

const policyInfoSchema = z.object({
    description: z.string(),
    severity: z.enum(["low", "medium", "high", "critical"]),
    remediation: z.string(),
    settings: z.array(z.string()),
});

/** A rule of the policy: what it checks, how severe a violation is, what to do, the settings it reads. */
export type PolicyInfo = z.infer<typeof policyInfoSchema>;

const settingSchema = z.looseObject({ type: z.string(), description: z.string(), default: z.unknown() });

/** A setting's JSON schema (with its `default` and `description`). */
export type SettingSchema = z.infer<typeof settingSchema>;

/** What the policy says of one input with one set of settings. */
export interface Judgement {
    /** The verdicts that fail a plan (`conftest test` exits 1 on them). */
    deny: Verdict[];
    /** The verdicts that only warn. */
    warn: Verdict[];
    /** Why a rule has nothing to check, by rule name. */
    notApplicable: Record<string, string>;
    /** What is wrong with the settings, each naming the setting. */
    settingsErrors: string[];
}

/** The value of a result set with exactly one result, as opa-wasm returns it (`[{ result }]`). */
function onlyResult<T>(entrypoint: string, schema: z.ZodType<T>, resultSet: unknown): T {
    const parsed = z.tuple([z.object({ result: schema })]).safeParse(resultSet);
    if (!parsed.success) {
        throw new Error(`the compiled policy's ${entrypoint} returned an unexpected result (${z.prettifyError(parsed.error)}): is policy.wasm stale?`);
    }
    return parsed.data[0].result;
}

/** Verdicts in a fixed order (opa-wasm returns sets in hash order): by rule, resource, then message. */
function sorted(verdicts: Verdict[]): Verdict[] {
    const key = (v: Verdict) => `${v.policy}\u0000${v.resource}\u0000${v.msg}`;
    return [...verdicts].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The compiled policy, loaded once; {@link judge} evaluates it. */
export class CompiledPolicy {
    private readonly loaded: LoadedPolicy;

    constructor(wasm: Uint8Array) {
        this.loaded = loadPolicySync(wasm);
        const missing = ENTRYPOINTS.filter((entrypoint) => !(entrypoint in (this.loaded.entrypoints as Record<string, number>)));
        if (missing.length > 0) throw new Error(`the compiled policy has no entrypoint ${missing.join(", ")}: is policy.wasm stale?`);
    }

    /** Loads `policy.wasm` (or another compiled policy). */
    static load(file: string = POLICY_WASM_FILE): CompiledPolicy {
        return new CompiledPolicy(readFileSync(file));
    }

    /** The verdicts on `input` (a plan's JSON, or {@link StackInput}) with `settings` as `data.message_contacts`. */
    judge(input: unknown, settings: Readonly<Record<string, unknown>> = {}): Judgement {
        this.loaded.setData({ [SETTINGS_KEY]: settings });
        return {
            deny: sorted(this.evaluate("main/deny", z.array(verdictSchema), input)),
            warn: sorted(this.evaluate("main/warn", z.array(verdictSchema), input)),
            notApplicable: this.evaluate("main/not_applicable", z.record(z.string(), z.string()), input),
            settingsErrors: this.evaluate("main/config_errors", z.array(z.string()), input).sort(),
        };
    }

    /** The policy's rules by name, sorted by name. */
    policies(): [string, PolicyInfo][] {
        this.loaded.setData({});
        const table = this.evaluate("main/policies", z.record(z.string(), policyInfoSchema), {});
        return Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    }

    /** The settings' JSON schema, by setting. */
    settings(): Record<string, SettingSchema> {
        this.loaded.setData({});
        return this.evaluate("main/settings", z.record(z.string(), settingSchema), {});
    }

    private evaluate<T>(entrypoint: (typeof ENTRYPOINTS)[number], schema: z.ZodType<T>, input: unknown): T {
        return onlyResult(entrypoint, schema, this.loaded.evaluate(input, entrypoint));
    }
}
