/**
 * A stand-in for the Terraform CLI that starts a provider as go-plugin does (its stdin on /dev/null, its stdout
 * read for the handshake line, its stderr passed through), tells the test the provider's PID and line, then waits
 * to be killed: for tests of what the provider does when the CLI that started it is gone.
 */
import { ChildProcess, spawn } from "node:child_process";
import { hermeticEnv } from "./hermetic-env";

/** The stand-in's program: argv[1] is the provider's executable; it prints `<pid>|<handshake line>`. */
const STAND_IN_CLI = `
const { spawn } = require("node:child_process");
const provider = spawn(process.argv[1], [], { stdio: ["ignore", "pipe", "inherit"] });
provider.stdout.once("data", (chunk) => process.stdout.write(provider.pid + "|" + String(chunk).trim() + "\\n"));
setInterval(() => undefined, 60_000);
`;

/** A bound for the provider's line, so that a provider that never prints it fails the test instead of hanging it. */
const LINE_LIMIT_MS = 30_000;

/** The stand-in, the provider it started and the provider's handshake line. */
export interface StandInCli {
    cli: ChildProcess;
    providerPid: number;
    handshakeLine: string;
    /** What the stand-in (and so the provider) wrote on stderr so far. */
    stderr(): string;
}

/** Starts the stand-in CLI in `cwd` with the hermetic environment and `env`; resolves once the provider printed its line. */
export async function startUnderStandInCli(executable: string, cwd: string, env: Record<string, string | undefined>): Promise<StandInCli> {
    const cli = spawn(process.execPath, ["-e", STAND_IN_CLI, executable], {
        cwd,
        env: hermeticEnv({ NODE_OPTIONS: undefined, ...env }),
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    cli.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => {
            cli.kill("SIGKILL");
            reject(new Error(`no line from the stand-in CLI within ${LINE_LIMIT_MS} ms: ${stderr}`));
        }, LINE_LIMIT_MS);
        cli.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString("utf8");
            if (!out.includes("\n")) return;
            clearTimeout(timer);
            resolve(out.slice(0, out.indexOf("\n")));
        });
        cli.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the stand-in CLI exited (${String(code)}): ${stderr}`));
        });
    });
    const [pid = "", ...handshake] = line.split("|");
    return { cli, providerPid: Number(pid), handshakeLine: handshake.join("|"), stderr: () => stderr };
}
