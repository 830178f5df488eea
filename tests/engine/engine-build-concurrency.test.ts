/**
 * Two `npm run engine` at once on one cache: the Python environment's step (the cheap one: a venv and a pip install
 * from pip's cache) and the language hosts' step (an npm install from npm's cache and a tsc) each run by two
 * processes at the same moment, in an empty cache of their own. One makes it; the other waits for it and reuses
 * it, instead of deleting it under the first one's pip or npm.
 */
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../support/consumer-project";

/** Runs `step` (an expression of a promise, in the repository's root) in a child with `env`; resolves with its exit code and stderr. */
function runStepIn(env: NodeJS.ProcessEnv, step: string): Promise<{ code: number | null; stderr: string }> {
    const script = [
        `${step}.then(`,
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

/**
 * Starts a language host as the engine does (a pipe on stdin, the engine's address as its argument), reads its port
 * line, then closes stdin as a dying engine would; resolves with the line and the host's exit code.
 */
function startLikeTheEngine(executable: string): Promise<{ portLine: string; code: number | null }> {
    return new Promise((resolve, reject) => {
        const child = spawn(executable, ["127.0.0.1:1"], { stdio: ["pipe", "pipe", "inherit"] });
        let stdout = "";
        let portLine = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString("utf8");
            if (!portLine && stdout.includes("\n")) {
                portLine = stdout.split("\n")[0] ?? "";
                child.stdin.end();
            }
        });
        child.on("error", reject);
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ portLine, code });
        });
    });
}

/** npm's own cache (the user's), so that nothing is downloaded again for a cache of the test's own. */
function npmCache(): string {
    return spawnSync("npm", ["config", "get", "cache"], { encoding: "utf8" }).stdout.trim();
}

describe("npm run engine twice at once", function () {
    this.timeout(600_000);

    it("makes the Python environment once: the second run waits for the first and reuses it", async () => {
        const cache = mkdtempSync(join(tmpdir(), "engine-cache-"));
        try {
            // pip keeps its own cache under XDG_CACHE_HOME too: point it back at the user's, so nothing is downloaded twice.
            const pipCache = process.env.PIP_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pip");
            const env = { ...process.env, XDG_CACHE_HOME: cache, PIP_CACHE_DIR: pipCache };
            const step = 'require("./engine/build-engine").ensurePythonEnv()';
            const runs = await Promise.all([runStepIn(env, step), runStepIn(env, step)]);
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

    it("installs the language hosts once: the second run waits for the first and reuses them; both hosts start", async () => {
        const cache = mkdtempSync(join(tmpdir(), "engine-cache-"));
        try {
            const env = { ...process.env, XDG_CACHE_HOME: cache, npm_config_cache: npmCache() };
            const step = 'require("./engine/build-language-hosts").ensureLanguageHosts(require("./engine/pulumi-engine").engineBinDir())';
            const prepare = 'Promise.resolve(require("node:fs").mkdirSync(require("./engine/pulumi-engine").engineBinDir(), { recursive: true }))';
            assert.equal((await runStepIn(env, prepare)).code, 0);
            const runs = await Promise.all([runStepIn(env, step), runStepIn(env, step)]);
            const all = runs.map((run) => run.stderr).join("\n---\n");
            for (const run of runs) assert.equal(run.code, 0, all);
            assert.equal(runs.filter((run) => /language-hosts: done in/.test(run.stderr)).length, 1, all);
            const waited = runs.filter((run) => /waiting for language-hosts: npm run engine \(pid \d+ /.test(run.stderr));
            assert.equal(waited.length, 1, all);
            assert.match(waited[0]?.stderr ?? "", /language-hosts: made by the build this one waited for/);
            const bin = spawnSync("sh", ["-c", `echo "${cache}"/pulumi-alicloud-message-contacts/engine/*/bin`], { encoding: "utf8" }).stdout.trim();
            for (const host of ["pulumi-language-nodejs", "pulumi-language-python"]) {
                const { portLine, code } = await startLikeTheEngine(join(bin, host));
                assert.match(portLine, /^\d+$/, host);
                assert.equal(code, 0, `${host} exits, quietly, when the engine's stdin pipe closes`);
            }
        } finally {
            rmSync(cache, { recursive: true, force: true });
        }
    });
});
