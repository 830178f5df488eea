import type { ChildProcess } from "node:child_process";

/** What a gRPC child (dynamic-provider host, policy analyzer) printed up to its port line. */
export interface PortLine {
    port: number;
    /** stdout after the port line. */
    stdoutRest: string;
    stderr: string;
}

/**
 * Waits for a Pulumi plugin child process to print its port as its first stdout line, the way the engine
 * waits for it. Kills the child and rejects with `what`, the reason, and its output when it prints something
 * else first, exits, fails to spawn, or takes longer than `timeoutMs`.
 */
export function awaitPortLine(child: ChildProcess, what: string, timeoutMs: number, onFailure: () => void = () => undefined): Promise<PortLine> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        const fail = (why: string) => {
            cleanup();
            child.kill("SIGKILL");
            onFailure();
            reject(new Error(`${what} did not start: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
        };
        const onStdout = (chunk: Buffer) => {
            stdout += chunk.toString("utf8");
            const newline = stdout.indexOf("\n");
            if (newline < 0) return;
            const line = stdout.slice(0, newline).trim();
            if (!/^\d+$/.test(line)) {
                fail(`its first stdout line is not a port: ${JSON.stringify(line)}`);
                return;
            }
            cleanup();
            resolve({ port: Number(line), stdoutRest: stdout.slice(newline + 1), stderr });
        };
        const onStderr = (chunk: Buffer) => (stderr += chunk.toString("utf8"));
        const onExit = (code: number | null, signal: string | null) => fail(`it exited (${signal ?? `code ${code}`})`);
        const onError = (error: Error) => fail(error.message);
        const timer = setTimeout(() => fail(`no port line within ${timeoutMs} ms`), timeoutMs);
        const cleanup = () => {
            clearTimeout(timer);
            child.stdout?.off("data", onStdout);
            child.stderr?.off("data", onStderr);
            child.off("exit", onExit);
            child.off("error", onError);
        };
        child.stdout?.on("data", onStdout);
        child.stderr?.on("data", onStderr);
        child.once("exit", onExit);
        child.once("error", onError);
    });
}
