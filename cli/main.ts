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

/** The listing's arguments the command was given, by option name. */
function listingArguments(command: ListCommand): Record<string, unknown> {
    const { kind: _kind, output: _output, emulator: _emulator, ...given } = command;
    return given;
}

/** Checks the arguments as the client will, before anything starts (the emulator included); messages name the flags. */
function checkArguments(command: ListCommand): void {
    const { ARGUMENT_NAMES, assertValidOptions, parseEndpoint } = require("../provider/alibaba-client") as typeof import("../provider/alibaba-client");
    const { CLI_VOCABULARY } = require("./flags") as typeof import("./flags");
    const given = listingArguments(command);
    assertValidOptions(given, ARGUMENT_NAMES, [], CLI_VOCABULARY);
    if (typeof given.endpoint === "string") parseEndpoint(given.endpoint, "--endpoint");
}

async function list(command: ListCommand): Promise<number> {
    checkArguments(command);
    const { listMessageContactVerifications, closeAllPools, StaticCredentialsProvider, Credentials } = await import("../provider/alibaba-client");
    const { CLI_VOCABULARY } = await import("./flags");
    const { formatJson, formatNdjson, formatTable } = await import("./format-listing");
    const { progressReporter } = await import("./progress");
    let emulator: import("../emulator").Emulator | undefined;
    let credentials = {};
    let endpoint = typeof command.endpoint === "string" ? command.endpoint : undefined;
    if (command.emulator) {
        const { startEmulator, demoVerifications } = await import("../emulator");
        emulator = await startEmulator({ verifications: demoVerifications(DEMO_VERIFICATIONS), latencyMs: 20 });
        endpoint = emulator.url;
        const key = new Credentials(emulator.account.accessKeyId, emulator.account.accessKeySecret);
        credentials = { credentialsProvider: new StaticCredentialsProvider(key, "the bundled emulator's demo account") };
        process.stderr.write(
            `DEMO DATA: listing ${DEMO_VERIFICATIONS} made-up verifications from the bundled emulator at ${emulator.url}, not from your Alibaba Cloud account.\n`,
        );
    }
    const progress = progressReporter(process.stderr);
    try {
        const listing = await listMessageContactVerifications({
            ...listingArguments(command),
            endpoint,
            ...credentials,
            vocabulary: CLI_VOCABULARY,
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
        const { escapeUnsafeCharacters } = await import("../provider/alibaba-client");
        const say = (text: string) => process.stderr.write(`${COMMAND}: ${escapeUnsafeCharacters(text)}\n`);
        const usageHint = `Run ${COMMAND} --help for usage.\n`;
        if (error instanceof UsageError) {
            say(error.message);
            process.stderr.write(usageHint);
            return EXIT.usageError;
        }
        const { InvalidArgumentError } = await import("../provider/alibaba-client/errors");
        if (error instanceof InvalidArgumentError) {
            say(error.message);
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
