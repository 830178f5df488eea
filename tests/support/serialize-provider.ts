/**
 * The `__provider` text of a dynamic resource, produced exactly as `pulumi.dynamic.Resource` produces it
 * (`@pulumi/pulumi/dynamic/index.js`: `serializeFunction(() => provider, { allowSecrets: true })`, then
 * `.text`), in a child `node` whose working directory is a consumer project. The provider module and
 * `@pulumi/pulumi` are required from that project's node_modules, so the serializer sees the package where a
 * user's program has it, and turns references to its modules into `require("<package>/dist/...")` calls.
 */
import { execFile } from "node:child_process";
import { hermeticEnv } from "./hermetic-env";

/** What the serializer returned. */
export interface SerializedProvider {
    /** The module text stored in state as `__provider` (it exports `handler`, which returns the provider). */
    text: string;
    /** Whether the serializer captured a secret Output (it then marks `__provider` secret). */
    containsSecrets: boolean;
    /** Size of `text` in bytes (UTF-8). */
    bytes: number;
    /** What the child wrote to stderr (the serializer's warnings), for diagnostics. */
    stderr: string;
}

/** Which exported provider object to serialize. */
export interface ProviderExport {
    /** The module specifier, resolved from the consumer project as a user's program would resolve it. */
    module: string;
    /** The export holding the `pulumi.dynamic.ResourceProvider` object. */
    exportName: string;
}

// Runs in the child. MODULE and EXPORT_NAME are replaced by JSON literals.
const CHILD_SCRIPT = `
const pulumi = require("@pulumi/pulumi");
const provider = require(MODULE)[EXPORT_NAME];
if (provider === undefined || provider === null) throw new Error("no export " + EXPORT_NAME + " in " + MODULE);
pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true }).then(
    (sf) => process.stdout.write(JSON.stringify({ text: sf.text, containsSecrets: sf.containsSecrets })),
    (error) => { console.error((error && error.stack) || String(error)); process.exitCode = 1; },
);
`;

/**
 * Serializes `require(target.module)[target.exportName]` in a child `node` (this process's binary) run in
 * `projectDir`. Rejects with the child's stderr when the serializer fails.
 */
export function serializeProvider(projectDir: string, target: ProviderExport, timeoutMs = 60_000): Promise<SerializedProvider> {
    const script = CHILD_SCRIPT.replace(/\bMODULE\b/g, JSON.stringify(target.module)).replace(/\bEXPORT_NAME\b/g, JSON.stringify(target.exportName));
    return new Promise((resolvePromise, reject) => {
        execFile(
            process.execPath,
            ["-e", script],
            { cwd: projectDir, env: hermeticEnv({ NODE_OPTIONS: undefined }), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
            (error, stdout, stderr) => {
                if (error) {
                    reject(new Error(`serializing ${target.module}#${target.exportName} in ${projectDir} failed: ${error.message}\n${stderr}`));
                    return;
                }
                try {
                    const result = JSON.parse(stdout) as { text: string; containsSecrets: boolean };
                    resolvePromise({ ...result, bytes: Buffer.byteLength(result.text, "utf8"), stderr });
                } catch (parseError) {
                    reject(new Error(`the serializer child printed no JSON (${(parseError as Error).message}): ${stdout.slice(0, 500)}\n${stderr}`));
                }
            },
        );
    });
}
