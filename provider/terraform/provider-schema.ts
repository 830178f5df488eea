/**
 * The provider's and the data source's Terraform schemas, from the option table (types, descriptions, secrecy)
 * and the output table (the data source's computed attributes): no copy of either.
 */
import {
    API_ENDPOINT_CODES,
    descriptionText,
    documentation,
    ENDPOINT_CODES,
    FieldRule,
    LISTING_DESCRIPTION,
    OPTION_DEFINITIONS,
    OUTPUT_DEFINITIONS,
    Rule,
    SettingName,
} from "../alibaba-client";
import { CtyType, ctyTypeOfOutput, DATA_SOURCE_OUTPUTS, outputAttributeDescription, outputAttributeOf } from "./output-attributes";
import { durationText } from "./duration";
import { DATA_SOURCE_ARGUMENTS, isBlockSetting, PROVIDER_SETTINGS, providerAttributeOf, READ_TIMEOUT, snakeCase, TERRAFORM_WORDS } from "./terraform-names";
import type { Schema, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from "./tfplugin6-messages";

/** The cty type of a value a rule accepts. */
export function ctyTypeOf(rule: Rule): CtyType {
    return rule.kind === "integer" ? "number" : rule.kind === "boolean" ? "bool" : "string";
}

function attribute(name: string, type: CtyType, description: string, flags: Partial<SchemaAttribute>): SchemaAttribute {
    return { name, type: Buffer.from(JSON.stringify(type)), description, descriptionKind: "PLAIN", ...flags };
}

function block(attributes: SchemaAttribute[], blockTypes: SchemaNestedBlock[] = [], description?: string): SchemaBlock {
    return { attributes, blockTypes, ...(description ? { description, descriptionKind: "PLAIN" as const } : {}) };
}

/** A field of an object option as an attribute of its block (`session_expiration`), with its range. */
function fieldAttribute(field: string, rule: FieldRule): SchemaAttribute {
    const range = rule.rule.kind === "integer" ? ` From ${rule.rule.min} to ${rule.rule.max}.` : "";
    return attribute(snakeCase(field), ctyTypeOf(rule.rule), `${rule.description}${range}`, rule.required ? { required: true } : { optional: true });
}

/** What one service code of the `endpoints` block gives: the API's endpoint (in the client's order), or STS's. */
function endpointCodeDescription(code: string): string {
    const index = (API_ENDPOINT_CODES as readonly string[]).indexOf(code);
    if (index < 0)
        return `The ${code.toUpperCase()} endpoint (a host name or an http(s) URL), where the role of ${TERRAFORM_WORDS.nameOf("assumeRole")} is assumed.`;
    const before = [TERRAFORM_WORDS.nameOf("endpoint"), ...API_ENDPOINT_CODES.slice(0, index)].join(" and ");
    return `The API's endpoint (a host name or an http(s) URL), used when ${before} ${index === 0 ? "is" : "are"} not set.`;
}

/** The block of a setting whose rule is an object (`assume_role`) or a map of endpoints by service code (`endpoints`). */
function settingBlock(name: SettingName): SchemaNestedBlock {
    const rule = OPTION_DEFINITIONS[name].rule;
    const attributes =
        rule.kind === "object"
            ? Object.entries(rule.fields).map(([field, fieldRule]) => fieldAttribute(field, fieldRule))
            : ENDPOINT_CODES.map((code) => attribute(code, "string", endpointCodeDescription(code), { optional: true }));
    return { typeName: providerAttributeOf(name), nesting: "SINGLE", block: block(attributes, [], documentation(name, TERRAFORM_WORDS)) };
}

/** The provider's configuration schema. */
export function providerSchema(): Schema {
    const attributes = PROVIDER_SETTINGS.filter((name) => !isBlockSetting(name)).map((name) =>
        attribute(providerAttributeOf(name), ctyTypeOf(OPTION_DEFINITIONS[name].rule), documentation(name, TERRAFORM_WORDS), {
            optional: true,
            ...(OPTION_DEFINITIONS[name].secret ? { sensitive: true } : {}),
        }),
    );
    const blocks = PROVIDER_SETTINGS.filter(isBlockSetting).map(settingBlock);
    return { version: 0, block: block(attributes, blocks, PROVIDER_BLOCK_DESCRIPTION) };
}

/** What the provider block is, for the schema and the provider's page. */
export const PROVIDER_BLOCK_DESCRIPTION =
    "It holds the settings and credentials of every read. Every attribute is optional: one left unset falls back to the environment variables its description names, and credentials to the rest of the credential chain.";

/** The `timeouts` block's description of `read`, from the table's time limit, in durations. */
export function readTimeoutDescription(): string {
    const option = OPTION_DEFINITIONS[READ_TIMEOUT.option];
    const rule = option.rule;
    const range = rule.kind === "integer" ? ` From ${durationText(rule.min)} to ${durationText(rule.max)}.` : "";
    const description = descriptionText(READ_TIMEOUT.option, TERRAFORM_WORDS).replace(" in milliseconds", "");
    return `${description} A duration such as "30s" or "5m".${range} Default: ${durationText(Number(option.default))}.`;
}

/** The data source's schema: its arguments from the option table, the `timeouts` block, and the output table's `readState` outputs. */
export function dataSourceSchema(): Schema {
    const attributes = [
        ...DATA_SOURCE_ARGUMENTS.map((name) =>
            attribute(snakeCase(name), ctyTypeOf(OPTION_DEFINITIONS[name].rule), documentation(name, TERRAFORM_WORDS), { optional: true }),
        ),
        ...DATA_SOURCE_OUTPUTS.map((name) =>
            attribute(outputAttributeOf(name), ctyTypeOfOutput(OUTPUT_DEFINITIONS[name].type), outputAttributeDescription(name), { computed: true }),
        ),
    ];
    const timeouts: SchemaNestedBlock = {
        typeName: READ_TIMEOUT.block,
        nesting: "SINGLE",
        block: block([attribute(READ_TIMEOUT.attribute, "string", readTimeoutDescription(), { optional: true })]),
    };
    return {
        version: 0,
        block: block(attributes, [timeouts], LISTING_DESCRIPTION),
    };
}
