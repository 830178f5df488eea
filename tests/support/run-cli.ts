/** Runs the built command-line tool (dist/cli/main.js) in a clean environment, for the CLI tests. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The built command. */
export const CLI = join(__dirname, "..", "..", "dist", "cli", "main.js");

let emptyHome: string | undefined;

/**
 * The CLI's environment: no credentials, an empty HOME (no aliyun CLI or INI file; made once per process and
 * removed at exit), and the ECS metadata lookup of the default chain off (100.100.100.200 is not on loopback),
 * plus `env`.
 */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
    if (emptyHome === undefined) {
        const home = mkdtempSync(join(tmpdir(), "cli-home-"));
        process.once("exit", () => rmSync(home, { recursive: true, force: true }));
        emptyHome = home;
    }
    return { PATH: process.env.PATH ?? "", HOME: emptyHome, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...env };
}

/** Runs the built CLI with a clean environment (plus `env`). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(process.execPath, [CLI, ...args], { env: cleanEnv(env) }, (error, stdout, stderr) => {
            resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        });
    });
}
