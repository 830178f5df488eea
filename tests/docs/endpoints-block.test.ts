/**
 * What the docs say the `endpoints` setting takes, it takes: every service code the README's settings table and
 * the registry pages name in the setting's description is an attribute of the Terraform provider's `endpoints`
 * block (so `endpoints { resourcedirectory = ... }` is accepted, as documented), is listed in the block's nested
 * schema on docs/index.md, and is read by the client (the listing or STS goes there).
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { resolveCallEndpoint, resolveStsEndpoint } from "../../provider/alibaba-client";
import { providerSchema } from "../../provider/terraform/provider-schema";
import { REPO_ROOT } from "../support/consumer-project";

const read = (file: string) => readFileSync(join(REPO_ROOT, file), "utf8");

/** The service codes a description of the endpoints setting names: `a (else b) for the API, c for AssumeRole`. */
function namedCodes(text: string): string[] {
    const description = /Endpoints by service code: ([^.|]*)/.exec(text)?.[1];
    assert.ok(description, "the endpoints setting's description");
    return [...description.matchAll(/\b([a-z]+)\b(?= \(else| for)|\(else ([a-z]+)\)/g)].map((match) => match[1] ?? match[2] ?? "");
}

/** The attributes of the Terraform `endpoints` block, from the schema the provider serves. */
function blockAttributes(): string[] {
    const endpoints = providerSchema().block.blockTypes.find((block) => block.typeName === "endpoints");
    assert.ok(endpoints, "the provider has an endpoints block");
    return endpoints.block.attributes.map((attribute) => attribute.name);
}

describe("the endpoints setting takes every service code its docs name", () => {
    const pages = ["README.md", "docs/index.md", "docs/installation-configuration.md"];

    for (const page of pages) {
        it(`${page}: each code it names is an attribute of Terraform's endpoints block`, () => {
            const codes = namedCodes(read(page));
            assert.ok(codes.includes("resourcedirectory") && codes.includes("sts"), codes.join(", "));
            for (const code of codes) assert.ok(blockAttributes().includes(code), `${code} is named by ${page} but not an attribute of the endpoints block`);
        });
    }

    it("docs/index.md lists each of them in the block's nested schema", () => {
        const nested = read("docs/index.md").split('<a id="nestedblock--endpoints"></a>')[1] ?? "";
        for (const code of namedCodes(read("docs/index.md"))) assert.match(nested, new RegExp(`^- \`${code}\` \\(String\\)`, "m"), code);
    });

    it("the client reads each of them: the API's codes for the listing, sts for AssumeRole", () => {
        for (const code of namedCodes(read("docs/index.md"))) {
            const host = `${code}.example`;
            const used =
                code === "sts"
                    ? resolveStsEndpoint(undefined, { endpoints: { [code]: host } }).host
                    : resolveCallEndpoint({}, { endpoints: { [code]: host } }, {}).host;
            assert.equal(used, host, code);
        }
    });
});
