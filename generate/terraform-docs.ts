/**
 * The Terraform provider's documentation in the Terraform registry's layout (`docs/index.md`,
 * `docs/data-sources/verifications.md`), written from the provider's schema, which comes from the option table:
 * every attribute with its type, whether it is required, optional, sensitive or read-only, and its description.
 */
import { dataSourceSchema, providerSchema } from "../provider/terraform/provider-schema";
import { DATA_SOURCE_TYPE, PROVIDER_SOURCE, PROVIDER_TYPE, TERRAFORM_VOCABULARY } from "../provider/terraform/terraform-names";
import { credentialsParagraph } from "./credential-docs";
import { readBehaviourSection } from "./read-behaviour";
import type { SchemaAttribute, SchemaBlock } from "../provider/terraform/tfplugin6-messages";

/** The provider's page. */
export const PROVIDER_DOC_FILE = "docs/index.md";
/** The data source's page. */
export const DATA_SOURCE_DOC_FILE = "docs/data-sources/verifications.md";

/** `["list",["object",{...}]]` -> `List of Object`. */
function typeText(type: unknown): string {
    if (typeof type === "string") return type.charAt(0).toUpperCase() + type.slice(1);
    if (Array.isArray(type)) return type[0] === "object" ? "Object" : `${typeText(type[0])} of ${typeText(type[1])}`;
    return "Object";
}

/**
 * A description as Markdown text: `<endpoint host>` must not read as an HTML tag, nor the asterisks of a masked
 * value (`someone***@example.com`) as emphasis.
 */
export function markdownText(text: string): string {
    return text.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\*/g, "\\*");
}

function attributeLine(attribute: SchemaAttribute): string {
    const type = typeText(JSON.parse(Buffer.from(attribute.type).toString("utf8")) as unknown);
    const flags = [type, ...(attribute.sensitive ? ["Sensitive"] : [])].join(", ");
    return `- \`${attribute.name}\` (${flags}) ${markdownText(attribute.description)}`;
}

/** The attributes of a block grouped as the registry groups them, then its nested blocks, each under its anchor. */
function blockSection(block: SchemaBlock, level: string): string {
    const groups: [string, (a: SchemaAttribute) => boolean][] = [
        ["Required", (a) => a.required === true],
        ["Optional", (a) => a.optional === true],
        ["Read-Only", (a) => a.computed === true && a.optional !== true],
    ];
    const sections: string[] = [];
    for (const [title, test] of groups) {
        const lines = block.attributes.filter(test).map(attributeLine);
        const blocks =
            title === "Optional"
                ? block.blockTypes.map(
                      (b) =>
                          `- \`${b.typeName}\` (Block) ${b.block.description ? `${markdownText(b.block.description)} ` : ""}(see [below for nested schema](#nestedblock--${b.typeName}))`,
                  )
                : [];
        if (lines.length + blocks.length > 0) sections.push(`${level} ${title}\n\n${[...lines, ...blocks].join("\n")}`);
    }
    for (const nested of block.blockTypes) {
        sections.push(
            `<a id="nestedblock--${nested.typeName}"></a>\n${level} Nested Schema for \`${nested.typeName}\`\n\n${blockSection(nested.block, `${level}#`).replace(/^#+ (Required|Optional|Read-Only)\n\n/gm, "$1:\n\n")}`,
        );
    }
    return sections.join("\n\n");
}

const PROVIDER_EXAMPLE = `terraform {
  required_providers {
    ${PROVIDER_TYPE} = {
      source = "${PROVIDER_SOURCE}"
    }
  }
}

provider "${PROVIDER_TYPE}" {
  region = "cn-hangzhou"
  # Credentials: see "Credentials" below.
}`;

const DATA_SOURCE_EXAMPLE = `data "${DATA_SOURCE_TYPE}" "pending" {
  timeouts {
    read = "5m"
  }
}

output "pending_targets" {
  value = data.${DATA_SOURCE_TYPE}.pending.targets
}`;

function page(title: string, description: string, body: string): string {
    return `---\npage_title: "${title}"\ndescription: |-\n  ${description}\n---\n\n${body}\n`;
}

/** A page: its heading, what it serves, the example, its own sections, and the block's schema. */
function schemaPage(title: string, description: string, heading: string, intro: string, example: string, block: SchemaBlock, sections: string[] = []): string {
    return page(
        title,
        description,
        [
            heading,
            "",
            intro,
            "",
            "This file is generated from the option table by `npm run generate`.",
            "",
            "## Example Usage",
            "",
            "```terraform",
            example,
            "```",
            "",
            ...sections.flatMap((section) => [section, ""]),
            "## Schema",
            "",
            blockSection(block, "###"),
        ].join("\n"),
    );
}

/** Alibaba Cloud's official provider, as Terraform users name it. */
const OFFICIAL_PROVIDER = "Alibaba Cloud's official provider (`aliyun/alicloud`)";

/** `docs/index.md`. */
export function providerDoc(): string {
    const schema = providerSchema();
    return schemaPage(
        `${PROVIDER_TYPE} Provider`,
        "Lists Alibaba Cloud Resource Directory message contact verifications, from every page.",
        `# ${PROVIDER_TYPE} Provider`,
        `Serves the data source \`${DATA_SOURCE_TYPE}\`: the phone numbers and email addresses of Resource Directory message contacts that are waiting to be verified (ListMessageContactVerifications), from every page, as one consistent, complete list or an error. The provider block takes the attribute names of Alibaba Cloud's official provider. ${schema.block.description ?? ""}`,
        PROVIDER_EXAMPLE,
        schema.block,
        [`## Credentials\n\n${credentialsParagraph(TERRAFORM_VOCABULARY)}`, readBehaviourSection(TERRAFORM_VOCABULARY, OFFICIAL_PROVIDER)],
    );
}

/** `docs/data-sources/verifications.md`. */
export function dataSourceDoc(): string {
    const schema = dataSourceSchema();
    return schemaPage(
        `${DATA_SOURCE_TYPE} Data Source - ${PROVIDER_TYPE}`,
        schema.block.description ?? "",
        `# ${DATA_SOURCE_TYPE} (Data Source)`,
        `${schema.block.description ?? ""} A \`contact_id\` not known at plan time is read at apply.`,
        DATA_SOURCE_EXAMPLE,
        schema.block,
    );
}
