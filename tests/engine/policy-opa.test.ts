/**
 * The Rego policy (`policy/`) with the engine's `opa`: its tests pass with full coverage (`npm run policy:test`),
 * `opa build` compiles it into the `policy.wasm` the pack ships byte for byte, and `opa eval` of the sources judges
 * each plan of the verdict table (tests/support/policy-verdict-table.ts) as the compiled policy does in-process, and
 * as the table says: the unit tests' wasm verdicts are the Rego's.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compiledPolicy } from "../../examples/policy-pack/policies";
import { Verdict } from "../../examples/policy-pack/compiled-policy";
import { POLICY_COVERAGE_THRESHOLD, POLICY_FOLDER, runPolicyTests } from "../../engine/policy-tests";
import { findTerraformClis, TerraformClis } from "../../engine/terraform-clis";
import { buildPolicyWasm, POLICY_WASM_FILE, REPO_ROOT, staleness } from "../../generate/policy-wasm";
import { expectedVerdicts, labels, terraformAddress, terraformPlan, VERDICT_TABLE } from "../support/policy-verdict-table";
import "../policy-pack/link-local-package";

describe("the Rego policy with the engine's opa", function () {
    this.timeout(120_000);
    let clis: TerraformClis;
    let dir: string;

    before(() => {
        clis = findTerraformClis();
        dir = mkdtempSync(join(tmpdir(), "policy-opa-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it(`opa test: every test passes, coverage at least ${POLICY_COVERAGE_THRESHOLD}%, every file as opa fmt writes it`, () => {
        const report = runPolicyTests(clis.opa);
        assert.deepEqual(report.failed, []);
        assert.ok(report.passed.length >= 50, `${report.passed.length} tests`);
        assert.ok(report.coverage >= POLICY_COVERAGE_THRESHOLD, `coverage ${report.coverage}%`);
        assert.deepEqual(report.unformatted, [], "opa fmt would change these");
    });

    it("opa build -t wasm gives the committed policy.wasm, byte for byte", () => {
        assert.deepEqual(staleness(REPO_ROOT, clis.versions.opa), []);
        const built = buildPolicyWasm(clis.opa);
        assert.ok(built.equals(readFileSync(join(REPO_ROOT, POLICY_WASM_FILE))), "policy.wasm is not what opa compiles: run npm run policy:wasm");
    });

    /** `opa eval` of the sources: the deny and warn verdicts on a plan, with the settings as a data file. */
    function opaEval(name: string, plan: object, settings: object): { deny: Verdict[]; warn: Verdict[] } {
        const input = join(dir, `${name}.plan.json`);
        const data = join(dir, `${name}.settings.json`);
        writeFileSync(input, JSON.stringify(plan));
        writeFileSync(data, JSON.stringify({ message_contacts: settings }));
        const query = '{"deny": data.main.deny, "warn": data.main.warn}';
        const out = execFileSync(clis.opa, ["eval", "--format", "json", "-d", join(REPO_ROOT, POLICY_FOLDER), "-d", data, "-i", input, query], {
            encoding: "utf8",
        });
        const value = (JSON.parse(out) as { result: { expressions: { value: { deny: Verdict[]; warn: Verdict[] } }[] }[] }).result[0]?.expressions[0]?.value;
        assert.ok(value, `opa printed no result: ${out}`);
        // The order the compiled policy's verdicts come in (opa prints sets in its own order).
        const key = (v: Verdict) => `${v.policy}\u0000${v.resource}\u0000${v.msg}`;
        const order = (verdicts: Verdict[]) => [...verdicts].sort((a, b) => (key(a) < key(b) ? -1 : 1));
        return { deny: order(value.deny), warn: order(value.warn) };
    }

    for (const [index, row] of VERDICT_TABLE.entries()) {
        it(`opa eval judges the plan of "${row.input}" as the compiled policy does, and as the table says`, () => {
            const plan = terraformPlan(row);
            const judged = opaEval(`row-${index}`, plan, row.settings);
            const compiled = compiledPolicy.judge(plan, row.settings);
            assert.deepEqual(judged, { deny: compiled.deny, warn: compiled.warn });
            const label = labels(row).terraform;
            assert.deepEqual(judged, {
                deny: expectedVerdicts(row.deny, label, terraformAddress(row)),
                warn: expectedVerdicts(row.warn, label, terraformAddress(row)),
            });
        });
    }

    it("opa eval and the compiled policy agree on text from outside: control characters, non-ASCII, long targets, HTML", () => {
        const row = {
            ...(VERDICT_TABLE[1] as (typeof VERDICT_TABLE)[number]),
            targets: ["a\u001b[31m@exämple.com", "<b>&x***@example.com", "x".repeat(150), "名字***@例子.公司", "b***@EXÄMPLE.COM"],
        };
        const plan = terraformPlan(row);
        const settings = { allowedEmailDomains: ["example.com"] };
        const judged = opaEval("outside", plan, settings);
        const compiled = compiledPolicy.judge(plan, settings);
        assert.deepEqual(judged, { deny: compiled.deny, warn: compiled.warn });
        assert.equal(judged.deny.length, 2);
        for (const verdict of judged.deny) assert.doesNotMatch(verdict.msg, /[\u0000-\u001f\u007f-\uffff]/, verdict.msg);
    });
});
