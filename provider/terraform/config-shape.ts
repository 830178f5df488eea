/**
 * A configuration checked against its schema before anything reads it, as terraform-plugin-go decodes one (an
 * object with exactly the schema's attributes: "unknown attribute", "expected N attributes, got M") and
 * terraform-plugin-framework validates it (no value for a read-only attribute). Terraform and OpenTofu always send
 * such an object, every attribute present (null when unset); anything else comes from a broken or hostile client
 * and is answered with an error diagnostic, never read with defaults or copied into the state. What is declared
 * comes from the schema the provider answers GetProviderSchema with: there is no second list.
 */
import { quotedText } from "../alibaba-client/validation";
import { CtyValue, isObject, UNKNOWN } from "./cty-msgpack";
import type { AttributePathStep, Diagnostic, SchemaNestedBlock } from "./tfplugin6-messages";

/**
 * What a configuration is checked against, of a schema's block: its attributes' names and flags, its nested
 * blocks' names, nesting and blocks. A `SchemaBlock` is one; so is the block decoded from the schema's answer.
 */
export interface BlockShape {
    readonly attributes: readonly { readonly name: string; readonly optional?: boolean; readonly computed?: boolean }[];
    readonly blockTypes: readonly NestedBlockShape[];
}

/** A nested block's part of a {@link BlockShape}. */
export interface NestedBlockShape {
    readonly typeName: string;
    readonly nesting: SchemaNestedBlock["nesting"];
    readonly block: BlockShape;
}

/** Most names one diagnostic lists, and most characters of each. */
const SHOWN_NAMES = 5;
const NAME_LIMIT = 64;

/** Names for a message: quoted, escaped and bounded, at most {@link SHOWN_NAMES} of them, then how many more. */
function namesText(names: readonly string[]): string {
    const shown = names.slice(0, SHOWN_NAMES).map((name) => quotedText(name, NAME_LIMIT));
    const more = names.length - shown.length;
    return `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/** What a value is, for a message that refuses it. */
function kindOf(value: CtyValue): string {
    if (value === null) return "null";
    if (value === UNKNOWN) return "an unknown value";
    if (Array.isArray(value)) return "a list";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** An error diagnostic, at `path` when it has steps. */
function error(path: readonly AttributePathStep[], summary: string, detail: string): Diagnostic {
    return { severity: "ERROR", summary, detail, ...(path.length > 0 ? { attribute: { steps: [...path] } } : {}) };
}

/** A block's names: its attributes and its nested blocks. */
function declaredNames(block: BlockShape): string[] {
    return [...block.attributes.map((attribute) => attribute.name), ...block.blockTypes.map((nested) => nested.typeName)];
}

/** The objects a nested block's value holds, by its nesting (one, a list or set of them, a map of them); or a problem. */
function nestedObjects(nested: NestedBlockShape, value: CtyValue): CtyValue[] | string {
    if (nested.nesting === "SINGLE" || nested.nesting === "GROUP") return [value];
    if (nested.nesting === "LIST" || nested.nesting === "SET") return Array.isArray(value) ? value : `must be a list of objects; got ${kindOf(value)}`;
    return isObject(value) ? Object.values(value) : `must be a map of objects; got ${kindOf(value)}`;
}

/** The problems of one object against `block`, at `path`; `where` names it in messages. */
function objectProblems(block: BlockShape, value: { [name: string]: CtyValue }, path: readonly AttributePathStep[], where: string): Diagnostic[] {
    const declared = declaredNames(block);
    const declaredSet = new Set(declared);
    const undeclared = Object.keys(value).filter((name) => !declaredSet.has(name));
    const missing = declared.filter((name) => !Object.hasOwn(value, name));
    const problems: Diagnostic[] = [];
    if (undeclared.length > 0)
        problems.push(
            error(
                path,
                "Unsupported attribute",
                `${where} has ${undeclared.length === 1 ? "an attribute" : `${undeclared.length} attributes`} its schema does not declare: ${namesText(undeclared)}. It declares ${declared.join(", ")}.`,
            ),
        );
    if (missing.length > 0)
        problems.push(
            error(
                path,
                "Incomplete configuration",
                `${where} lacks ${namesText(missing)}: Terraform and OpenTofu send every attribute of the schema, null when unset.`,
            ),
        );
    for (const attribute of block.attributes) {
        const given = value[attribute.name];
        if (attribute.computed && !attribute.optional && Object.hasOwn(value, attribute.name) && given !== null)
            problems.push(
                error(
                    [...path, { attributeName: attribute.name }],
                    "Invalid Configuration for Read-Only Attribute",
                    `${attribute.name} is computed by the provider and cannot be set: remove it from the configuration.`,
                ),
            );
    }
    for (const nested of block.blockTypes) {
        const given = Object.hasOwn(value, nested.typeName) ? value[nested.typeName] : null;
        if (given === null || given === undefined || given === UNKNOWN) continue;
        const at = [...path, { attributeName: nested.typeName }];
        const objects = nestedObjects(nested, given);
        if (typeof objects === "string") {
            problems.push(error(at, "Invalid configuration", `The ${nested.typeName} block ${objects}.`));
            continue;
        }
        for (const object of objects) problems.push(...blockValueProblems(nested.block, object, at, `The ${nested.typeName} block`));
    }
    return problems;
}

/** The problems of a block's value: unknown passes, anything but an object is refused, an object is checked. */
function blockValueProblems(block: BlockShape, value: CtyValue, path: readonly AttributePathStep[], where: string): Diagnostic[] {
    if (value === UNKNOWN) return [];
    if (isObject(value)) return objectProblems(block, value, path, where);
    return [error(path, "Invalid configuration", `${where} must be an object of its schema's attributes; got ${kindOf(value)}.`)];
}

/**
 * The problems of a whole configuration against its schema's block: none for an unknown one (the caller decides
 * what an unknown configuration means); an error for a missing (null) one, for anything but an object, for an
 * undeclared or missing attribute (here or in a nested block), and for a read-only attribute given a value.
 * `where` names the configuration (`The provider block`). Pure.
 */
export function configProblems(block: BlockShape, value: CtyValue, where: string): Diagnostic[] {
    if (value === null)
        return [
            error(
                [],
                "Missing configuration",
                `${where} came empty (null): Terraform and OpenTofu send an object with every attribute of the schema (${declaredNames(block).join(", ")}), null when unset.`,
            ),
        ];
    return blockValueProblems(block, value, [], where);
}
