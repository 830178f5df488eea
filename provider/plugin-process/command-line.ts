/**
 * The arguments of a provider executable, read before anything else loads: every executable this package ships
 * (the npm package's Pulumi plugin and Terraform provider, and the release's single executable) answers
 * `--version` and `--help` as command-line tools do, whichever protocol it serves, and otherwise starts serving as
 * the engine or the CLI that started it expects. Pure: arguments in, a command out (no I/O, nothing loaded).
 */

/** The flag that prints the version. */
export const VERSION_FLAG = "--version";

/** The flags that print the help. */
export const HELP_FLAGS = ["--help", "-h"] as const;

/** The exit code of a usage error, as the command-line tool's (`alicloud-contact-verifications`). */
export const USAGE_ERROR_EXIT = 2;

/** What the arguments ask of a provider executable. */
export type ProviderCommand =
    /** Serve the protocol (the arguments, if any, are the engine's). */
    | { kind: "serve" }
    /** Print the version and exit 0. */
    | { kind: "version" }
    /** Print the help and exit 0. */
    | { kind: "help" }
    /** One of the executable's own flags, `args` starting with it (`--write-mirror DIR`). */
    | { kind: "flag"; flag: string; args: string[] }
    /** Print `message` and exit {@link USAGE_ERROR_EXIT}. */
    | { kind: "usage-error"; message: string };

/** How an executable reads its arguments. */
export interface CommandLineRules {
    /** Its name, for messages. */
    name: string;
    /** Its own flags besides `--version` and `--help`, each taken as the first argument (`--write-mirror`). */
    flags?: readonly string[];
    /**
     * What other arguments mean: `serve` for a Pulumi plugin, whose engine passes its address and logging flags
     * (`--logtostderr`, `-v=9`, `--tracing URL`), which the plugin does not need; `refuse` for a Terraform
     * provider, which go-plugin starts with none.
     */
    otherArguments: "serve" | "refuse";
}

/** The usage line of an executable's flags: `--version | --help | --write-mirror DIR`. */
function flagsText(rules: CommandLineRules): string {
    return [VERSION_FLAG, HELP_FLAGS[0], ...(rules.flags ?? []).map((flag) => `${flag} ...`)].join(", ");
}

/**
 * What `args` (the arguments after the executable) ask: `--help` or `-h` anywhere, else `--version` anywhere, else
 * one of `rules.flags` as the first argument, else serving (with no arguments, or when other arguments serve), else a
 * usage error that names the argument and the accepted flags.
 */
export function providerCommand(args: readonly string[], rules: CommandLineRules): ProviderCommand {
    if (args.some((arg) => (HELP_FLAGS as readonly string[]).includes(arg))) return { kind: "help" };
    if (args.includes(VERSION_FLAG)) return { kind: "version" };
    const [first] = args;
    if (first !== undefined && (rules.flags ?? []).includes(first)) return { kind: "flag", flag: first, args: [...args] };
    if (first === undefined || rules.otherArguments === "serve") return { kind: "serve" };
    const shown = JSON.stringify(first.length > 80 ? `${first.slice(0, 80)}...` : first);
    return {
        kind: "usage-error",
        message: `${rules.name}: unknown argument ${shown}; it takes ${flagsText(rules)}, or none (as the CLI that starts it passes).`,
    };
}

/** `text` in lines of at most `width` characters (words are never split), for help texts. */
export function wrapText(text: string, width = 100): string {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter((w) => w !== "")) {
        if (line !== "" && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else line = line === "" ? word : `${line} ${word}`;
    }
    return [...lines, line].join("\n");
}
