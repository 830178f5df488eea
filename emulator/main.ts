import { parseArgs } from "node:util";
import { demoVerifications } from "./demo-verifications";
import { loadSeedFile } from "./seed";
import { startEmulator } from "./server";
import { EmulatorOptions } from "./types";

/** Usage text of the emulator's command line. */
export const USAGE = `Usage: node dist/emulator/main.js [--seed file.json] [--demo N] [--port P] [--latency-ms N] [--max-page-size N]

Starts the ListMessageContactVerifications emulator on 127.0.0.1 and prints one JSON line
{"url", "accessKeyId", "accessKeySecret"} (fake keys the emulator accepts). Stops on SIGINT or SIGTERM.
  --seed FILE         verifications, contacts and accounts from a JSON seed file
  --demo N            N deterministic demo verifications (instead of --seed)
  --port P            TCP port (default: any free port)
  --latency-ms N      delay before each answer
  --max-page-size N   largest PageSize served (default 100)`;

/** A command-line mistake: reported with the usage text and exit code 2. */
export class UsageError extends Error {
    override readonly name = "UsageError";
}

function integerOption(name: string, value: string | undefined, min: number): number | undefined {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${value}"`);
    return Number(value);
}

function parseCommandLine(args: readonly string[]) {
    try {
        return parseArgs({
            args: [...args],
            options: {
                seed: { type: "string" },
                demo: { type: "string" },
                port: { type: "string" },
                "latency-ms": { type: "string" },
                "max-page-size": { type: "string" },
                help: { type: "boolean", short: "h" },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
}

/** Turns command-line arguments into emulator options; throws {@link UsageError} on a mistake. */
async function optionsFromArgs(args: readonly string[]): Promise<EmulatorOptions | "help"> {
    const values = parseCommandLine(args);
    if (values.help) return "help";
    if (values.seed !== undefined && values.demo !== undefined) throw new UsageError("--seed and --demo cannot be combined");
    const options: EmulatorOptions = {};
    if (values.seed !== undefined) Object.assign(options, await loadSeedFile(values.seed));
    const demo = integerOption("demo", values.demo, 0);
    if (demo !== undefined) options.verifications = demoVerifications(demo);
    const port = integerOption("port", values.port, 0);
    if (port !== undefined) options.port = port;
    const latencyMs = integerOption("latency-ms", values["latency-ms"], 0);
    if (latencyMs !== undefined) options.latencyMs = latencyMs;
    const maxPageSize = integerOption("max-page-size", values["max-page-size"], 1);
    if (maxPageSize !== undefined) options.maxPageSize = maxPageSize;
    return options;
}

/** Runs the command line: starts the emulator, prints its URL and keys, stops on SIGINT/SIGTERM. */
export async function main(args: readonly string[]): Promise<void> {
    let options: EmulatorOptions | "help";
    try {
        options = await optionsFromArgs(args);
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(error instanceof UsageError ? `${message}\n\n${USAGE}\n` : `${message}\n`);
        process.exitCode = error instanceof UsageError ? 2 : 1;
        return;
    }
    if (options === "help") {
        process.stdout.write(`${USAGE}\n`);
        return;
    }
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    try {
        emulator = await startEmulator(options);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
        process.stderr.write(`emulator: port ${options.port} on 127.0.0.1 is in use; choose another with --port, or leave it out for any free port\n`);
        process.exitCode = 1;
        return;
    }
    const { accessKeyId, accessKeySecret, securityToken } = emulator.account;
    process.stdout.write(`${JSON.stringify({ url: emulator.url, accessKeyId, accessKeySecret, securityToken })}\n`);
    const stop = (): void => {
        void emulator.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
}

if (require.main === module) {
    main(process.argv.slice(2)).catch((error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    });
}
