/**
 * The bundle: `sea-entry.ts` and everything it loads (the package's code, `@pulumi/pulumi`'s gRPC stubs and the
 * npm dependencies) as one CommonJS script, the only kind a single executable runs (its `require` loads built-in
 * modules alone). Two source rewrites make it bundleable: `pulumi-runtime.ts` resolves `@grpc/grpc-js` and
 * `google-protobuf` from `@pulumi/pulumi`'s folder at run time, which a bundler cannot follow, so its
 * `fromPulumi("x")` calls become plain `require("x")` resolved from that folder at bundle time (the same copies);
 * and `require.main` is null and `module` undefined, so the mains' `require.main === module` blocks never start a
 * second server (and a snapshot builder, which has no `module`, can evaluate them). The plugins' compile cache
 * (`compile-cache.ts`) is left out: the executable's one script comes with its own start-up data.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { BuildOptions, OutputFile, Plugin } from "esbuild";
import { REPO_ROOT } from "./paths";

/** The file whose run-time resolution is rewritten. */
const PULUMI_RUNTIME = join(REPO_ROOT, "provider", "plugin", "pulumi-runtime.ts");

/** `fromPulumi("x")` calls. */
const FROM_PULUMI_CALL = /\bfromPulumi\(("[^"]+")\)/g;

/**
 * `pulumi-runtime.ts` with each `fromPulumi("x")` call as `require("x")`, or an error when the file no longer has
 * the calls this rewrite expects (so a change there is noticed at bundle time, not in a user's executable).
 */
export function rewritePulumiRuntime(source: string): string {
    const calls = source.match(FROM_PULUMI_CALL) ?? [];
    if (calls.length === 0) throw new Error(`${PULUMI_RUNTIME}: no fromPulumi("...") call left to rewrite for the bundle`);
    return source.replace(FROM_PULUMI_CALL, "require($1)");
}

/** The esbuild plugin that applies {@link rewritePulumiRuntime}, resolving the file's imports from `@pulumi/pulumi`'s folder. */
function pulumiRuntimePlugin(): Plugin {
    return {
        name: "pulumi-runtime",
        setup(build) {
            build.onLoad({ filter: /[\\/]pulumi-runtime\.ts$/ }, (args) => {
                if (args.path !== PULUMI_RUNTIME) return undefined;
                const pulumiRoot = dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] }));
                return { contents: rewritePulumiRuntime(readFileSync(args.path, "utf8")), loader: "ts", resolveDir: pulumiRoot };
            });
        },
    };
}

/** The esbuild plugin that leaves `provider/plugin-process/compile-cache.ts` out (an empty module in its place). */
function withoutCompileCachePlugin(): Plugin {
    return {
        name: "without-compile-cache",
        setup(build) {
            build.onLoad({ filter: /[\\/]plugin-process[\\/]compile-cache\.ts$/ }, () => ({ contents: "export {};", loader: "ts" }));
        },
    };
}

/**
 * The bundle's text, the legal comments of the code in it (kept apart: see {@link bundleScript}), and the SHA-256
 * (hex) over both, the cache key's main part.
 */
export interface Bundle {
    text: string;
    legalNotices: string;
    sha256: string;
}

/** A bundled script, and the legal comments (`/*!`, `@license`, `@preserve`) of the code in it, in their own text. */
export interface BundledScript {
    script: OutputFile;
    legalNotices: string;
}

/** The script's name as esbuild writes it (nothing is written: the texts come back in memory). */
const OUTFILE = "bundle.js";

/**
 * Bundles the script `entry` (in packaging/) for Node.js `nodeVersion` as one CommonJS script, with `options`
 * (defines, plugins) added; returns the script and, apart, its legal comments. esbuild writes the script in ASCII
 * (it escapes every other character in strings, identifiers and regular expressions) but copies comments as they
 * are, and one legal comment with a name in UTF-8 in the script made V8 hold the whole 3.3 MB source in two bytes per
 * character: decoding it took 3.3 ms instead of 1.7 at each start of the executable, compiling it 2 ms more, and the
 * process 6.7 MB more memory. The executable carries the legal comments as an asset instead
 * (`sea-executable.ts`).
 */
export async function bundleScript(entry: string, nodeVersion: string, options: Pick<BuildOptions, "define" | "plugins"> = {}): Promise<BundledScript> {
    const esbuild = await import("esbuild");
    const result = await esbuild.build({
        entryPoints: [join(__dirname, entry)],
        outfile: join(REPO_ROOT, OUTFILE),
        absWorkingDir: REPO_ROOT,
        bundle: true,
        platform: "node",
        format: "cjs",
        target: `node${nodeVersion}`,
        write: false,
        // Whitespace and syntax only: names stay (error classes are reported by name). A third smaller, and the
        // executable reaches its handshake line sooner (less script to deserialize: see npm run bench:release).
        minifyWhitespace: true,
        minifySyntax: true,
        legalComments: "external",
        logLevel: "silent",
        ...options,
    });
    const script = result.outputFiles.find((file) => file.path === join(REPO_ROOT, OUTFILE));
    if (!script) throw new Error(`esbuild wrote no script for ${entry}`);
    const legal = result.outputFiles.find((file) => file !== script);
    return { script, legalNotices: legal?.text ?? "" };
}

/** Bundles `sea-entry.ts` for Node.js `nodeVersion`, with `version` written in. */
export async function bundle(version: string, nodeVersion: string): Promise<Bundle> {
    const { script, legalNotices } = await bundleScript("sea-entry.ts", nodeVersion, {
        define: { RELEASE_VERSION: JSON.stringify(version), "require.main": "null", module: "undefined" },
        plugins: [pulumiRuntimePlugin(), withoutCompileCachePlugin()],
    });
    return { text: script.text, legalNotices, sha256: createHash("sha256").update(script.contents).update("\0").update(legalNotices).digest("hex") };
}
