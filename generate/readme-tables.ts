/**
 * The README's option tables, written from the option table between `<!-- options:NAME -->` and
 * `<!-- /options:NAME -->` markers: the get functions' arguments, the settings with their keys in each provider,
 * and the CLI's flags.
 */
import {
    acceptedText,
    CALL_ARGUMENT_NAMES,
    defaultDocumentation,
    descriptionText,
    OPTION_DEFINITIONS,
    OptionName,
    SettingName,
    SETTING_NAMES,
} from "../provider/alibaba-client";
import { stackConfigKey } from "../provider/dynamic/stack-config";
import { pluginConfigKey, pluginKeyOf } from "../provider/plugin/plugin-config";
import { flagOf, LISTING_FLAGS, valueHint } from "../cli/flags";
import { isBlockSetting, providerAttributeOf } from "../provider/terraform/terraform-names";
import { credentialsSection } from "./credential-docs";

/** The README, relative to the repository. */
export const README_FILE = "README.md";

/** A Markdown table cell: pipes escaped, one line. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

/** Text as Markdown code. */
export function code(text: string): string {
    return `\`${text}\``;
}

/** What an option accepts, for a table: ranges as `1..32`, the rest in words. */
function accepts(name: OptionName): string {
    const rule = OPTION_DEFINITIONS[name].rule;
    if (rule.kind === "integer") return `${rule.min}..${rule.max}${rule.unit ? ` (${rule.unit})` : ""}`;
    if (rule.kind === "choice") return rule.values.map((v) => code(JSON.stringify(v))).join(", ");
    return acceptedText(rule);
}

/** The default, for a table. */
function defaultOf(name: OptionName): string {
    return defaultDocumentation(name) ?? "";
}

/** A Markdown table; each cell on one line, pipes escaped. */
export function table(header: string[], rows: string[][]): string {
    return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)].join("\n");
}

/** The get functions' (and the plugin function's) arguments. */
function argumentsTable(): string {
    return table(
        ["argument", "what it does", "accepts", "default"],
        CALL_ARGUMENT_NAMES.map((name) => [
            code(name) + (OPTION_DEFINITIONS[name].secret ? " (secret)" : ""),
            descriptionText(name),
            accepts(name),
            defaultOf(name),
        ]),
    );
}

/** The settings, with their key in each provider and their environment variables. */
function settingsTable(): string {
    return table(
        [
            "setting",
            "TypeScript programs and the dynamic resource (stack config)",
            "provider plugin (YAML, Python, Go)",
            "Terraform and OpenTofu",
            "environment",
            "accepts",
        ],
        (SETTING_NAMES as SettingName[]).map((name) => [
            descriptionText(name),
            code(stackConfigKey(name)),
            code(pluginConfigKey(pluginKeyOf(name))) + (OPTION_DEFINITIONS[name].secret ? " (secret)" : ""),
            code(providerAttributeOf(name)) + (isBlockSetting(name) ? " block" : OPTION_DEFINITIONS[name].secret ? " (sensitive)" : ""),
            (OPTION_DEFINITIONS[name].env ?? []).map(code).join(", "),
            accepts(name),
        ]),
    );
}

/** The CLI's listing flags. */
function flagsTable(): string {
    return table(
        ["flag", "what it does", "accepts", "default"],
        LISTING_FLAGS.map(({ name }) => [code(`${flagOf(name)} ${valueHint(name)}`), descriptionText(name), accepts(name), defaultOf(name)]),
    );
}

/** The tables by marker name. */
export const README_TABLES: Readonly<Record<string, () => string>> = {
    arguments: argumentsTable,
    credentials: credentialsSection,
    settings: settingsTable,
    flags: flagsTable,
};

/** The README with each marked table replaced by the one the option table gives. Pure. */
export function readmeWithTables(readme: string): string {
    return withMarkedSections(readme, "options", README_TABLES);
}

/** `text` with each section between `<!-- KIND:NAME -->` and `<!-- /KIND:NAME -->` replaced by `sections[NAME]()`. Pure. */
export function withMarkedSections(readme: string, kind: string, sections: Readonly<Record<string, () => string>>): string {
    let text = readme;
    for (const [name, render] of Object.entries(sections)) {
        const open = `<!-- ${kind}:${name} -->`;
        const close = `<!-- /${kind}:${name} -->`;
        const start = text.indexOf(open);
        const end = text.indexOf(close);
        if (start < 0 || end < start) throw new Error(`${README_FILE} has no ${open} ... ${close} section`);
        text = `${text.slice(0, start + open.length)}\n${render()}\n${text.slice(end)}`;
    }
    return text;
}
