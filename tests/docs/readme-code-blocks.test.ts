/**
 * The code blocks of README.md and examples/*\/README.md, checked against the package as users get it (the
 * `npm pack` tarball installed in a fresh project, beside `@pulumi/pulumi`, the example policy pack's dependencies,
 * TypeScript, `@types/node` and `@types/mocha`).
 *
 * **TypeScript blocks** (` ```ts `, ` ```typescript `) are compiled by one `tsc` run, each block a file of its
 * own, under the compiler options `pulumi new typescript` writes (strict, CommonJS, no `skipLibCheck`).
 * By default a block is the `index.ts` of a project folder of its own. An HTML comment on the line before the
 * fence (blank lines between are allowed) places it otherwise:
 *
 *     <!-- ts: project=get-functions -->                    the index.ts of the project "get-functions"
 *     <!-- ts: project=get-functions file=index.test.ts --> a second file beside it, which may import "./index"
 *     <!-- ts: tsconfig=policy-pack -->                     a policy pack's file: see below
 *
 * so a block that continues another (a unit test of the program above it) names the same project. A policy
 * pack's block is compiled with the example pack's compiler options (examples/policy-pack/tsconfig.json), in a
 * second `tsc` run: `@pulumi/policy`'s own declarations do not compile without `skipLibCheck`. It is a file of a
 * copy of the example pack: the pack's other modules are beside it (`./policies` ...), its dependencies installed.
 *
 * **Shell blocks** (` ```sh `, ` ```bash `, ` ```shell `) each carry one of these markers, the same way:
 *
 *     <!-- sh: run -->                                    this test runs it (below), offline
 *     <!-- sh: run by PATH (note) -->                     the test or CI step at PATH runs it
 *     <!-- sh: not runnable offline: REASON -->           not run; the reason says why
 *
 * A `run` block runs with bash (`set -euo pipefail`; background jobs are stopped when it ends) in a temporary
 * folder of the project, where `npx` finds the package's executables and `dist` is the installed package's, as
 * in a clone; no Alibaba Cloud variable or `~/.aliyun` profile of the developer reaches it. It must exit 0.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ConsumerProject, createConsumerProject, REPO_ROOT, repoVersionOf, typescriptToolchain } from "../support/consumer-project";
import { hermeticEnv } from "../support/hermetic-env";
import { CodeBlock, codeBlocksOf, isShell, isTypeScript, shellClass, typeScriptPlacement } from "../support/markdown-blocks";
import { PULUMI_NEW_TSCONFIG } from "../support/pulumi-new-tsconfig";
import { PACK_DIR, PACKAGE_NAME, packDependencies, packFiles } from "../policy-pack/pack";

/** README.md and every examples/<name>/README.md, relative to the repository root. */
const READMES = [
    "README.md",
    ...readdirSync(join(REPO_ROOT, "examples"))
        .sort()
        .map((name) => `examples/${name}/README.md`)
        .filter((file) => existsSync(join(REPO_ROOT, file))),
];
const BLOCKS: CodeBlock[] = READMES.flatMap((file) => codeBlocksOf(readFileSync(join(REPO_ROOT, file), "utf8"), file));
const TYPESCRIPT = BLOCKS.filter(isTypeScript);
const SHELL = BLOCKS.filter(isShell);

const where = (block: CodeBlock) => `${block.file}:${block.line}`;

/** Runs a command; never rejects. */
function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(file, [...args], { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
            const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && code === -1 ? `\n${error.message}` : "") });
        });
    });
}

/** tsc's `path(line,col): error ...` lines, with each block file's position turned into the README's. */
function inReadme(output: string, blocksByPath: ReadonlyMap<string, CodeBlock>): string {
    return output.replace(/^(\S+?\.ts)\((\d+),(\d+)\)/gm, (text, path: string, line: string, column: string) => {
        const block = blocksByPath.get(path);
        return block ? `${block.file}:${block.line + Number(line)}:${column} (${path})` : text;
    });
}

