/**
 * Writes `provider/alibaba-client/options/option-values.ts`: the TypeScript type of every option of the option
 * table, with the table's documentation as TSDoc, so that editors show the same words as every other surface.
 */
import { descriptionText, documentation, OPTION_DEFINITIONS, OPTION_NAMES, Rule } from "../provider/alibaba-client";

/** The generated file, relative to the repository. */
export const OPTION_VALUES_FILE = "provider/alibaba-client/options/option-values.ts";

/** `assumeRole` -> `AssumeRoleSettings`: the name of an object option's type. */
function objectTypeName(name: string): string {
    return `${name.charAt(0).toUpperCase()}${name.slice(1)}Settings`;
}

function typeOf(rule: Rule, name: string): string {
    switch (rule.kind) {
        case "integer":
            return "number";
        case "choice":
            return rule.values.map((v) => JSON.stringify(v)).join(" | ");
        case "boolean":
            return "boolean";
        case "pattern":
        case "text":
        case "endpoint":
            return "string";
        case "object":
            return objectTypeName(name);
        case "map":
            return "Readonly<Record<string, string>>";
    }
}

/** A TSDoc block, wrapped at 110 columns, indented by `indent`. */
export function tsdoc(text: string, indent: string): string {
    const words = text.split(/\s+/);
    const lines: string[] = [];
    let line = "";
    for (const word of words) {
        if (line && `${indent} * ${line} ${word}`.length > 118) {
            lines.push(line);
            line = word;
        } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
    if (lines.length === 1) return `${indent}/** ${lines[0]} */`;
    return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join("\n");
}

/** The file's text. Pure. */
export function optionValuesSource(): string {
    const parts: string[] = ["// Generated from option-table.ts by `npm run generate`; edit the table, not this file (a test fails when it is stale).", ""];
    for (const name of OPTION_NAMES) {
        const rule = OPTION_DEFINITIONS[name].rule;
        if (rule.kind !== "object") continue;
        parts.push(tsdoc(descriptionText(name), ""), `export interface ${objectTypeName(name)} {`);
        for (const [field, fieldRule] of Object.entries(rule.fields)) {
            const range = fieldRule.rule.kind === "integer" ? ` ${fieldRule.rule.min}..${fieldRule.rule.max}.` : "";
            parts.push(tsdoc(`${fieldRule.description}${range}`, "    "), `    ${field}${fieldRule.required ? "" : "?"}: ${typeOf(fieldRule.rule, field)};`);
        }
        parts.push("}", "");
    }
    parts.push("/** Every option of the package, by name: each is set as an argument, a resource input or a setting (see the option table). */");
    parts.push("export interface OptionValues {");
    for (const name of OPTION_NAMES) {
        parts.push(tsdoc(documentation(name), "    "), `    ${name}?: ${typeOf(OPTION_DEFINITIONS[name].rule, name)};`);
    }
    parts.push("}", "");
    return parts.join("\n");
}
