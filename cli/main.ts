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

type ListCommand = Extract<ReturnType<typeof parseCommandLine>, { kind: "list" }>;

/** The flag behind each argument the command passes to the client, for error messages. */
const FLAGS: Readonly<Record<string, string>> = { contactId: "--contact-id", pageSize: "--page-size", concurrency: "--concurrency", endpoint: "--endpoint" };

/** Checks the arguments as the client will, before anything starts (the emulator included). */
async function checkArguments(command: ListCommand): Promise<void> {
    const { assertValidOptions } = await import("../provider/alibaba-client/operation/validate-options");
    const { parseEndpoint } = await import("../provider/alibaba-client/endpoint");
    assertValidOptions({ contactId: command.contactId, pageSize: command.pageSize, concurrency: command.concurrency });
    if (command.endpoint !== undefined) parseEndpoint(command.endpoint);
}

/** An invalid argument's message, in the command's words: `--page-size must be...`, not `pageSize must be...`. */
function inFlags(field: string, message: string): string {
    const flag = FLAGS[field];
    return flag && message.startsWith(field) ? flag + message.slice(field.length) : message;
}

async function list(command: ListCommand): Promise<number> {
    await checkArguments(command);
    const { listMessageContactVerifications, closeAllPools } = await import("../provider/alibaba-client");
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
        process.stderr.write(
            `DEMO DATA: listing ${DEMO_VERIFICATIONS} made-up verifications from the bundled emulator at ${emulator.url}, not from your Alibaba Cloud account.\n`,
        );
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
            format === "table"
                ? formatTable(listing.verifications)
                : format === "ndjson"
                  ? formatNdjson(listing.verifications)
                  : formatJson(listing.totalCount, listing.verifications);
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
        if (command.kind === "help") return (void process.stdout.write(HELP + "\n"), EXIT.ok);
        if (command.kind === "version") return (void process.stdout.write(version() + "\n"), EXIT.ok);
        return await list(command);
    } catch (error) {
        const { escapeControlCharacters } = await import("./terminal-text");
        const say = (text: string) => process.stderr.write(`${COMMAND}: ${escapeControlCharacters(text)}\n`);
        const usageHint = `Run ${COMMAND} --help for usage.\n`;
        if (error instanceof UsageError) {
            say(error.message);
            process.stderr.write(usageHint);
            return EXIT.usageError;
        }
        const { InvalidArgumentError } = await import("../provider/alibaba-client/errors");
        if (error instanceof InvalidArgumentError) {
            say(inFlags(error.field, error.message));
            process.stderr.write(usageHint);
            return EXIT.usageError;
        }
        say(error instanceof Error ? error.message : String(error));
        return EXIT.apiError;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
