/** Time from spawning an executable to its first stdout line (a plugin's handshake line), then stops it. */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

/**
 * Spawns `executable args`; resolves with the ms to its first stdout line and the line, then stops it with SIGTERM.
 * Its stdin is a pipe held open, as an engine holds a plugin's (a plugin whose stdin ends would exit at once).
 */
export function timeToFirstLine(executable: string, env: NodeJS.ProcessEnv, cwd?: string, args: readonly string[] = []): Promise<{ ms: number; line: string }> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(executable, [...args], { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
        let out = "";
        let err = "";
        let done = false;
        child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
        child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const end = out.indexOf("\n");
            if (end < 0 || done) return;
            const ms = performance.now() - started;
            done = true;
            child.kill("SIGTERM");
            resolve({ ms, line: out.slice(0, end) });
        });
        child.on("error", reject);
        child.on("exit", (code) => {
            if (!done) reject(new Error(`${executable} exited (${String(code)}) before its first line: ${err.slice(0, 500)}`));
        });
    });
}
