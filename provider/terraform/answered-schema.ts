/**
 * What the provider declares, as it answers GetProviderSchema: the provider's block and the data source's, decoded
 * from the stored answer (`static-answers.ts`, which `npm run generate` encodes from `provider-schema.ts`, and
 * which `tests/terraform/static-answers.test.ts` holds to it byte for byte), as far as `config-shape.ts` checks a
 * configuration against them. A validation's start decodes these bytes (about 1.5 ms) rather than build the
 * schemas again, which would load the options' documentation and the client's output table (20-30 ms under
 * Node.js 20, no compile cache).
 */
import type { BlockShape, NestedBlockShape } from "./config-shape";
import { STATIC_ANSWERS } from "./static-answers";
import { DATA_SOURCE_TYPE } from "./terraform-names";
import { decodeMessage } from "./tfplugin6-codec";
import type { Tfplugin6Message } from "./tfplugin6-messages";

/** The blocks a configuration is checked against. */
export interface AnsweredBlocks {
    provider: BlockShape;
    dataSource: BlockShape;
}

/** A decoded nested block, narrowed; the stored answer was written by the provider, so a gap in it is a bug. */
function nestedShape(nested: Tfplugin6Message<"Schema.NestedBlock">): NestedBlockShape {
    const { typeName, nesting } = nested;
    if (typeName === undefined || nesting === undefined || typeof nesting === "number" || nesting === "INVALID")
        throw new Error(`the stored schema's nested block ${typeName ?? "(unnamed)"} has no name or nesting`);
    return { typeName, nesting, block: blockShape(nested.block, typeName) };
}

/** A decoded block, narrowed: absent lists are empty, absent flags false (proto3 leaves both off the wire). */
function blockShape(block: Tfplugin6Message<"Schema.Block"> | undefined, where: string): BlockShape {
    if (block === undefined) throw new Error(`the stored schema has no block for ${where}`);
    return {
        attributes: (block.attributes ?? []).map((attribute) => {
            if (attribute.name === undefined) throw new Error(`the stored schema has an attribute with no name in ${where}`);
            return { name: attribute.name, optional: attribute.optional === true, computed: attribute.computed === true };
        }),
        blockTypes: (block.blockTypes ?? []).map(nestedShape),
    };
}

let answered: AnsweredBlocks | undefined;

/** The provider's and the data source's blocks, decoded once from the stored GetProviderSchema answer. */
export function answeredBlocks(): AnsweredBlocks {
    if (answered) return answered;
    const answer = decodeMessage("GetProviderSchema.Response", Buffer.from(STATIC_ANSWERS.GetProviderSchema, "base64"));
    answered = {
        provider: blockShape(answer.provider?.block, "the provider"),
        dataSource: blockShape(answer.dataSourceSchemas?.[DATA_SOURCE_TYPE]?.block, DATA_SOURCE_TYPE),
    };
    return answered;
}
