/**
 * The result file (`outputFile`): one call's result written as JSON, for tools that read files, as the data
 * sources of Alibaba Cloud's official providers write their `output_file`, but with mode 0600 (theirs is 0646),
 * atomically (a temporary file in the same folder, written, synced, then renamed over the path: a reader sees the
 * old file or the new one, never part of one, and a failed write leaves the old one as it was), and holding the
 * result only: never a credential, which no result holds.
 */
import { randomBytes } from "node:crypto";
import type * as FsPromises from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { OutputFileError } from "../errors";
import type { ResultOptions } from "../operation/list-options";
import { CLIENT_VOCABULARY, placeText, Vocabulary } from "../options/places";

/** `node:fs/promises`, loaded when a file is written: a call without `outputFile` never needs it. */
const files = () => require("node:fs/promises") as typeof FsPromises;

/** The file's mode: read and write for its owner only, whatever the umask. */
export const OUTPUT_FILE_MODE = 0o600;

/** The path a call's `outputFile` names: `~` and `~/...` in the home folder (as the official providers read it), else from the working folder. */
export function outputFilePath(path: string, home: string = homedir()): string {
    if (path === "~") return home;
    if (path.startsWith("~/")) return join(home, path.slice(2));
    return resolve(path);
}

/** The file's text: the result as JSON, indented by two spaces, with a final newline. */
export function resultFileText(result: unknown): string {
    return `${JSON.stringify(result, null, 2)}\n`;
}

/** Makes a rename in `folder` durable where a folder can be opened and synced (not on Windows): best effort. */
async function syncFolder(folder: string): Promise<void> {
    try {
        const handle = await files().open(folder, "r");
        try {
            await handle.sync();
        } finally {
            await handle.close();
        }
    } catch {
        // A platform that cannot sync a folder: the rename stands as the file system keeps it.
    }
}

/**
 * Writes `text` to `path` atomically, with mode {@link OUTPUT_FILE_MODE}: into a new temporary file beside it
 * (created exclusively, so never another's), synced, then renamed over `path` (a symbolic link there is replaced,
 * not followed). On failure the temporary file is removed and the system's error thrown.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
    const file = await files().open(temporary, "wx", OUTPUT_FILE_MODE);
    try {
        try {
            // The umask can only take bits away from the mode open gave: this sets exactly 0600.
            await file.chmod(OUTPUT_FILE_MODE);
            await file.writeFile(text);
            await file.sync();
        } finally {
            await file.close();
        }
        await files().rename(temporary, path);
    } catch (error) {
        await files().rm(temporary, { force: true });
        throw error;
    }
    await syncFolder(dirname(path));
}

/** `permission denied` from `EACCES: permission denied, open '...'`: the system's words, without the path. */
function systemDescription(error: unknown): string {
    const message = error instanceof Error ? error.message : "";
    return /^[A-Z0-9_]+: ([^,]+)/.exec(message)?.[1] ?? "the file could not be written";
}

/**
 * Does what a call's result arguments ask with its result: with `outputFile`, writes it there (see
 * {@link writeFileAtomically}). A failure is an {@link OutputFileError} naming the argument as `vocabulary` does.
 */
export async function deliverResult(args: ResultOptions, result: unknown, vocabulary: Vocabulary = CLIENT_VOCABULARY): Promise<void> {
    if (args.outputFile === undefined) return;
    try {
        await writeFileAtomically(outputFilePath(args.outputFile), resultFileText(result));
    } catch (error) {
        const name = "outputFile" satisfies keyof ResultOptions;
        const place = vocabulary.argument?.(name) ?? { prefix: "argument ", key: name };
        const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "EIO";
        throw new OutputFileError(place.key, placeText(place), args.outputFile, code, systemDescription(error), error);
    }
}
