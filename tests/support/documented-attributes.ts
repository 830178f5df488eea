/**
 * The attributes each surface serves, read from the schemas the package serves (the Terraform provider's and data
 * source's schema objects, the Pulumi plugin's generated sdks/schema.json), with the range and default each
 * description states; and the pieces of Markdown the docs state them in (bullets, table rows). Pure but for
 * reading sdks/schema.json. For tests/docs/documented-surfaces.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dataSourceSchema, providerSchema } from "../../provider/terraform/provider-schema";
import type { SchemaBlock } from "../../provider/terraform/tfplugin6-messages";
import { REPO_ROOT } from "./consumer-project";

/** Where an attribute is served. */
export type Surface = "Terraform provider" | "Terraform data source" | "Pulumi config" | "Pulumi function" | "Pulumi resource";

/** One attribute of a surface: a nested one is named by its path (`assume_role.session_expiration`). */
export interface SurfaceAttribute {
    surface: Surface;
    name: string;
    description: string;
    /** Computed by the surface (a result, an output), not set by the user. */
    output: boolean;
    /** A block (Terraform) or an object (Pulumi) whose fields are attributes of their own. */
    container: boolean;
    /** Sensitive (Terraform) or secret (Pulumi). */
    secret: boolean;
}

/** `From 1 to 32.` in a description or doc text: the range it states, as written. */
export function rangeOf(text: string): { min: string; max: string } | undefined {
    const match = /\bFrom (\S+) to (\S+?)\.(?:\s|$)/.exec(text);
    return match ? { min: match[1] as string, max: match[2] as string } : undefined;
}

