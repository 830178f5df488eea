/**
 * The last step of `npm run build`: makes every executable that package.json's `bin` names executable.
 *
 * The build removes dist/ and tsc writes files without the executable bit, so after a rebuild in a clone
 * `dist/cli/main.js` and the plugin's `main.js` were plain files and `npx <bin>` failed with `Permission denied`.
 * npm sets the bit when it installs a package, not when the package's own build writes the files. The list is
 * read from package.json, so a new `bin` needs nothing here.
 *
 *     ts-node scripts/mark-bins-executable.ts [PACKAGE_DIR]   (default: the current directory)
 */
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

/** The fields of package.json this script reads; `bin` is a path (named after the package) or a name-to-path map. */
const MANIFEST = z.object({
    name: z.string().min(1),
    bin: z.union([z.string().min(1), z.record(z.string().min(1), z.string().min(1))]).optional(),
});

/** A command package.json declares, and the file it runs (relative to the package folder). */
export interface BinEntry {
    /** The command's name. */
    name: string;
    /** Its file, as package.json writes it. */
    path: string;
}

/** The bins of a parsed package.json, or an error naming `bin` and what it accepts. */
export function binEntries(manifest: unknown): BinEntry[] {
    const parsed = MANIFEST.safeParse(manifest);
    if (!parsed.success) {
        throw new Error(`package.json: name must be a non-empty string and bin a path or an object of command names to paths (${parsed.error.message})`);
    }
    const { name, bin } = parsed.data;
    if (bin === undefined) return [];
    if (typeof bin === "string") return [{ name: name.replace(/^@[^/]+\//, ""), path: bin }];
    return Object.entries(bin).map(([command, path]) => ({ name: command, path }));
}

/** `mode` with an execute bit wherever it has a read bit (0o644 -> 0o755, 0o600 -> 0o700). */
export function withExecuteBits(mode: number): number {
    return (mode & 0o7777) | ((mode & 0o444) >> 2);
}

/** Makes each bin of the package in `packageDir` executable; returns the files, and throws when one is missing. */
export function markBinsExecutable(packageDir: string): string[] {
    const manifest: unknown = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    return binEntries(manifest).map(({ name, path }) => {
        const file = resolve(packageDir, path);
        if (!existsSync(file)) throw new Error(`package.json bin ${name}: ${path} does not exist after the build`);
        chmodSync(file, withExecuteBits(statSync(file).mode));
        return file;
    });
}

if (require.main === module) {
    try {
        markBinsExecutable(resolve(process.argv[2] ?? "."));
    } catch (error) {
        process.stderr.write(`mark-bins-executable: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    }
}
