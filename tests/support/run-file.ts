/** Runs an executable for the engine tests and keeps what it printed, whatever its end. */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";

/** A finished run: its exit code (-1 when it was killed or could not start) and its output, colour codes removed. */
export interface FileRun {
    code: number;
    stdout: string;
    stderr: string;
}

/** Without ANSI colour codes. */
function plain(text: string): string {
    return text.replace(/\x1b\[[0-9;]*m/g, "");
}

/** Runs `file` with `args` in `cwd` with exactly `env`, killed after `timeout` ms; never rejects. */
export function runFile(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeout = 240_000): Promise<FileRun> {
    return new Promise((resolve) => {
        execFile(file, [...args], { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
            resolve({
                code: error ? (typeof error.code === "number" ? error.code : -1) : 0,
                stdout: plain(String(stdout)),
                stderr: plain(`${stderr}${error && typeof error.code !== "number" ? error.message : ""}`),
            });
        });
    });
}

/** Fails, showing the output, unless `result` exited 0; its stdout. */
export function succeeded(result: FileRun, what: string): string {
    assert.equal(result.code, 0, `${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
}
