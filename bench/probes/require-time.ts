/**
 * Child probe: how long require() takes in this fresh process. Modes:
 *   pulumi                require("@pulumi/pulumi") and require("@pulumi/pulumi/dynamic")
 *   package               require(dist/sdk/index.js), the package's main, which loads them itself
 *   package-after-pulumi  the two of `pulumi`, then the package; reports both parts and the modules the package added
 * Prints {"ms", "afterPulumiMs", "addedPackages"}.
 */
import { performance } from "node:perf_hooks";
import { PACKAGE_MAIN, REPO_ROOT } from "../paths";

const mode = process.argv[2];
const resolveFromRepo = (specifier: string) => require.resolve(specifier, { paths: [REPO_ROOT] });
const pulumiPaths = [resolveFromRepo("@pulumi/pulumi"), resolveFromRepo("@pulumi/pulumi/dynamic")];

function packagesIn(paths: Iterable<string>): Set<string> {
    const names = new Set<string>();
    for (const path of paths) {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
        names.add(match ? (match[1] as string) : "(this package)");
    }
    return names;
}

const start = performance.now();
if (mode === "pulumi" || mode === "package-after-pulumi") for (const path of pulumiPaths) require(path);
const afterPulumi = performance.now();
const before = new Set(Object.keys(require.cache));
if (mode === "package" || mode === "package-after-pulumi") require(PACKAGE_MAIN);
const end = performance.now();
if (mode !== "pulumi" && mode !== "package" && mode !== "package-after-pulumi") throw new Error(`unknown mode ${String(mode)}`);

const added = packagesIn(Object.keys(require.cache).filter((path) => !before.has(path)));
const pulumiLoaded = packagesIn(before);
process.stdout.write(
    `${JSON.stringify({
        ms: end - start,
        afterPulumiMs: mode === "package-after-pulumi" ? end - afterPulumi : undefined,
        addedPackages: mode === "package-after-pulumi" ? [...added].filter((name) => !pulumiLoaded.has(name)).sort() : undefined,
    })}\n`,
);
