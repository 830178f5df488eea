/**
 * The Terraform provider's schema and its registry pages speak Terraform's words where they describe what a user
 * sets (the provider's attributes and blocks, the data source's arguments): every option they mention is named as
 * a Terraform user writes it (`endpoint_type`, `timeouts.read`), never by its Pulumi name, and nothing is said of a
 * resource the provider does not have. (The outputs' descriptions are the outputs table's.)
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OPTION_NAMES } from "../../provider/alibaba-client";
import { dataSourceSchema, providerSchema } from "../../provider/terraform/provider-schema";
import type { SchemaBlock } from "../../provider/terraform/tfplugin6-messages";
import { REPO_ROOT } from "../support/consumer-project";

/** Every description of a block, its attributes a user sets and its nested blocks. */
function descriptions(block: SchemaBlock): string[] {
    return [
        ...(block.description ? [block.description] : []),
        ...block.attributes.filter((attribute) => !(attribute.computed && !attribute.optional)).map((attribute) => attribute.description),
        ...block.blockTypes.flatMap((nested) => descriptions(nested.block)),
    ];
}

/** A page without its Read-Only sections (the outputs). */
function withoutOutputs(page: string): string {
    return page.replace(/^### Read-Only\n[\s\S]*?(?=^#|^<a |(?![\s\S]))/gm, "");
}

/** The options whose Pulumi name is not their Terraform name (camelCase ones). */
const PULUMI_ONLY_NAMES = OPTION_NAMES.filter((name) => /[A-Z]/.test(name));

/** Words that would be Pulumi's: a camelCase option name, or a resource the Terraform provider does not have. */
function pulumiWords(text: string): string[] {
    const names = PULUMI_ONLY_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
    return [...names, ...(/for the resource/.test(text) ? ["for the resource"] : [])];
}

describe("the Terraform provider speaks Terraform's words", () => {
    it("no schema description names an option by its Pulumi name or speaks of the resource", () => {
        for (const text of [...descriptions(providerSchema().block), ...descriptions(dataSourceSchema().block)]) {
            assert.deepEqual(pulumiWords(text), [], text);
        }
    });

    for (const page of ["docs/index.md", "docs/data-sources/verifications.md"]) {
        it(`${page} names no option by its Pulumi name and speaks of no resource`, () => {
            const text = withoutOutputs(readFileSync(join(REPO_ROOT, page), "utf8"));
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
