#!/usr/bin/env node
/**
 * The `alicloud-contact-verifications` command. It never loads `@pulumi/pulumi`, and loads the client only
 * when it lists, so `--help` and `--version` answer at once.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandLine, UsageError } from "./parse-command-line";
import { COMMAND, EXIT, HELP } from "./usage";

const DEMO_VERIFICATIONS = 250;

function version(): string {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
    return pkg.version;
}

async function list(command: Extract<ReturnType<typeof parseCommandLine>, { kind: "list" }>): Promise<number> {
    const { listMessageContactVerifications, closeAllPools } = await import("../provider");
    const { formatJson, formatNdjson, formatTable } = await import("./format-listing");
    const { progressReporter } = await import("./progress");
    let emulator: import("../emulator").Emulator | undefined;
    let credentials = {};
    let endpoint = command.endpoint;
    if (command.emulator) {
        const { startEmulator, demoVerifications } = await import("../emulator");
        emulator = await startEmulator({ verifications: demoVerifications(DEMO_VERIFICATIONS), latencyMs: 20 });
        endpoint = emulator.url;
        credentials = { accessKeyId: emulator.account.accessKeyId, accessKeySecret: emulator.account.accessKeySecret };
        process.stderr.write(`DEMO DATA: listing ${DEMO_VERIFICATIONS} made-up verifications from the bundled emulator at ${emulator.url}, not from your Alibaba Cloud account.\n`);
    }
    const progress = progressReporter(process.stderr);
    try {
        const listing = await listMessageContactVerifications({
            contactId: command.contactId,
            pageSize: command.pageSize,
            concurrency: command.concurrency,
            endpoint,
            ...credentials,
            onProgress: progress.update,
        });
        progress.end();
        const format = command.output ?? (process.stdout.isTTY ? "table" : "json");
        const text =
            format === "table" ? formatTable(listing.verifications) : format === "ndjson" ? formatNdjson(listing.verifications) : formatJson(listing.totalCount, listing.verifications);
        process.stdout.write(text);
        return EXIT.ok;
    } finally {
        progress.end();
        await closeAllPools();
        await emulator?.close();
    }
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
    try {
        const command = parseCommandLine(argv);
        if (command.kind === "help") return void process.stdout.write(HELP + "\n"), EXIT.ok;
        if (command.kind === "version") return void process.stdout.write(version() + "\n"), EXIT.ok;
        return await list(command);
    } catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`${COMMAND}: ${error.message}\nRun ${COMMAND} --help for usage.\n`);
            return EXIT.usageError;
        }
        const { InvalidArgumentError } = await import("../provider/errors");
        if (error instanceof InvalidArgumentError) {
            process.stderr.write(`${COMMAND}: ${error.message}\n`);
            return EXIT.usageError;
        }
        process.stderr.write(`${COMMAND}: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT.apiError;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
