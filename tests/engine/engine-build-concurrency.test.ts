/**
 * Two `npm run engine` at once on one cache: the Python environment's step (the cheap one: a venv and a pip install
 * from pip's cache) run by two processes at the same moment, in an empty cache of their own. One makes the
 * environment; the other waits for it and reuses it, instead of deleting it under the first one's pip.
 */
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../support/consumer-project";

/** Runs build-engine.ts's Python step in a child with `env`; resolves with its exit code and stderr. */
function ensurePythonEnvIn(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
    const script = [
        'require("./engine/build-engine").ensurePythonEnv().then(',
        '    () => process.stderr.write("STEP DONE\\n"),',
        "    (error) => { process.stderr.write(String(error && error.message) + '\\n'); process.exit(1); },",
        ");",
    ].join("\n");
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
            cwd: REPO_ROOT,
            env,
            stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stderr }));
    });
}

describe("npm run engine twice at once", function () {
    this.timeout(600_000);

    it("makes the Python environment once: the second run waits for the first and reuses it", async () => {
        const cache = mkdtempSync(join(tmpdir(), "engine-cache-"));
        try {
            // pip keeps its own cache under XDG_CACHE_HOME too: point it back at the user's, so nothing is downloaded twice.
            const pipCache = process.env.PIP_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pip");
            const env = { ...process.env, XDG_CACHE_HOME: cache, PIP_CACHE_DIR: pipCache };
            const runs = await Promise.all([ensurePythonEnvIn(env), ensurePythonEnvIn(env)]);
            for (const run of runs) assert.equal(run.code, 0, run.stderr);
            const made = runs.filter((run) => /made the Python environment in/.test(run.stderr));
            const waited = runs.filter((run) => /waiting for the Python environment .*: npm run engine \(pid \d+ /.test(run.stderr));
            assert.equal(made.length, 1, runs.map((run) => run.stderr).join("\n---\n"));
            assert.equal(waited.length, 1, runs.map((run) => run.stderr).join("\n---\n"));
            assert.match(waited[0]?.stderr ?? "", /made by the build this one waited for/);
            const python = join(cache, "pulumi-alicloud-message-contacts", "python");
            const check = spawnSync("sh", ["-c", `"${python}"/*/venv/bin/python -c "import pulumi, pulumi.automation"`], { encoding: "utf8" });
            assert.equal(check.status, 0, check.stderr);
        } finally {
            rmSync(cache, { recursive: true, force: true });
        }
    });
});
