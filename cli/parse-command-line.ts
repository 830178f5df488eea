import { parseArgs } from "node:util";

/** Output formats. */
export const OUTPUT_FORMATS = ["table", "json", "ndjson"] as const;
/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What the command was asked to do. */
export type Command =
    | { kind: "help" }
    | { kind: "version" }
    | {
          kind: "list";
          contactId?: string;
          pageSize?: number;
          concurrency?: number;
          endpoint?: string;
          output?: OutputFormat;
          emulator: boolean;
      };

/** A command-line mistake; the command exits with code 2. */
export class UsageError extends Error {
    override readonly name = "UsageError";
}

function integer(flag: string, value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} must be a whole number; got ${JSON.stringify(value)}.`);
    return Number(value);
}

/** Parses argv (without node and the script). Pure; throws {@link UsageError}. */
export function parseCommandLine(argv: readonly string[]): Command {
    let values;
    try {
        values = parseArgs({
            args: [...argv],
            strict: true,
            allowPositionals: false,
            options: {
                "contact-id": { type: "string" },
                "page-size": { type: "string" },
                concurrency: { type: "string" },
                endpoint: { type: "string" },
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
    if (output !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(output)) {
        throw new UsageError(`--output must be one of ${OUTPUT_FORMATS.join(", ")}; got ${JSON.stringify(output)}.`);
    }
    if (values.emulator && values.endpoint !== undefined) throw new UsageError("--emulator and --endpoint cannot be combined.");
    return {
        kind: "list",
        contactId: values["contact-id"],
        pageSize: integer("page-size", values["page-size"]),
        concurrency: integer("concurrency", values.concurrency),
        endpoint: values.endpoint,
        output: output as OutputFormat | undefined,
        emulator: values.emulator ?? false,
    };
}
