/** Runs the package's own build (`npm run build`) so that the benchmark measures the current sources. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { CLI_MAIN, EMULATOR_MAIN, PACKAGE_MAIN, PROVIDER_INDEX, REPO_ROOT, RESOURCE_PROVIDER } from "./paths";

export interface BuildOutcome {
    ok: boolean;
    /** The build's output when it failed (tsc still emits dist/ on type errors). */
    output: string;
}

export function buildPackage(): BuildOutcome {
    const run = spawnSync("npm", ["run", "build", "--silent"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { ok: run.status === 0, output: `${run.stdout ?? ""}${run.stderr ?? ""}${run.error ? String(run.error) : ""}` };
}

/** The built files the benchmark needs; a missing one is named. */
export function missingBuildOutputs(): string[] {
    return [PACKAGE_MAIN, PROVIDER_INDEX, RESOURCE_PROVIDER, EMULATOR_MAIN, CLI_MAIN].filter((file) => !existsSync(file));
}
