/**
 * The types of the outputs, as plain data: the TypeScript types (generated), the Pulumi schema's types, Terraform's
 * cty types, the README's type column and the check of a value all read the same type. Descriptions name options,
 * outputs and fields through a {@link Naming}, so that each surface says them in its own vocabulary
 * (`contactId`, `contact_id`).
 */

/** How a surface names an option, an output or an object's field in its descriptions. */
export type Naming = (name: string) => string;

/** A description: plain text, or text that names options, outputs or fields through the surface's naming. */
export type Described = string | ((name: Naming) => string);

/** A field of an object type. */
export interface OutputField {
    readonly type: OutputType;
    readonly description: Described;
}

/** The type of an output's value. */
export type OutputType =
    | { readonly kind: "string" }
    | { readonly kind: "integer" }
    | { readonly kind: "list"; readonly items: OutputType }
    /** An object keyed by data (a target), not by names: its keys are never renamed. */
    | { readonly kind: "map"; readonly values: OutputType }
    /** An object with named fields; `name` is its type's name where a surface declares types (`MessageContactVerification`). */
    | { readonly kind: "object"; readonly name: string; readonly description: Described; readonly fields: Readonly<Record<string, OutputField>> };

/** A string. */
export const STRING = { kind: "string" } as const;
/** A whole number. */
export const INTEGER = { kind: "integer" } as const;
/** A list of `items`, in order. */
export const listOf = <T extends OutputType>(items: T) => ({ kind: "list", items }) as const;
/** An object keyed by data, each value a `values`. */
export const mapOf = <T extends OutputType>(values: T) => ({ kind: "map", values }) as const;
/** An object type with named fields. */
export const objectType = <F extends Record<string, OutputField>>(name: string, description: Described, fields: F) =>
    ({ kind: "object", name, description, fields }) as const;

/** An object type. */
export type ObjectType = Extract<OutputType, { kind: "object" }>;

/** How a surface writes a type, case by case: a list's items, a map's values and an object's fields come written. */
export interface TypeWriter<R> {
    string: R;
    integer: R;
    list(items: R): R;
    map(values: R): R;
    object(type: ObjectType, fields: [name: string, written: R][]): R;
}

/** A type as `writer` writes it. */
export function writeType<R>(type: OutputType, writer: TypeWriter<R>): R {
    if (type.kind === "list") return writer.list(writeType(type.items, writer));
    if (type.kind === "map") return writer.map(writeType(type.values, writer));
    if (type.kind === "object")
        return writer.object(
            type,
            Object.entries(type.fields).map(([name, field]) => [name, writeType(field.type, writer)]),
        );
    return writer[type.kind];
}

/** The JavaScript value of a type: what an output's computation returns. */
export type ValueOf<T> = T extends { kind: "string" }
    ? string
    : T extends { kind: "integer" }
      ? number
      : T extends { kind: "list"; items: infer I }
        ? ValueOf<I>[]
        : T extends { kind: "map"; values: infer V }
          ? Record<string, ValueOf<V>>
          : T extends { kind: "object"; fields: infer F }
            ? { [K in keyof F]: F[K] extends { type: infer FT } ? ValueOf<FT> : never }
            : never;

/** A description in a surface's words. */
export function describe(description: Described, naming: Naming): string {
    return typeof description === "string" ? description : description(naming);
}

/** `a, b and c`. */
export function listedText(parts: readonly string[]): string {
    return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** Names as they are: the vocabulary of the table itself, of TypeScript and of the Pulumi schema. */
export const AS_NAMED: Naming = (name) => name;

/** The object types a type uses, itself included, each once, outermost first. */
export function objectTypesIn(type: OutputType): ObjectType[] {
    if (type.kind === "object") return [type, ...Object.values(type.fields).flatMap((field) => objectTypesIn(field.type))];
    if (type.kind === "list") return objectTypesIn(type.items);
    if (type.kind === "map") return objectTypesIn(type.values);
    return [];
}

/** What is wrong with `value` as a `type` (`verifications[2].target must be a string`), or undefined. Pure. */
export function valueProblem(type: OutputType, value: unknown, path: string): string | undefined {
    const isRecord = typeof value === "object" && value !== null && !Array.isArray(value);
    switch (type.kind) {
        case "string":
            return typeof value === "string" ? undefined : `${path} must be a string`;
        case "integer":
            return Number.isSafeInteger(value) ? undefined : `${path} must be a whole number`;
        case "list": {
            if (!Array.isArray(value)) return `${path} must be an array of ${typeScriptText(type.items)}`;
            for (const [index, item] of value.entries()) {
                const problem = valueProblem(type.items, item, `${path}[${index}]`);
                if (problem) return problem;
            }
            return undefined;
        }
        case "map": {
            if (!isRecord) return `${path} must be an object`;
            for (const [key, item] of Object.entries(value)) {
                const problem = valueProblem(type.values, item, `${path}[${JSON.stringify(key)}]`);
                if (problem) return problem;
            }
            return undefined;
        }
        case "object": {
            const fits =
                isRecord && Object.entries(type.fields).every(([name, field]) => !valueProblem(field.type, (value as Record<string, unknown>)[name], name));
            return fits ? undefined : `${path} must be ${typeScriptText(type)}`;
        }
    }
}

/**
 * A type in TypeScript's words, for messages, docs and the generated types: `number`, `string[]`, an object type by
 * its name (`MessageContactVerification[]`) or, `inline`, written out (`{ contactId: string, target: string }[]`).
 */
export function typeScriptText(type: OutputType, inline = true): string {
    return writeType<string>(type, {
        string: "string",
        integer: "number",
        list: (items) => `${items}[]`,
        map: (values) => `Record<string, ${values}>`,
        object: (object, fields) => (inline ? `{ ${fields.map(([name, written]) => `${name}: ${written}`).join(", ")} }` : object.name),
    });
}
