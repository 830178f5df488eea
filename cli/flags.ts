/**
 * The command's listing flags, derived from the option table's `flag`s: `--contact-id` for `contactId`, with the
 * table's rule and documentation, and the {@link CLI_VOCABULARY} that names them in every message.
 */
import { documentation, FLAG_NAMES, OPTION_DEFINITIONS, OptionName, Vocabulary } from "../provider/alibaba-client";

/** `contactId` -> `--contact-id`. */
export function flagOf(name: OptionName): string {
    return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** What the flag's value looks like in the help: `N`, `HOST|URL`, `ID`. */
export function valueHint(name: OptionName): string {
    const rule = OPTION_DEFINITIONS[name].rule;
    if (rule.kind === "integer") return "N";
    if (rule.kind === "endpoint") return "HOST|URL";
    if (rule.kind === "choice") return rule.values.join("|");
    const words = name.split(/(?=[A-Z])/);
    return (words[words.length - 1] ?? name).toUpperCase();
}

/** The listing flags, in the option table's order. */
export const LISTING_FLAGS: readonly { name: OptionName; flag: string }[] = FLAG_NAMES.map((name) => ({ name, flag: flagOf(name) }));

/** How the command names its places: the flags; it has no settings (and no credential flags). */
export const CLI_VOCABULARY: Vocabulary = {
    argument: (name) => (FLAG_NAMES.includes(name) ? { prefix: "", key: flagOf(name) } : undefined),
};

/** The help's lines for the listing flags: each flag, then its documentation wrapped under it. */
export function flagHelp(width = 104, indent = 24): string[] {
    const lines: string[] = [];
    for (const { name, flag } of LISTING_FLAGS) {
        let line = `  ${flag} ${valueHint(name)}`.padEnd(indent - 1);
        for (const word of documentation(name).split(" ")) {
            if (line.length + 1 + word.length > width && line.trim().length > 0 && line.length > indent) {
                lines.push(line);
                line = " ".repeat(indent - 1);
            }
            line = `${line} ${word}`;
        }
        lines.push(line);
    }
    return lines;
}
