/**
 * `examples/python/requirements.txt`: the Python program's own requirement, the Pulumi SDK, as the generated SDK
 * (and so the release's wheel) requires it in `sdks/python/pyproject.toml`, which the SDK generator writes: one
 * source, so the example never allows a Pulumi SDK the wheel refuses. Written by `npm run generate`. Pure.
 */

/** The generated file, relative to the repository. */
export const PYTHON_REQUIREMENTS_FILE = "examples/python/requirements.txt";

/** The generated SDK's project file, the source. */
export const PYTHON_SDK_PYPROJECT_FILE = "sdks/python/pyproject.toml";

/** The Pulumi SDK requirement (`pulumi>=3.269.0,<4.0.0`) of a pyproject.toml's `dependencies`, or an error naming the file. */
export function pulumiRequirement(pyproject: string): string {
    const dependencies = /^\s*dependencies = \[([^\]]*)\]$/m.exec(pyproject)?.[1] ?? "";
    const found = [...dependencies.matchAll(/"(pulumi(?:[<>=!~][^"]*)?)"/g)].map((match) => match[1] as string);
    if (found.length !== 1) throw new Error(`${PYTHON_SDK_PYPROJECT_FILE}: expected one "pulumi..." in dependencies, found ${found.length}`);
    return found[0] as string;
}

/** The example's requirements.txt, from the SDK's pyproject.toml. */
export function pythonRequirements(pyproject: string): string {
    return [
        `# Written by npm run generate from ${PYTHON_SDK_PYPROJECT_FILE}: the Pulumi SDK the generated SDK, and so the release's wheel, requires.`,
        pulumiRequirement(pyproject),
        "# The SDK itself: the release's wheel (pip install pulumi_alicloud_message_contacts-<version>-py3-none-any.whl), or",
        "# sdks/python of a clone (pip install ../../sdks/python); see the README's Python section.",
        "",
    ].join("\n");
}
