/**
 * The README's output tables, written from the output table between `<!-- outputs:NAME -->` and
 * `<!-- /outputs:NAME -->` markers: the get functions' result, the resource's outputs and the Terraform data
 * source's attributes, each in its surface's names and types.
 */
import {
    AS_NAMED,
    describe,
    Holding,
    OUTPUT_DEFINITIONS,
    OutputName,
    OutputPlace,
    outputsAt,
    OutputType,
    typeScriptText,
    writeType,
} from "../provider/alibaba-client";
import { DATA_SOURCE_OUTPUTS, outputAttributeDescription, outputAttributeOf, TERRAFORM_NAMING } from "../provider/terraform/output-attributes";
import { code, table, withMarkedSections } from "./readme-tables";
import { markdownText } from "./terraform-docs";

/** A Terraform type constraint: `list(object({ contact_id = string, target = string }))`. */
function terraformTypeText(type: OutputType): string {
    return writeType<string>(type, {
        string: "string",
        integer: "number",
        list: (items) => `list(${items})`,
        map: (values) => `map(${values})`,
        object: (_object, fields) => `object({ ${fields.map(([name, written]) => `${TERRAFORM_NAMING(name)} = ${written}`).join(", ")} })`,
    });
}

/** What makes an output secret, by what it holds. */
const SECRET_WITH: Readonly<Record<Holding, string>> = {
    targets: "`secretTargets: true`",
    contactIds: "a secret `contactId`",
};

/** The TypeScript (and Pulumi) rows of the outputs at `place`: name, type, meaning. */
function pulumiRows(place: OutputPlace): string[][] {
    return outputsAt(place).map((name: OutputName) => {
        const output = OUTPUT_DEFINITIONS[name];
        const type = typeScriptText(output.type) + (output.optional ? " | undefined" : "");
        return [code(name), code(type), markdownText(describe(output.description, AS_NAMED))];
    });
}

/** The get functions' (and the plugin function's) result. */
function resultTable(): string {
    return table(["field", "type", "meaning"], pulumiRows("result"));
}

/** The resource's outputs, with what makes each secret. */
function resourceTable(): string {
    const rows = pulumiRows("resourceOutput").map((row, index) => {
        const holds = OUTPUT_DEFINITIONS[outputsAt("resourceOutput")[index] as OutputName].holds ?? [];
        return [...row, holds.map((data) => SECRET_WITH[data]).join(", ")];
    });
    return table(["output", "type", "meaning", "secret with"], rows);
}

/** The Terraform data source's computed attributes. */
function dataSourceTable(): string {
    return table(
        ["attribute", "type", "meaning"],
        DATA_SOURCE_OUTPUTS.map((name) => [
            code(outputAttributeOf(name)),
            code(terraformTypeText(OUTPUT_DEFINITIONS[name].type)),
            markdownText(outputAttributeDescription(name)),
        ]),
    );
}

/** The tables by marker name. */
export const OUTPUT_TABLES: Readonly<Record<string, () => string>> = {
    result: resultTable,
    resource: resourceTable,
    "data-source": dataSourceTable,
};

/** The README with each marked output table replaced by the one the output table gives. Pure. */
export function readmeWithOutputTables(readme: string): string {
    return withMarkedSections(readme, "outputs", OUTPUT_TABLES);
}
