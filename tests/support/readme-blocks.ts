/**
 * The README's code blocks, for engine tests that run the commands and configurations as the README gives them
 * (with the test's own hosts, keys and folders put in place of the README's placeholders).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CodeBlock, codeBlocksOf } from "./markdown-blocks";
import { REPO_ROOT } from "./consumer-project";

/** README.md's fenced blocks. */
export function readmeBlocks(): CodeBlock[] {
    return codeBlocksOf(readFileSync(join(REPO_ROOT, "README.md"), "utf8"), "README.md");
}

/**
 * The one block of language `lang` in `file` (a Markdown file, from the repository's root) whose code contains
 * `text`; an error when none or several do.
 */
export function markdownBlock(file: string, lang: string, text: string): CodeBlock {
    const found = codeBlocksOf(readFileSync(join(REPO_ROOT, file), "utf8"), file).filter((block) => block.lang === lang && block.code.includes(text));
    if (found.length !== 1) throw new Error(`${file} has ${found.length} \`${lang}\` blocks containing ${JSON.stringify(text)}; expected one`);
    return found[0] as CodeBlock;
}

/** The one README block of language `lang` whose code contains `text`; an error when none or several do. */
export function readmeBlock(lang: string, text: string): CodeBlock {
    return markdownBlock("README.md", lang, text);
}

/** The one line of README block `block` that starts with `prefix` (after leading spaces), without its `#` comment. */
export function readmeLine(block: CodeBlock, prefix: string): string {
    const lines = block.code
        .split("\n")
        .map((line) => line.replace(/\s+#.*$/, "").trim())
        .filter((line) => line.startsWith(prefix));
    if (lines.length !== 1) throw new Error(`README.md:${block.line}: ${lines.length} lines start with ${JSON.stringify(prefix)}; expected one`);
    return lines[0] as string;
}

/** `text` with each key of `replacements` replaced (every occurrence); an error naming a key that does not occur. */
export function substitute(text: string, replacements: Readonly<Record<string, string>>): string {
    let result = text;
    for (const [from, to] of Object.entries(replacements)) {
        if (!result.includes(from)) throw new Error(`${JSON.stringify(from)} is not in ${JSON.stringify(text.slice(0, 300))}`);
        result = result.split(from).join(to);
    }
    return result;
}
