/** Runs a fresh `node` child and reports its output and wall time. */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { NODE, REPO_ROOT } from "./paths";

export interface ChildRun {
    code: number | null;
    stdout: string;
    stderr: string;
    /** From spawn to exit, milliseconds. */
    wallMs: number;
}

export function runNode(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<ChildRun> {
    return new Promise((resolve, reject) => {
        const start = performance.now();
        // NODE_OPTIONS is cleared so that a preload from the caller's environment does not skew start-up times.
        const child = spawn(NODE, [...args], { cwd: REPO_ROOT, env: { ...process.env, NODE_OPTIONS: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.on("error", (error) => (clearTimeout(timer), reject(error)));
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr, wallMs: performance.now() - start });
        });
    });
}

/** Runs a probe that prints one JSON object on its last stdout line; throws with its stderr if it fails. */
export async function runProbe<T>(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs?: number): Promise<T> {
    const run = await runNode(args, env, timeoutMs);
    const last = run.stdout.trim().split("\n").at(-1) ?? "";
    if (run.code !== 0 || !last.startsWith("{")) throw new Error(`probe ${args.join(" ")} failed (exit ${String(run.code)}):\n${run.stderr}${run.stdout}`);
    return JSON.parse(last) as T;
}
