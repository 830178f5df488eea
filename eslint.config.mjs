// ESLint for this codebase: typescript-eslint's recommended rules on the TypeScript sources, with the few
// choices the code makes on purpose spelled out below.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * The client is entered through its index, or through its validation entry (what checks options and settings,
 * and loads nothing that lists): what they export is its interface, the rest may change.
 */
const CLIENT_INDEX_ONLY = {
    regex: "alibaba-client/(?!validation$).+",
    message: "Import the client through its index (provider/alibaba-client), or provider/alibaba-client/validation: they are its interface.",
};

/** An import of one of the three adapters (provider/dynamic, provider/plugin, provider/terraform) from a sibling folder. */
function adapter(name) {
    return { regex: `(^|/)\\.\\./${name}(/|$)`, message: `The adapters stand side by side: none imports another (${name}).` };
}

/** A config block refusing `patterns` (no-restricted-imports) in `files`, except `ignores`. */
function restrictImports(files, ignores, patterns) {
    return { files, ignores, rules: { "no-restricted-imports": ["error", { patterns }] } };
}

export default tseslint.config(
    { ignores: ["dist/**", "bench/dist/**", "sdks/python/**", "sdks/go/**", "node_modules/**", "examples/**/node_modules/**", "**/*.js", "**/*.mjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        rules: {
            // Unused bindings are compile errors already (noUnusedLocals/noUnusedParameters); `_name` marks intent.
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
            // require() at call time is how the package stays cheap to import (the client, zod and the official
            // credentials library load on first use) and how the serialized provider stays small; tests require
            // what a child project installed.
            "@typescript-eslint/no-require-imports": "off",
            // The emulator matches control characters on purpose (hostile input, terminal escapes).
            "no-control-regex": "off",
        },
    },
    {
        // Promises are awaited or handled, and never passed where a callback's result is ignored: typed rules,
        // over the tests' project, which includes every TypeScript file of the repository.
        files: ["**/*.ts"],
        languageOptions: { parserOptions: { project: ["./tests/tsconfig.json"], tsconfigRootDir: import.meta.dirname } },
        rules: {
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-misused-promises": "error",
        },
    },
    // What never imports what: each block's files are refused the imports named (a later block's rule for the same
    // files replaces an earlier one's, so each block names every pattern its files are held to).
    restrictImports(["**/*.ts"], ["provider/alibaba-client/**", "tests/**", "bench/**"], [CLIENT_INDEX_ONLY]),
    // The three adapters stand side by side over the client and the shared definitions: none imports another.
    restrictImports(["provider/dynamic/**/*.ts"], [], [CLIENT_INDEX_ONLY, adapter("plugin"), adapter("terraform")]),
    restrictImports(["provider/plugin/**/*.ts"], [], [CLIENT_INDEX_ONLY, adapter("dynamic"), adapter("terraform")]),
    restrictImports(["provider/terraform/**/*.ts"], [], [CLIENT_INDEX_ONLY, adapter("dynamic"), adapter("plugin")]),
    // What the adapters share (the resource's shape and operations, names, wire format, the plugin processes' life)
    // imports no adapter.
    restrictImports(["provider/*.ts", "provider/plugin-process/**/*.ts"], [], [CLIENT_INDEX_ONLY, adapter("dynamic"), adapter("plugin"), adapter("terraform")]),
    // The client knows nothing of Pulumi, Terraform or the adapters.
    restrictImports(
        ["provider/alibaba-client/**/*.ts"],
        [],
        [
            { regex: "^@pulumi/", message: "The client knows nothing of Pulumi." },
            {
                regex: "^(\\.\\./)+(dynamic|plugin|terraform|plugin-process|listing-resource|resource-shape|pulumi-names|wire-format)(/|$)",
                message: "The client imports no adapter and nothing of the providers.",
            },
        ],
    ),
    // The release is built from the package and the shared build tools (toolchain/), never from the test engine.
    restrictImports(
        ["packaging/**/*.ts"],
        [],
        [{ regex: "(^|/)engine/", message: "The release does not depend on the test engine: share through toolchain/." }],
    ),
);