/** `Default: X.` in a description or doc text: X, as written (up to the sentence's end). */
export function defaultOf(text: string): string | undefined {
    return /\bDefault: (.*?)\.(?:\s+[A-Z(]|\s*$)/.exec(text)?.[1];
}

/** `1..32` or `1000..3600000 (milliseconds)` in a table's "accepts" cell: the range, as written. */
export function cellRangeOf(cell: string): { min: string; max: string } | undefined {
    const match = /^(\d+)\.\.(\d+)\b/.exec(cell.trim());
    return match ? { min: match[1] as string, max: match[2] as string } : undefined;
}

/** A Terraform block's attributes and nested blocks, nested ones by path. */
function blockAttributes(surface: Surface, block: SchemaBlock, prefix = ""): SurfaceAttribute[] {
    return [
        ...block.attributes.map((attribute) => ({
            surface,
            name: `${prefix}${attribute.name}`,
            description: attribute.description,
            output: attribute.computed === true && attribute.optional !== true && attribute.required !== true,
            container: false,
            secret: attribute.sensitive === true,
        })),
        ...block.blockTypes.flatMap((nested) => [
            { surface, name: `${prefix}${nested.typeName}`, description: nested.block.description ?? "", output: false, container: true, secret: false },
            ...blockAttributes(surface, nested.block, `${prefix}${nested.typeName}.`),
        ]),
    ];
}

/** The Terraform provider's and data source's attributes, from the schemas the provider serves. */
export function terraformAttributes(): SurfaceAttribute[] {
    return [...blockAttributes("Terraform provider", providerSchema().block), ...blockAttributes("Terraform data source", dataSourceSchema().block)];
}

/** A property of the Pulumi schema. */
interface SchemaProperty {
    description?: string;
    $ref?: string;
    secret?: boolean;
}

/** The parts of sdks/schema.json read here. */
export interface PulumiSchema {
    config: { variables: Record<string, SchemaProperty> };
    types: Record<string, { properties?: Record<string, SchemaProperty> }>;
    functions: Record<string, { inputs: { properties: Record<string, SchemaProperty> }; outputs: { properties: Record<string, SchemaProperty> } }>;
    resources: Record<string, { inputProperties: Record<string, SchemaProperty>; properties: Record<string, SchemaProperty> }>;
}

/** sdks/schema.json, the Pulumi plugin's schema as generated. */
export function pulumiSchema(): PulumiSchema {
    return JSON.parse(readFileSync(join(REPO_ROOT, "sdks", "schema.json"), "utf8")) as PulumiSchema;
}

/** Properties as attributes, and the fields of an object type a property names (`assumeRole.roleArn`). */
function properties(surface: Surface, schema: PulumiSchema, props: Record<string, SchemaProperty>, output: (name: string) => boolean): SurfaceAttribute[] {
    return Object.entries(props).flatMap(([name, prop]) => {
        const fields = prop.$ref ? schema.types[prop.$ref.replace(/^#\/types\//, "")]?.properties : undefined;
        return [
            { surface, name, description: prop.description ?? "", output: output(name), container: fields !== undefined, secret: prop.secret === true },
            ...Object.entries(fields ?? {}).map(([field, f]) => ({
                surface,
                name: `${name}.${field}`,
                description: f.description ?? "",
                output: output(name),
                container: false,
                secret: f.secret === true,
            })),
        ];
    });
}

/** The Pulumi plugin's config keys, its function's inputs and outputs, and its resource's inputs and outputs. */
export function pulumiAttributes(schema: PulumiSchema = pulumiSchema()): SurfaceAttribute[] {
    return [
        ...properties("Pulumi config", schema, schema.config.variables, () => false),
        ...Object.values(schema.functions).flatMap((fn) => [
            ...properties("Pulumi function", schema, fn.inputs.properties, () => false),
            ...properties("Pulumi function", schema, fn.outputs.properties, () => true),
        ]),
        ...Object.values(schema.resources).flatMap((resource) =>
            properties("Pulumi resource", schema, resource.properties, (name) => !(name in resource.inputProperties)).concat(
                properties(
                    "Pulumi resource",
                    schema,
                    Object.fromEntries(Object.entries(resource.inputProperties).filter(([name]) => !(name in resource.properties))),
                    () => false,
                ),
            ),
        ),
    ];
}

/**
 * The attribute bullets of a page in the Terraform registry's layout (`- \`name\` (Type) text`), by path: those of
 * its `## Schema` section by name, those of `### Nested Schema for \`block\`` as `block.name`.
 */
export function registryBullets(page: string): Map<string, string> {
    const bullets = new Map<string, string>();
    const schema = page.split(/^## Schema$/m)[1] ?? "";
    let prefix = "";
    for (const line of schema.split("\n")) {
        const nested = /^### Nested Schema for `([^`]+)`/.exec(line);
        if (nested) prefix = `${nested[1]}.`;
        const bullet = /^- `([^`]+)` (.*)$/.exec(line);
        if (bullet) bullets.set(`${prefix}${bullet[1]}`, bullet[2] as string);
    }
    return bullets;
}

/** The rows of the first Markdown table after `start` in `text`, each as its cells (trimmed), the header left out. */
export function tableRows(text: string, start: string): string[][] {
    const at = text.indexOf(start);
    if (at < 0) throw new Error(`no ${JSON.stringify(start)} in the text`);
    const lines = text.slice(at).split("\n");
    const first = lines.findIndex((line) => line.startsWith("|"));
    const rows: string[][] = [];
    for (const line of lines.slice(first + 2)) {
        if (!line.startsWith("|")) break;
        rows.push(
            line
                .replace(/\\\|/g, "\u0000")
                .split("|")
                .slice(1, -1)
                .map((cell) => cell.replace(/\u0000/g, "|").trim()),
        );
    }
    return rows;
}

/** The backticked names in a cell (`` `contactId` (secret) `` -> contactId). */
export function cellNames(cell: string): string[] {
    return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
}

/** Markdown text without its fenced code blocks. */
export function prose(text: string): string {
    return text.replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\1\2\s*$/gm, "");
}

/** The backticked spans of a text, outside code blocks. */
export function backticked(text: string): string[] {
    return [...prose(text).matchAll(/`([^`\n]+)`/g)].map((match) => match[1] as string);
}

/** The part of `text` from the line starting with `from` to the next line starting with `to` (or the end). */
export function section(text: string, from: string, to?: string): string {
    const start = text.indexOf(`\n${from}`);
    if (start < 0) throw new Error(`no section ${JSON.stringify(from)}`);
    const end = to === undefined ? -1 : text.indexOf(`\n${to}`, start + 1);
    return text.slice(start, end < 0 ? undefined : end);
}
