// ESLint for this codebase: typescript-eslint's recommended rules on the TypeScript sources, with the few
// choices the code makes on purpose spelled out below.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
    {
        // The client is entered through its index only: what it exports is its interface, the rest may change.
        files: ["**/*.ts"],
        ignores: ["provider/alibaba-client/**", "tests/**", "bench/**"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    patterns: [
                        {
                            regex: "alibaba-client/.+",
                            message: "Import the client through its index (provider/alibaba-client), which is its interface.",
                        },
                    ],
                },
            ],
        },
    },
);
