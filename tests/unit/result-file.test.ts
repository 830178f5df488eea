/**
 * The result file (`outputFile`, result-file.ts): mode 0600 whatever the umask, the result's JSON and nothing else,
 * replaced atomically (a reader never sees part of it; a write that fails midway leaves the old file), and a
 * failure named by the caller's argument and the path.
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deliverResult, OutputFileError, outputFilePath, resultFileText, Vocabulary } from "../../provider/alibaba-client";
import { REPO_ROOT } from "../support/consumer-project";

/** A result of `n` verifications (about 70 bytes each). */
function resultOf(n: number, tag: string) {
    const verifications = Array.from({ length: n }, (_, i) => ({ contactId: `c-${tag}${String(i).padStart(8, "0")}`, target: `user${i}***@example.com` }));
    return { id: `rd.example/ListMessageContactVerifications/${tag}`, totalCount: n, verifications };
}

/** A caller that names its arguments in snake_case, as the Terraform provider does. */
const SNAKE_CASE: Vocabulary = { argument: (name) => ({ prefix: "argument ", key: name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) }) };

describe("the result file (outputFile)", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "i25-result-file-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("holds the result's JSON with mode 0600, even under umask 000, also where a 0644 file was", async () => {
        const path = join(dir, "result.json");
        writeFileSync(path, "old\n", { mode: 0o644 });
        const result = resultOf(3, "A");
        const saved = process.umask(0);
        try {
            await deliverResult({ outputFile: path }, result);
        } finally {
            process.umask(saved);
        }
        assert.equal(statSync(path).mode & 0o777, 0o600);
        assert.deepEqual(JSON.parse(readFileSync(path, "utf8")), result);
        assert.equal(readFileSync(path, "utf8"), resultFileText(result));
        assert.deepEqual(readdirSync(dir), ["result.json"], "no temporary file is left");
    });

    it("writes nothing without outputFile", async () => {
        await deliverResult({}, resultOf(1, "A"));
        assert.deepEqual(readdirSync(dir), []);
    });

    it("is replaced at once: readers during repeated writes of a 4 MB result always read one whole result", async function () {
        this.timeout(60_000);
        const path = join(dir, "result.json");
        const results = [resultOf(60_000, "A"), resultOf(60_000, "B")];
        await deliverResult({ outputFile: path }, results[0]);
        const expected = results.map((r) => resultFileText(r));
        let writing = true;
        const seen: string[] = [];
        const reader = (async () => {
            while (writing) {
                const text = await readFile(path, "utf8");
                seen.push(expected.includes(text) ? "whole" : `partial (${text.length} bytes)`);
            }
        })();
        for (let i = 1; i <= 8; i++) await deliverResult({ outputFile: path }, results[i % 2]);
        writing = false;
        await reader;
        assert.ok(seen.length > 0, "the reader read");
        assert.deepEqual(
            seen.filter((s) => s !== "whole"),
            [],
        );
    });

    it("a write that fails midway (past the file size limit: EFBIG) leaves the old file as it was, and no temporary file", async function () {
        this.timeout(60_000);
        const path = join(dir, "result.json");
        writeFileSync(path, "the old result\n", { mode: 0o600 });
        // A child process whose files may not grow past 512 bytes (ulimit -f 1), SIGXFSZ ignored so that the write fails
        // with EFBIG instead of killing it; the client from dist/, as npm test builds it.
        const script = `require(${JSON.stringify(join(REPO_ROOT, "dist/provider/alibaba-client"))})
            .deliverResult({ outputFile: ${JSON.stringify(path)} }, ${JSON.stringify(resultOf(100, "B"))})
            .then(() => console.log("written"), (e) => console.log(e.constructor.name, e.reason, e.message));`;
        const out = await new Promise<string>((resolve, reject) =>
            execFile("/bin/sh", ["-c", `trap '' XFSZ; ulimit -f 1; exec "$0" -e "$1"`, process.execPath, script], (error, stdout, stderr) =>
                error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
            ),
        );
        assert.match(out, /^OutputFileError EFBIG argument outputFile: could not write the result to ".*result\.json": file too large \(EFBIG\)\./);
        assert.equal(readFileSync(path, "utf8"), "the old result\n");
        assert.deepEqual(readdirSync(dir), ["result.json"]);
    });

    it("a folder no one may create a file in, or one that does not exist: an OutputFileError naming the argument as the caller does, and the path", async () => {
        for (const [path, reason] of [
            ["/sys/i25-result.json", /^(EACCES|EROFS)$/],
            [join(dir, "missing", "result.json"), /^ENOENT$/],
            [join(dir, "file.json", "result.json"), /^ENOTDIR$/],
        ] as const) {
            writeFileSync(join(dir, "file.json"), "{}");
            await assert.rejects(deliverResult({ outputFile: path }, resultOf(1, "A"), SNAKE_CASE), (error: unknown) => {
                assert.ok(error instanceof OutputFileError, String(error));
                assert.equal(error.field, "output_file");
                assert.equal(error.path, path);
                assert.match(error.reason, reason);
                assert.equal(error.code, "OutputFileNotWritten");
                assert.ok(error.message.startsWith(`argument output_file: could not write the result to "${path}": `), error.message);
                return true;
            });
        }
        assert.deepEqual(readdirSync(dir), ["file.json"], "nothing created");
    });

    it("reads ~/ as the home folder, and a relative path from the working folder", () => {
        assert.equal(outputFilePath("~/out/result.json", "/home/someone"), "/home/someone/out/result.json");
        assert.equal(outputFilePath("~", "/home/someone"), "/home/someone");
        assert.equal(outputFilePath("out/result.json", "/home/someone"), join(process.cwd(), "out/result.json"));
        assert.equal(outputFilePath("~someone/result.json", "/home/someone"), join(process.cwd(), "~someone/result.json"));
    });
});
