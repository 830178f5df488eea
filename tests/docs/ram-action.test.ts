/**
 * The RAM action a policy must allow is written once (`LIST_MESSAGE_CONTACT_VERIFICATIONS.ramAction`, with where
 * its spelling comes from) and every text that names one names that: the error advice, and each README and
 * example. No file of the repository spells it another way.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AlibabaCloudApiError, LIST_MESSAGE_CONTACT_VERIFICATIONS } from "../../provider/alibaba-client";
import { adviceFor } from "../../provider/terraform/error-diagnostics";
import { REPO_ROOT } from "../support/consumer-project";

/** A RAM action for the operation, in any service's spelling: `<code>:ListMessageContactVerifications`. */
const ANY_SPELLING = /\b([a-z]+):ListMessageContactVerifications\b/g;

/** The repository's text files as git knows them (tracked and new), without generated SDKs and lock files. */
function repositoryFiles(): string[] {
    const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, encoding: "utf8" });
    return listed
        .split("\n")
        .filter((file) => file !== "" && !file.startsWith("sdks/") && !file.startsWith("node_modules") && !file.endsWith("package-lock.json"))
        .filter((file) => /\.(ts|md|tf|rego|json|yaml|yml|py|go|txt)$/.test(file));
}

describe("the RAM action of ListMessageContactVerifications", () => {
    it("is resourcemanager:ListMessageContactVerifications, the spelling of Resource Directory's RAM authorization page", () => {
        assert.equal(LIST_MESSAGE_CONTACT_VERIFICATIONS.ramAction, "resourcemanager:ListMessageContactVerifications");
    });

    it("every file that names a RAM action for the operation names that one", () => {
        const named = new Map<string, string[]>();
        for (const file of repositoryFiles()) {
            let text: string;
            try {
                text = readFileSync(join(REPO_ROOT, file), "utf8");
            } catch {
                continue; // deleted in the work tree
            }
            for (const match of text.matchAll(ANY_SPELLING)) named.set(file, [...(named.get(file) ?? []), match[0]]);
        }
        const other = [...named].filter(([, actions]) => actions.some((action) => action !== LIST_MESSAGE_CONTACT_VERIFICATIONS.ramAction));
        assert.deepEqual(other, [], "files spelling the RAM action otherwise");
        for (const example of ["examples/terraform/README.md", "examples/basic/README.md"]) assert.ok(named.has(example), `${example} names the RAM action`);
    });

    it("the Terraform provider's advice on a permission error names it", () => {
        const error = new AlibabaCloudApiError({ operation: "ListMessageContactVerifications", httpStatus: 403, code: "NoPermission", message: "denied" });
        assert.ok(adviceFor(error).includes(LIST_MESSAGE_CONTACT_VERIFICATIONS.ramAction), adviceFor(error));
    });
});
