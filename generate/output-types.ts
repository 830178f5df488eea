/**
 * Writes `provider/alibaba-client/outputs/output-values.ts`: the TypeScript types of the outputs of the output
 * table, one interface per place the TypeScript code reads (a call's result, the resource's outputs), with the
 * table's descriptions as TSDoc, so that editors show the same words as every other surface.
 */
import { AS_NAMED, describe, OUTPUT_DEFINITIONS, OUTPUT_NAMES, objectTypesIn, OutputName, outputsAt, typeScriptText } from "../provider/alibaba-client";
import { tsdoc } from "./option-types";

/** The generated file, relative to the repository. */
export const OUTPUT_VALUES_FILE = "provider/alibaba-client/outputs/output-values.ts";

/** The interfaces of the object types the outputs use, each once. */
function objectInterfaces(): string[] {
    const seen = new Set<string>();
    const parts: string[] = [];
    for (const type of OUTPUT_NAMES.flatMap((name) => objectTypesIn(OUTPUT_DEFINITIONS[name].type))) {
        if (seen.has(type.name)) continue;
        seen.add(type.name);
        parts.push(tsdoc(describe(type.description, AS_NAMED), ""), `export interface ${type.name} {`);
        for (const [field, { type: fieldType, description }] of Object.entries(type.fields)) {
            parts.push(tsdoc(describe(description, AS_NAMED), "    "), `    ${field}: ${typeScriptText(fieldType, false)};`);
        }
        parts.push("}", "");
    }
    return parts;
}

/** An interface of the named outputs, read-only. */
function valuesInterface(name: string, doc: string, outputs: readonly OutputName[]): string[] {
    const parts = [tsdoc(doc, ""), `export interface ${name} {`];
    for (const output of outputs) {
        const definition = OUTPUT_DEFINITIONS[output];
        parts.push(
            tsdoc(describe(definition.description, AS_NAMED), "    "),
            `    readonly ${output}${definition.optional ? "?" : ""}: ${typeScriptText(definition.type, false)};`,
        );
    }
    parts.push("}", "");
    return parts;
}

/** The file's text. Pure. */
export function outputValuesSource(): string {
    return [
        "// Generated from output-table.ts by `npm run generate`; edit the table, not this file (a test fails when it is stale).",
        "",
        ...objectInterfaces(),
        ...valuesInterface(
            "ResultValues",
            "One call's result: the output table's `result` outputs (the get functions', the plugin's function's).",
            outputsAt("result"),
        ),
        ...valuesInterface(
            "ResourceOutputValues",
            "What the resource records in its state beside its inputs: the output table's `resourceOutput` outputs.",
            outputsAt("resourceOutput"),
        ),
    ].join("\n");
}
