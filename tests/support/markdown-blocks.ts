/**
 * The fenced code blocks of a Markdown file, with the marker comment written before each (see
 * tests/docs/readme-code-blocks.test.ts for what the markers mean). Pure: text in, blocks out.
 */

/** One fenced code block. */
export interface CodeBlock {
    /** The file it is in, as given (README.md, examples/basic/README.md). */
    file: string;
    /** The 1-based line of its opening fence. */
    line: number;
    /** The fence's info string, lower-case (`ts`, `sh`, `yaml`, ...); empty without one. */
    lang: string;
    /** Its text, without the fences. */
    code: string;
    /**
     * The text of the HTML comment on the last non-blank line before the fence (`<!-- ... -->`, trimmed,
     * without the comment's delimiters), or undefined when that line is not such a comment.
     */
    marker?: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;
const MARKER = /^<!--\s*(.*?)\s*-->$/;

/** The fenced code blocks of `text`, in order. An unclosed fence is an error (naming the file and line). */
export function codeBlocksOf(text: string, file: string): CodeBlock[] {
    const lines = text.split(/\r?\n/);
    const blocks: CodeBlock[] = [];
    for (let i = 0; i < lines.length; i++) {
        const open = FENCE.exec(lines[i] ?? "");
        if (!open) continue;
        const [, indent = "", fence = "", lang = ""] = open;
        const close = lines.findIndex((candidate, j) => j > i && candidate.trim().startsWith(fence) && candidate.trim().replace(/[`~]/g, "") === "");
        if (close < 0) throw new Error(`${file}:${i + 1}: the code block opened here is not closed`);
        const code = lines
            .slice(i + 1, close)
            .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
            .join("\n");
        let previous = i - 1;
        while (previous >= 0 && (lines[previous] ?? "").trim() === "") previous--;
        const marker = previous >= 0 ? MARKER.exec((lines[previous] ?? "").trim())?.[1] : undefined;
        blocks.push({ file, line: i + 1, lang: lang.toLowerCase(), code, ...(marker !== undefined ? { marker } : {}) });
        i = close;
    }
    return blocks;
}

/** Whether a block is TypeScript (` ```ts ` or ` ```typescript `). */
export function isTypeScript(block: CodeBlock): boolean {
    return block.lang === "ts" || block.lang === "typescript";
}

/** Whether a block is shell commands (` ```sh `, ` ```bash `, ` ```shell `). */
export function isShell(block: CodeBlock): boolean {
    return block.lang === "sh" || block.lang === "bash" || block.lang === "shell";
}

/** The compiler options a TypeScript block is compiled with: a `pulumi new typescript` project's, or a policy pack's. */
export type TypeScriptConfig = "pulumi-new" | "policy-pack";

/** Where a TypeScript block is compiled: a project folder, a file in it, and the project's compiler options. */
export interface TypeScriptPlacement {
    project: string;
    file: string;
    tsconfig: TypeScriptConfig;
}

/**
 * Reads a TypeScript block's marker, `<!-- ts: project=NAME file=FILE.ts tsconfig=policy-pack -->` (each
 * optional). Without `project`, the block is a project of its own (named after its line); without `file`, it is
 * `index.ts`; without `tsconfig`, it is compiled as a `pulumi new typescript` project.
 */
export function typeScriptPlacement(block: CodeBlock): TypeScriptPlacement {
    const placement: TypeScriptPlacement = { project: `line-${block.line}`, file: "index.ts", tsconfig: "pulumi-new" };
    if (block.marker === undefined || !block.marker.startsWith("ts:")) return placement;
    for (const setting of block.marker.slice(3).trim().split(/\s+/).filter(Boolean)) {
        const [key, value] = setting.split("=");
        if (key === "project" && value && /^[\w-]+$/.test(value)) placement.project = value;
        else if (key === "file" && value && /^[\w.-]+\.ts$/.test(value)) placement.file = value;
        else if (key === "tsconfig" && (value === "pulumi-new" || value === "policy-pack")) placement.tsconfig = value;
        else {
            throw new Error(
                `${block.file}:${block.line}: unknown ts marker setting ${JSON.stringify(setting)} (project=NAME, file=NAME.ts, tsconfig=pulumi-new|policy-pack)`,
            );
        }
    }
    return placement;
}

/** How a shell block is covered. */
export type ShellClass = { kind: "run" } | { kind: "run-by"; path: string } | { kind: "not-runnable-offline"; reason: string } | { kind: "unmarked" };

/**
 * Reads a shell block's marker: `<!-- sh: run -->`, `<!-- sh: run by PATH ... -->` (a note may follow the path) or
 * `<!-- sh: not runnable offline: REASON -->`; anything else is `unmarked`.
 */
export function shellClass(block: CodeBlock): ShellClass {
    const marker = block.marker ?? "";
    if (/^sh:\s*run$/.test(marker)) return { kind: "run" };
    const runBy = /^sh:\s*run by (\S+)(?:\s.*)?$/.exec(marker);
    if (runBy?.[1]) return { kind: "run-by", path: runBy[1] };
    const notRunnable = /^sh:\s*not runnable offline:\s*(\S.*)$/.exec(marker);
    if (notRunnable?.[1]) return { kind: "not-runnable-offline", reason: notRunnable[1] };
    return { kind: "unmarked" };
}
