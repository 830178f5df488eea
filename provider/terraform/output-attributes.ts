/**
 * The data source's computed attributes, from the output table's `readState` outputs: their names, cty types and
 * descriptions in Terraform's words (`total_count`, `contact_id`), and their values as cty values, from the one
 * computation of the outputs.
 */
import {
    describe,
    listedText,
    ListingFacts,
    Naming,
    OUTPUT_DEFINITIONS,
    OutputName,
    outputsAt,
    OutputType,
    outputValuesAt,
    ObjectType,
    writeType,
} from "../alibaba-client";
import type { CtyValue } from "./cty-msgpack";
import { snakeCase } from "./terraform-names";

/** cty's type JSON, as the protocol carries it. */
export type CtyType = "string" | "number" | "bool" | ["list", CtyType] | ["map", CtyType] | ["object", Record<string, CtyType>];

/** How Terraform names options, outputs and fields: snake_case. */
export const TERRAFORM_NAMING: Naming = snakeCase;

/** The outputs the data source computes, in the table's order. */
export const DATA_SOURCE_OUTPUTS: readonly OutputName[] = outputsAt("readState");

/** The attribute of an output: `total_count`. */
export function outputAttributeOf(name: OutputName): string {
    return TERRAFORM_NAMING(name);
}

/** The cty type of an output's type: an object's fields by their attribute names. */
export function ctyTypeOfOutput(type: OutputType): CtyType {
    return writeType<CtyType>(type, {
        string: "string",
        integer: "number",
        list: (items) => ["list", items],
        map: (values) => ["map", values],
        object: (_object, fields) => ["object", Object.fromEntries(fields.map(([name, written]) => [TERRAFORM_NAMING(name), written]))],
    });
}

/** The object type a list's items are, if any (a cty object type has no description of its own, so the list's carries its fields'). */
function itemObject(type: OutputType): ObjectType | undefined {
    return type.kind === "list" && type.items.kind === "object" ? type.items : undefined;
}

/** An output's description in Terraform's words; a list of objects says what each item's attributes are. */
export function outputAttributeDescription(name: OutputName): string {
    const output = OUTPUT_DEFINITIONS[name];
    const text = describe(output.description, TERRAFORM_NAMING);
    const object = itemObject(output.type);
    if (!object) return text;
    const fields = Object.entries(object.fields).map(
        ([field, { description }]) => `${TERRAFORM_NAMING(field)} (${describe(description, TERRAFORM_NAMING).replace(/\.$/, "")})`,
    );
    return `${text} Each item has ${listedText(fields)}.`;
}

/** A value of `type` as a cty value: an object's fields by their attribute names, a map's keys (data) as they are. */
export function ctyValueOf(type: OutputType, value: unknown): CtyValue {
    switch (type.kind) {
        case "string":
        case "integer":
            return value as string | number;
        case "list":
            return (value as unknown[]).map((item) => ctyValueOf(type.items, item));
        case "map":
            return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, ctyValueOf(type.values, item)]));
        case "object": {
            const record = value as Record<string, unknown>;
            return Object.fromEntries(
                Object.entries(type.fields).map(([field, { type: fieldType }]) => [TERRAFORM_NAMING(field), ctyValueOf(fieldType, record[field])]),
            );
        }
    }
}

/** The data source's computed attributes of a listing, by attribute name (an absent optional one is null). */
export function outputAttributes(facts: ListingFacts): { [attribute: string]: CtyValue } {
    const values = outputValuesAt("readState", facts);
    return Object.fromEntries(
        DATA_SOURCE_OUTPUTS.map((name) => [
            outputAttributeOf(name),
            values[name] === undefined ? null : ctyValueOf(OUTPUT_DEFINITIONS[name].type, values[name]),
        ]),
    );
}
