/**
 * How every build tool of this repository reports: progress lines on stderr, and a child process whose output goes
 * to stderr and that says every 30 s that it still runs.
 */
import { spawn } from "node:child_process";

/** A progress line on stderr. */
export function progress(line: string): void {
    process.stderr.write(`${line}\n`);
}

/** Seconds since `started`, for progress lines: `12.3 s`. */
export const since = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** How often a running step says it still runs. */
const STILL_RUNNING_EVERY_MS = 30_000;

/**
 * Runs `command` with its output on stderr, saying every 30 s that `doing` still runs; resolves with its exit
 * status (or the error that kept it from starting).
 */
export function runChild(
    doing: string,
    command: string,
    args: string[],
    options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ status: number | null; error?: Error }> {
    const started = Date.now();
    return new Promise((resolve) => {
        const child = spawn(command, args, { ...options, stdio: ["ignore", 2, 2] });
        const ticker = setInterval(() => progress(`... still ${doing} (${Math.round((Date.now() - started) / 1000)} s)`), STILL_RUNNING_EVERY_MS);
        const done = (result: { status: number | null; error?: Error }) => {
            clearInterval(ticker);
            resolve(result);
        };
        child.on("error", (error) => done({ status: null, error }));
        child.on("close", (status) => done({ status }));
    });
}
