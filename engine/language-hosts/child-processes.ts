/**
 * The processes a language host starts (programs, policy packs): started with the host's environment plus their own,
 * remembered until they exit, so that the engine's `Cancel`, a cancelled `RunPlugin` call or the engine's going away
 * stops them.
 */
import { ChildProcess, spawn } from "node:child_process";
import type { ProcessSpec } from "./program-run";

/** How a process ended: its exit code, or the signal that killed it, or the error that kept it from starting. */
export interface ProcessEnd {
    code: number | null;
    signal: NodeJS.Signals | null;
    error?: Error;
}

/** Where a process's output goes: the host's own streams, or to callbacks (a `RunPlugin` stream). */
export type Output = "inherit" | { stdout(chunk: Buffer): void; stderr(chunk: Buffer): void };

const running = new Set<ChildProcess>();

/** Starts `spec`; `onStart` gets the child (to stop it on a cancelled call). Resolves when it has ended. */
export function runProcess(spec: ProcessSpec, output: Output, onStart: (child: ChildProcess) => void = () => undefined): Promise<ProcessEnd> {
    return new Promise((resolve) => {
        const child = spawn(spec.command, spec.args, {
            cwd: spec.cwd,
            env: { ...process.env, ...spec.env },
            stdio: output === "inherit" ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
        });
        running.add(child);
        if (output !== "inherit") {
            child.stdout?.on("data", (chunk: Buffer) => output.stdout(chunk));
            child.stderr?.on("data", (chunk: Buffer) => output.stderr(chunk));
        }
        let settled = false;
        const done = (end: ProcessEnd) => {
            running.delete(child);
            if (!settled) resolve(end);
            settled = true;
        };
        child.on("error", (error) => done({ code: null, signal: null, error }));
        child.on("close", (code, signal) => done({ code, signal }));
        onStart(child);
    });
}

/** Asks `child` to stop (SIGINT, as Pulumi's hosts do), and kills it if it is still there after `graceMs`. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): void {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGINT");
    setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }, graceMs).unref();
}

/** Stops every process still running (the engine's `Cancel`). */
export function stopAll(graceMs?: number): void {
    for (const child of running) stopProcess(child, graceMs);
}

/** Kills every process still running at once (the host is exiting: nothing may outlive it). */
export function killAll(): void {
    for (const child of running) child.kill("SIGKILL");
}
