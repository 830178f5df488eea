import { parseArgs } from "node:util";
import { OPTION_DEFINITIONS, OptionName } from "../provider/alibaba-client";
import { LISTING_FLAGS } from "./flags";

/** Output formats. */
export const OUTPUT_FORMATS = ["table", "json", "ndjson"] as const;
/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The listing's arguments given as flags, by option name (`pageSize: 50`), checked later by the option table's rules. */
export type FlagArguments = Partial<Record<OptionName, string | number>>;

/** What the command was asked to do. */
export type Command = { kind: "help" } | { kind: "version" } | ({ kind: "list"; output?: OutputFormat; emulator: boolean } & FlagArguments);

/** A command-line mistake; the command exits with code 2. */
export class UsageError extends Error {
    override readonly name = "UsageError";
}

/** A flag's value as its option takes it: a whole number for integer options. */
function flagValue(name: OptionName, flag: string, value: string): string | number {
    if (OPTION_DEFINITIONS[name].rule.kind !== "integer") return value;
    if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number; got ${JSON.stringify(value)}.`);
    return Number(value);
}

/** Parses argv (without node and the script). Pure; throws {@link UsageError}. */
export function parseCommandLine(argv: readonly string[]): Command {
    let values: Record<string, string | boolean | undefined>;
    try {
        values = parseArgs({
            args: [...argv],
            strict: true,
            allowPositionals: false,
            options: {
                ...Object.fromEntries(LISTING_FLAGS.map(({ flag }) => [flag.slice(2), { type: "string" as const }])),
                output: { type: "string", short: "o" },
                emulator: { type: "boolean" },
                help: { type: "boolean", short: "h" },
                version: { type: "boolean", short: "v" },
            },
        }).values;
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help) return { kind: "help" };
    if (values.version) return { kind: "version" };
    const output = values.output;
    if (output !== undefined && (typeof output !== "string" || !(OUTPUT_FORMATS as readonly string[]).includes(output))) {
        throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(", ")}; got ${JSON.stringify(output)}.`);
    }
    if (values.emulator && values.endpoint !== undefined) throw new UsageError("--emulator and --endpoint cannot be combined.");
    const listing: FlagArguments = {};
    for (const { name, flag } of LISTING_FLAGS) {
        const value = values[flag.slice(2)];
        if (typeof value === "string") listing[name] = flagValue(name, flag, value);
    }
    return { kind: "list", ...listing, ...(output !== undefined ? { output: output as OutputFormat } : {}), emulator: values.emulator === true };
}
