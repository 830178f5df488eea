/**
 * The files of a static site (a provider registry or network mirror) as a plan: each a path under the site's
 * folder and either a JSON document or a copy of a release file. `provider-sites.ts` writes a plan; the modules
 * that make one stay pure. URLs between a site's files are relative, so the site works wherever it is served.
 */
import { posix } from "node:path";

/** A JSON document of the site. */
export interface JsonFile {
    /** The path under the site's folder, `/`-separated, no leading `/`. */
    path: string;
    json: unknown;
}

/** A release file copied into the site. */
export interface CopiedFile {
    path: string;
    /** The release file's name (in the release folder). */
    copyOf: string;
}

/** One file of a site. */
export type SiteFile = JsonFile | CopiedFile;

/** Whether a site file is a copy of a release file. */
export function isCopy(file: SiteFile): file is CopiedFile {
    return "copyOf" in file;
}

/**
 * The relative URL by which a document served at `from` names the file at `to` (both site paths): resolved
 * against the document's URL, as the registry and mirror protocols resolve theirs, it gives `to`.
 */
export function relativeUrl(from: string, to: string): string {
    const relative = posix.relative(posix.dirname(from), to);
    return relative.split("/").map(encodeURIComponent).join("/");
}

/** A document's text as written: two-space JSON and a newline. */
export function jsonText(json: unknown): string {
    return `${JSON.stringify(json, null, 2)}\n`;
}
