/**
 * `npm run policy:test`: the Rego policy's tests (`policy/*_test.rego`) run by the engine's `opa test`, with the
 * coverage of the policy and its tests, and its files checked as `opa fmt` writes them; failing when a test fails,
 * the coverage is below {@link POLICY_COVERAGE_THRESHOLD} or a file is not formatted. `.ci/run` runs it once the engine is built; the engine tests run it too
 * (tests/engine/policy-opa.test.ts).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { z } from "zod";
import { findTerraformClis } from "./terraform-clis";

/** The repository's root. */
const REPO_ROOT = join(__dirname, "..");
/** The policy's folder. */
export const POLICY_FOLDER = "policy";
/** The lowest coverage accepted, in percent: every line of the policy is run by a test. */
export const POLICY_COVERAGE_THRESHOLD = 100;

const testResults = z.array(z.looseObject({ name: z.string(), package: z.string(), fail: z.boolean().optional(), error: z.unknown().optional() }));
const coverageReport = z.looseObject({ coverage: z.number() });

/** What `opa test` said. */
export interface PolicyTestReport {
    /** The tests that passed and those that failed or could not run, by `package.name`. */
    passed: string[];
    failed: string[];
    /** The coverage of the policy's files and its tests, in percent. */
    coverage: number;
    /** The files `opa fmt` would change. */
    unformatted: string[];
}

function runOpa(opa: string, args: readonly string[]): string {
    const result = spawnSync(opa, args, { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    // Exit 2 is `opa test`'s "a test failed"; anything else but 0 is an error (a policy that does not compile).
    if (result.status !== 0 && result.status !== 2) throw new Error(`opa ${args.join(" ")} exited ${String(result.status)}: ${result.stderr}`);
    return result.stdout;
}

/** Runs the policy's tests, then again for the coverage. */
export function runPolicyTests(opa: string): PolicyTestReport {
    const results = testResults.parse(JSON.parse(runOpa(opa, ["test", "--format", "json", POLICY_FOLDER])));
    const name = (result: z.infer<typeof testResults>[number]) => `${result.package}.${result.name}`;
    const failed = results.filter((result) => result.fail === true || result.error !== undefined).map(name);
    const passed = results.filter((result) => !(result.fail === true || result.error !== undefined)).map(name);
    const coverage = coverageReport.parse(JSON.parse(runOpa(opa, ["test", "--coverage", "--format", "json", POLICY_FOLDER]))).coverage;
    const unformatted = runOpa(opa, ["fmt", "--list", POLICY_FOLDER])
        .split("\n")
        .filter((line) => line.trim() !== "");
    return { passed, failed, coverage, unformatted };
}

function main(): number {
    const clis = findTerraformClis();
    const report = runPolicyTests(clis.opa);
    for (const test of report.failed) process.stdout.write(`FAIL ${test}\n`);
    for (const file of report.unformatted) process.stdout.write(`${file} is not formatted: run opa fmt -w ${POLICY_FOLDER}\n`);
    process.stdout.write(
        `opa test ${POLICY_FOLDER}/ (opa ${clis.versions.opa}): ${report.passed.length} passed, ${report.failed.length} failed; ` +
            `coverage ${report.coverage.toFixed(1)}% (at least ${POLICY_COVERAGE_THRESHOLD}%)\n`,
    );
    const ok = report.failed.length === 0 && report.passed.length > 0 && report.coverage >= POLICY_COVERAGE_THRESHOLD && report.unformatted.length === 0;
    return ok ? 0 : 1;
}

if (require.main === module) {
    process.exitCode = main();
}