describe("the READMEs' code blocks", function () {
    this.timeout(300_000);
    let project: ConsumerProject;
    let scratch: string;

    before(async () => {
        project = await createConsumerProject({
            packages: [
                ...typescriptToolchain(),
                ...packDependencies()
                    .filter((name) => name !== PACKAGE_NAME && name !== "@pulumi/pulumi")
                    .map((name) => `${name}@${repoVersionOf(name)}`),
                `@types/mocha@${repoVersionOf("@types/mocha")}`,
            ],
        });
        scratch = mkdtempSync(join(project.dir, "readme-blocks-"));
    });
    after(() => {
        if (scratch && process.env.KEEP_CONSUMER_PROJECT !== "1") rmSync(scratch, { recursive: true, force: true });
    });

    it("are found: TypeScript in README.md, shell commands in every README", () => {
        assert.ok(TYPESCRIPT.some((block) => block.file === "README.md"));
        for (const file of READMES.filter((f) => /```(sh|bash|shell)\b/.test(readFileSync(join(REPO_ROOT, f), "utf8")))) {
            assert.ok(
                SHELL.some((block) => block.file === file),
                `${file}'s shell blocks were not found`,
            );
        }
    });

    /**
     * Compiles the blocks with one tsc run over a folder of their files (with `beside`'s files in each block's
     * folder); fails naming each error's README line.
     */
    async function compile(blocks: readonly CodeBlock[], compilerOptions: object, folder: string, beside: Record<string, string> = {}): Promise<void> {
        const dir = join(scratch, folder);
        const blocksByPath = new Map<string, CodeBlock>();
        for (const block of blocks) {
            const { project: name, file } = typeScriptPlacement(block);
            const path = `${block.file.replace(/[^\w]+/g, "-")}/${name}/${file}`;
            const taken = blocksByPath.get(path);
            assert.ok(!taken, `${where(block)} and ${taken ? where(taken) : ""} are both ${path}: give one another project or file`);
            blocksByPath.set(path, block);
            mkdirSync(dirname(join(dir, path)), { recursive: true });
            for (const [name, text] of Object.entries(beside)) writeFileSync(join(dirname(join(dir, path)), name), text);
            writeFileSync(join(dir, path), `${block.code}\n`);
        }
        const tsconfig = { compilerOptions: { ...compilerOptions, noEmit: true }, files: [...blocksByPath.keys()] };
        writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 4));
        const tsc = join(project.dir, "node_modules", "typescript", "bin", "tsc");
        const result = await run(process.execPath, [tsc, "--pretty", "false", "-p", dir], dir, hermeticEnv({ NODE_OPTIONS: undefined }), 240_000);
        assert.equal(result.code, 0, inReadme(result.stdout + result.stderr, blocksByPath));
    }

    it("every TypeScript block compiles as a file of a `pulumi new typescript` project, against the packed package (one tsc run)", async () => {
        const blocks = TYPESCRIPT.filter((block) => typeScriptPlacement(block).tsconfig === "pulumi-new");
        assert.ok(blocks.length > 0);
        await compile(blocks, PULUMI_NEW_TSCONFIG.compilerOptions, "pulumi-new");
    });

    it("every policy pack's TypeScript block compiles with the example pack's compiler options, against the packed package", async () => {
        const blocks = TYPESCRIPT.filter((block) => typeScriptPlacement(block).tsconfig === "policy-pack");
        assert.ok(blocks.length > 0);
        const packConfig = JSON.parse(readFileSync(join(REPO_ROOT, "examples", "policy-pack", "tsconfig.json"), "utf8")) as { compilerOptions: object };
        const modules = packFiles().filter((name) => name.endsWith(".ts") && name !== "index.ts");
        assert.ok(modules.includes("policies.ts"));
        const beside = Object.fromEntries(modules.map((name) => [name, readFileSync(join(PACK_DIR, name), "utf8")]));
        await compile(blocks, packConfig.compilerOptions, "policy-pack", beside);
    });

    it("every shell block is run by this test or another test or CI step, or marked not runnable offline with the reason", () => {
        const unmarked = SHELL.filter((block) => shellClass(block).kind === "unmarked").map(where);
        assert.deepEqual(unmarked, [], "shell blocks without a `<!-- sh: ... -->` marker (see this test's TSDoc)");
        for (const block of SHELL) {
            const coverage = shellClass(block);
            if (coverage.kind === "run-by") assert.ok(existsSync(join(REPO_ROOT, coverage.path)), `${where(block)}: ${coverage.path} does not exist`);
        }
    });

    for (const block of SHELL.filter((b) => shellClass(b).kind === "run")) {
        it(`runs the shell block at ${where(block)}`, async () => {
            const dir = mkdtempSync(join(scratch, "shell-"));
            const home = join(dir, ".home");
            mkdirSync(home);
            // As in a clone: dist/ is the package's build.
            symlinkSync(join(project.dir, "node_modules", ...project.packageName.split("/"), "dist"), join(dir, "dist"), "dir");
            const env = hermeticEnv({ HOME: home, NODE_OPTIONS: undefined, npm_config_offline: "true" });
            // What `npm test` exports about this repository would point npx at it instead of the project.
            for (const name of Object.keys(env)) if (/^npm_(package|lifecycle|config_(local_)?prefix)|^INIT_CWD$/i.test(name)) delete env[name];
            const script = `set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n${block.code}\n`;
            const result = await run("bash", ["-c", script], dir, env, 120_000);
            assert.equal(
                result.code,
                0,
                `${where(block)} exited ${result.code}\nstdout: ${result.stdout.slice(0, 4000)}\nstderr: ${result.stderr.slice(0, 4000)}`,
            );
        });
    }
});
