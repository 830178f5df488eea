/**
 * The provider block, read: each attribute to its setting (blocks to the object and map the table's rules take),
 * checked by the same `readSettings` as the Pulumi plugin's configuration, each problem a diagnostic at the
 * attribute's path that says what is accepted and never shows a secret. Unknown attributes are neither checked
 * nor used: reads wait until they are known.
 */
import { OPTION_DEFINITIONS, placeText, ProviderSettings, readSettings, ruleProblem, SettingName } from "../alibaba-client/validation";
import { CtyValue, containsUnknown, isObject, UNKNOWN } from "./cty-msgpack";
import { isBlockSetting, PROVIDER_SETTINGS, providerAttributeOf, providerPlace, snakeCase } from "./terraform-names";
import type { Diagnostic } from "./tfplugin6-messages";

/** The provider's configuration, read. */
export interface ProviderConfig {
    settings: ProviderSettings;
    /** Attributes whose values are unknown (the provider block refers to something not yet created). */
    unknownAttributes: string[];
    diagnostics: Diagnostic[];
}

/** An error diagnostic at an attribute path. */
export function attributeError(path: readonly string[], summary: string, detail: string): Diagnostic {
    return { severity: "ERROR", summary, detail, attribute: { steps: path.map((attributeName) => ({ attributeName })) } };
}

/** A number as cty may send it (a number, or its text for large ones), else the value as it is. */
export function numberOf(value: CtyValue): unknown {
    return typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** A block's value as the setting's object (`{ roleArn, ... }`), unset fields left out; problems at each field's path. */
function blockSetting(name: SettingName, value: CtyValue, diagnostics: Diagnostic[]): Record<string, unknown> | undefined {
    if (!isObject(value)) return undefined;
    const attribute = providerAttributeOf(name);
    const rule = OPTION_DEFINITIONS[name].rule;
    const result: Record<string, unknown> = {};
    if (rule.kind !== "object") {
        for (const [code, endpoint] of Object.entries(value)) if (endpoint !== null && endpoint !== "") result[code] = endpoint;
        return Object.keys(result).length > 0 ? result : undefined;
    }
    let valid = true;
    for (const [field, fieldRule] of Object.entries(rule.fields)) {
        const given = value[snakeCase(field)];
        if (given === null || given === undefined) continue;
        const converted = numberOf(given);
        const path = [attribute, snakeCase(field)];
        const problem = ruleProblem(fieldRule.rule, converted, placeText(providerPlace(path.join("."))));
        if (problem) {
            valid = false;
            diagnostics.push(attributeError(path, `Invalid ${path.join(".")}`, problem));
        }
        result[field] = converted;
    }
    return valid ? result : undefined;
}

/**
 * Reads the provider block's value (as decoded from the protocol, and checked against the schema by
 * `config-shape.ts`). Pure: the environment is read later, by the listing, for what the block leaves unset.
 */
export function readProviderConfig(config: CtyValue): ProviderConfig {
    const values = isObject(config) ? config : {};
    const diagnostics: Diagnostic[] = [];
    // A wholly unknown block (a provider configured from something not created yet) is every attribute unknown.
    const unknownAttributes = PROVIDER_SETTINGS.map(providerAttributeOf).filter(
        (attribute) => config === UNKNOWN || containsUnknown(values[attribute] ?? null),
    );
    const given = new Map<SettingName, unknown>();
    for (const name of PROVIDER_SETTINGS) {
        const attribute = providerAttributeOf(name);
        const value = values[attribute] ?? null;
        if (unknownAttributes.includes(attribute) || value === null) continue;
        given.set(name, isBlockSetting(name) ? blockSetting(name, value, diagnostics) : numberOf(value));
    }
    const { settings, problems } = readSettings(
        (name) => given.get(name),
        (name) => providerPlace(providerAttributeOf(name)),
        (name) => unknownAttributes.includes(providerAttributeOf(name)),
    );
    for (const problem of problems) {
        const attribute = providerAttributeOf(problem.option);
        diagnostics.push(attributeError([attribute], `Invalid provider attribute ${attribute}`, problem.message));
    }
    return { settings, unknownAttributes, diagnostics };
}
