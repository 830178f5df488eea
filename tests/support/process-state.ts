import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Whether process `pid` has exited: it no longer exists, or it is a zombie (exited, not yet reaped: a process
 * re-parented to PID 1 stays one where PID 1 does not reap). Linux's /proc when present, else signal 0.
 */
export function hasExited(pid: number): boolean {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // `pid (comm) S ...`: the state follows the last ")" (comm may hold parentheses).
        return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        if (process.platform === "linux") return true;
    }
    try {
        process.kill(pid, 0);
        return false;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "ESRCH";
    }
}

/** The parent PID of `pid` (Linux /proc), or undefined where it cannot be read. */
export function parentOf(pid: number): number | undefined {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
        return undefined;
    }
}

/**
 * Resolves once `pid` has exited, checking every 50 ms; rejects after `limitMs` (a bound for a test that would
 * otherwise hang, not a timing target) with `what` in the message.
 */
export async function waitForExit(pid: number, what: string, limitMs: number): Promise<void> {
    const end = Date.now() + limitMs;
    while (!hasExited(pid)) {
        if (Date.now() > end) throw new Error(`${what} (pid ${pid}) was still running ${limitMs} ms later`);
        await sleep(50);
    }
}

/** Resolves once `condition()` holds, checking every 20 ms; rejects after `limitMs` naming `what`. */
export async function waitUntil(condition: () => boolean, what: string, limitMs: number): Promise<void> {
    const end = Date.now() + limitMs;
    while (!condition()) {
        if (Date.now() > end) throw new Error(`${what} did not happen within ${limitMs} ms`);
        await sleep(20);
    }
}
