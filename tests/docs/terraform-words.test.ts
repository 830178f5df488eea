/**
 * Each surface's docs speak its words. The Terraform provider's schema and its registry pages name every option
 * and output as a Terraform user writes it (`endpoint_type`, `timeouts.read`, `contact_id`), never by its Pulumi
 * name, and say nothing of a resource the provider does not have: its attributes' descriptions, the outputs' (the
 * `id`'s `<contactId or *>` was Pulumi's) included. The Pulumi registry's pages, in their text, name no option or
 * output by its Terraform name (their Python code speaks Python's snake_case, as the SDK does).
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OPTION_NAMES, OUTPUT_NAMES } from "../../provider/alibaba-client";
import { dataSourceSchema, providerSchema } from "../../provider/terraform/provider-schema";
import { snakeCase } from "../../provider/terraform/terraform-names";
import type { SchemaBlock } from "../../provider/terraform/tfplugin6-messages";
import { REPO_ROOT } from "../support/consumer-project";
import { prose } from "../support/documented-attributes";

/** Every description of a block, its attributes (those it computes too) and its nested blocks. */
function descriptions(block: SchemaBlock): string[] {
    return [
        ...(block.description ? [block.description] : []),
        ...block.attributes.map((attribute) => attribute.description),
        ...block.blockTypes.flatMap((nested) => descriptions(nested.block)),
    ];
}

/** The options' and outputs' names. */
const NAMES = [...new Set<string>([...OPTION_NAMES, ...OUTPUT_NAMES])];

/** The names whose Pulumi spelling is not their Terraform one (camelCase ones). */
const PULUMI_ONLY_NAMES = NAMES.filter((name) => /[A-Z]/.test(name));

/** Their Terraform spellings (snake_case). */
const TERRAFORM_ONLY_NAMES = PULUMI_ONLY_NAMES.map(snakeCase);

/** Words that would be Pulumi's: a camelCase option or output name, or a resource the Terraform provider does not have. */
function pulumiWords(text: string): string[] {
    const names = PULUMI_ONLY_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
    return [...names, ...(/for the resource/.test(text) ? ["for the resource"] : [])];
}

describe("the Terraform provider speaks Terraform's words", () => {
    it("no schema description (of what a user sets, or of what the data source computes) names an option or output by its Pulumi name or speaks of the resource", () => {
        for (const text of [...descriptions(providerSchema().block), ...descriptions(dataSourceSchema().block)]) {
            assert.deepEqual(pulumiWords(text), [], text);
        }
    });

    for (const page of ["docs/index.md", "docs/data-sources/verifications.md"]) {
        it(`${page} names no option or output by its Pulumi name and speaks of no resource`, () => {
            const text = readFileSync(join(REPO_ROOT, page), "utf8");
            assert.match(text, /max_attempts|region/, "the arguments are still there");
            assert.deepEqual(pulumiWords(text), []);
        });
    }

    it("docs/index.md's introduction tells what the provider block holds in a sentence, not a fragment", () => {
        const intro = readFileSync(join(REPO_ROOT, "docs/index.md"), "utf8").split("\n# ")[1]?.split("\n\n")[1] ?? "";
        assert.doesNotMatch(intro, /Settings and credentials of every read;/, "the fragment issue 27 quoted");
        assert.ok(intro.includes(providerSchema().block.description ?? "?"), "the provider block's own description");
        assert.match(providerSchema().block.description ?? "", /^It holds the settings and credentials of every read\. /);
    });
});

describe("the Pulumi registry's pages speak Pulumi's words", () => {
    for (const page of ["docs/_index.md", "docs/installation-configuration.md"]) {
        it(`${page}: its text names no option or output by its Terraform name`, () => {
            const text = prose(readFileSync(join(REPO_ROOT, page), "utf8"));
            assert.match(text, /pageSize|maxAttempts/, "the arguments are still named");
            assert.deepEqual(
                TERRAFORM_ONLY_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(text)),
                [],
            );
        });
    }
});
