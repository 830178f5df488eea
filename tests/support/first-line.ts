/** The first line an executable prints, for the tests of the release's executables (their handshake or port line). */
import { spawn } from "node:child_process";

/** An executable's first stdout line, and what it had printed on stderr by then. */
export interface FirstLine {
    line: string;
    stderr: string;
}

/**
 * Spawns `command` (the executable, then its arguments) with exactly `env`; resolves with its first stdout line,
 * then ends it with SIGTERM. Rejects, with its stderr, when it ends or cannot start before a line; with `limitMs`,
 * it is killed (and so rejects) when no line came by then.
 */
export function firstLine(command: readonly string[], env: NodeJS.ProcessEnv, limitMs?: number): Promise<FirstLine> {
    return new Promise((resolve, reject) => {
        const child = spawn(command[0] as string, command.slice(1), { env, stdio: ["pipe", "pipe", "pipe"] });
        let out = "";
        let err = "";
        const timer = limitMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), limitMs);
        child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
        child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const end = out.indexOf("\n");
            if (end < 0) return;
            clearTimeout(timer);
            child.kill("SIGTERM");
            resolve({ line: out.slice(0, end), stderr: err });
        });
        child.on("error", reject);
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`${command.join(" ")} ended (${String(code ?? signal)}) before a line: ${err.slice(0, 2000)}`));
        });
    });
}
