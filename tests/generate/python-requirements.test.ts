/**
 * examples/python/requirements.txt allows exactly the Pulumi SDK that the generated SDK (and so the release's wheel)
 * requires: it used to allow `pulumi>=3.139.0` while the wheel required `>=3.269.0`, so pip refused the wheel in an
 * environment the example's requirements had set up. It is written from sdks/python/pyproject.toml by
 * `npm run generate` (the staleness test holds it there); here, its one requirement is the pyproject's.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PYTHON_REQUIREMENTS_FILE, PYTHON_SDK_PYPROJECT_FILE, pulumiRequirement, pythonRequirements } from "../../generate/python-requirements";
import { REPO_ROOT } from "../support/consumer-project";

/** The requirement lines of a requirements.txt (no comments, no blank lines). */
const requirementLines = (text: string) =>
    text
        .split("\n")
        .map((line) => line.replace(/#.*$/, "").trim())
        .filter((line) => line !== "");

describe("examples/python/requirements.txt", () => {
    it("requires the Pulumi SDK exactly as the generated SDK's pyproject.toml (the wheel's metadata) does, and nothing else", () => {
        const pyproject = readFileSync(join(REPO_ROOT, PYTHON_SDK_PYPROJECT_FILE), "utf8");
        const requirement = pulumiRequirement(pyproject);
        assert.match(requirement, /^pulumi>=3\.\d+\.\d+,<4\.0\.0$/);
        assert.deepEqual(requirementLines(readFileSync(join(REPO_ROOT, PYTHON_REQUIREMENTS_FILE), "utf8")), [requirement]);
    });

    it("is written from whatever the pyproject requires; a pyproject without one pulumi requirement is refused", () => {
        const pyproject = (deps: string) => `[project]\n  dependencies = [${deps}]\n`;
        assert.deepEqual(requirementLines(pythonRequirements(pyproject('"packaging>=24.0", "pulumi>=3.300.1,<4.0.0"'))), ["pulumi>=3.300.1,<4.0.0"]);
        assert.throws(() => pulumiRequirement(pyproject('"packaging>=24.0"')), /expected one "pulumi\.\.\." in dependencies, found 0/);
    });
});
