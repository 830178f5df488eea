/**
 * Facts that stand once in the hand-written sources, every other place deriving them: the credential arguments
 * (the option table's secret ones), the service codes about the contact ID (beside the operation's error codes),
 * the credential chain's places (the chain's steps and the option table's environment variables), and the names
 * the Terraform provider's advice gives (its vocabulary). Generated files and generated sections are left out:
 * they are written from those facts, and a staleness test holds them to it.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CREDENTIAL_ENV, OPTION_DEFINITIONS, OPTION_NAMES } from "../../provider/alibaba-client";
import { dataSourceSchema, providerSchema } from "../../provider/terraform/provider-schema";
import type { SchemaBlock } from "../../provider/terraform/tfplugin6-messages";
import { REPO_ROOT } from "../support/consumer-project";

/** Files written by `npm run generate`, wholly. */
const GENERATED = ["provider/alibaba-client/options/option-values.ts", "provider/package-facts.ts", "provider/terraform/tfplugin6-descriptor.ts"];

/** A text without its generated sections (`<!-- options:x -->`...`<!-- /options:x -->`, the TSDoc's credentials section). */
function handWritten(text: string): string {
    return text
        .replace(/<!-- (options|release):([a-z-]+) -->[\s\S]*?<!-- \/\1:\2 -->/g, "")
        .replace(/<!-- credentials: written by npm run generate[\s\S]*?<!-- \/credentials -->/g, "");
}

/** The hand-written TypeScript of the package and its generators (not tests), by path. */
function sources(): Map<string, string> {
    const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "provider", "sdk", "cli", "generate"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
    });
    const files = listed.split("\n").filter((file) => file.endsWith(".ts") && !GENERATED.includes(file) && existsSync(join(REPO_ROOT, file)));
    return new Map(files.map((file) => [file, handWritten(readFileSync(join(REPO_ROOT, file), "utf8"))]));
}

/** The files whose hand-written text matches `pattern`. */
function filesMatching(pattern: RegExp): string[] {
    return [...sources()].filter(([, text]) => pattern.test(text)).map(([file]) => file);
}

/** Every attribute name of a block and its nested blocks. */
function attributeNames(block: SchemaBlock): string[] {
    return [...block.attributes.map((a) => a.name), ...block.blockTypes.flatMap((nested) => [nested.typeName, ...attributeNames(nested.block)])];
}

describe("facts written once", () => {
    it("the credential arguments are listed only by the option table (its secret arguments), never by name elsewhere", () => {
        assert.deepEqual(filesMatching(/["']accessKeyId["'],\s*["']accessKeySecret["']/), ["provider/alibaba-client/options/option-table.ts"]);
        assert.deepEqual(filesMatching(/accessKeyId:\s*\w+\.accessKeyId,\s*accessKeySecret:/), [], "no copy of the credential arguments, one by one");
    });

    it("the service codes about the contact ID are grouped once, beside the operation's error codes", () => {
        assert.deepEqual(filesMatching(/MissingParameter\.ContactId/), ["provider/alibaba-client/errors/operation-codes.ts"]);
        assert.deepEqual(filesMatching(/Contact\(Id\)\?/), [], "no second pattern of the same codes");
    });

    it("no message names the listing's time limit as the client's option (`timeoutMs=`) or a default by hand", () => {
        assert.deepEqual(filesMatching(/timeoutMs=|default 5m/), []);
    });

    it("the Terraform provider's advice names no attribute, block or environment variable literally", () => {
        const advice = sources().get("provider/terraform/error-diagnostics.ts") ?? "";
        const snakeNames = [...attributeNames(providerSchema().block), ...attributeNames(dataSourceSchema().block)].filter((name) => name.includes("_"));
        const variables = [...OPTION_NAMES.flatMap((name) => OPTION_DEFINITIONS[name].env ?? []), ...Object.values(CREDENTIAL_ENV)];
        assert.ok(snakeNames.includes("contact_id") && variables.includes("ALICLOUD_ACCESS_KEY"), "the names looked for");
        assert.deepEqual(
            [...snakeNames, ...variables].filter((name) => advice.includes(name)),
            [],
        );
    });

    it("the credential chain's places are described by no hand: the CLI's help, the get functions' TSDoc, credentials-for.ts, the Terraform advice, the README", () => {
        const described = [
            "cli/usage.ts",
            "sdk/get-message-contact-verifications.ts",
            "provider/alibaba-client/credentials/credentials-for.ts",
            "provider/terraform/error-diagnostics.ts",
        ];
        const places = /ALICLOUD_(ACCESS_KEY|SECRET_KEY|SECURITY_TOKEN|PROFILE)|ALIBABA_CLOUD_ACCESS_KEY|alicloud:(accessKey|secretKey|profile)/;
        assert.deepEqual(
            described.filter((file) => places.test(sources().get(file) ?? "")),
            [],
        );
        const readme = handWritten(readFileSync(join(REPO_ROOT, "README.md"), "utf8"));
        assert.doesNotMatch(readme, /ALICLOUD_(ACCESS_KEY|SECRET_KEY|SECURITY_TOKEN|PROFILE)\b/, "the README's own text");
    });
});
