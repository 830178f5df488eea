/**
 * The executables package.json's `bin` declares are executable after `npm run build`, in a clone: a rebuild
 * used to leave them without the executable bit, and `npx <bin>` failed with `Permission denied`.
 */
import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { binEntries, BinEntry, markBinsExecutable, withExecuteBits } from "../../scripts/mark-bins-executable";
import { REPO_ROOT } from "../support/consumer-project";

/** What every bin prints first for `--version`: the package's version (executable-flags.test.ts holds each to it). */
const versionLine = (version: string) => new RegExp(`^${version.replace(/\./g, "\\.")}$`);

/** The bins of the repository's package.json. */
function repoBins(): BinEntry[] {
    return binEntries(JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")));
}

/** Whether `file` has an execute bit for its owner, group and others. */
function executableByAll(file: string): boolean {
    return (statSync(file).mode & 0o111) === 0o111;
}

/** A copy of the repository's files as a clone has them (tracked and new, not ignored), with its node_modules linked. */
function cloneOfRepository(): string {
    const clone = mkdtempSync(join(tmpdir(), "bins-clone-"));
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT, encoding: "utf8" })
        .split("\0")
        .filter((file) => file !== "");
    for (const file of files) {
        mkdirSync(dirname(join(clone, file)), { recursive: true });
        try {
            cpSync(join(REPO_ROOT, file), join(clone, file));
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error; // deleted in the work tree
        }
    }
    symlinkSync(join(REPO_ROOT, "node_modules"), join(clone, "node_modules"), "dir");
    return clone;
}

/** What `command args` printed until its first stdout line or its exit (then killed with its children). */
function firstLine(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ line: string; code: number | null; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => finish(null), 60_000);
        const finish = (code: number | null) => {
            clearTimeout(timer);
            try {
                if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
            } catch {
                // Already gone.
            }
            resolve({ line: stdout.split("\n")[0] ?? "", code, stderr });
        };
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString("utf8");
            if (stdout.includes("\n")) finish(null);
        });
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        child.on("error", reject);
        child.on("exit", (code) => finish(code));
    });
}

describe("the package's bins", () => {
    it("are read from package.json's bin, as a map or as a single path named after the package", () => {
        assert.deepEqual(binEntries({ name: "tool", bin: { a: "dist/a.js", b: "dist/b.js" } }), [
            { name: "a", path: "dist/a.js" },
            { name: "b", path: "dist/b.js" },
        ]);
        assert.deepEqual(binEntries({ name: "@scope/tool", bin: "dist/main.js" }), [{ name: "tool", path: "dist/main.js" }]);
        assert.deepEqual(binEntries({ name: "tool" }), []);
        assert.throws(() => binEntries({ name: "tool", bin: 3 }), /package\.json: name must be a non-empty string and bin a path or an object/);
    });

    it("get an execute bit wherever they have a read bit", () => {
        assert.equal(withExecuteBits(0o100644), 0o755);
        assert.equal(withExecuteBits(0o600), 0o700);
        assert.equal(withExecuteBits(0o755), 0o755);
    });

    it("are made executable by markBinsExecutable, and a missing one is named", () => {
        const dir = mkdtempSync(join(tmpdir(), "bins-"));
        try {
            writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "tool", bin: { one: "one.js", two: "sub/two.js" } }));
            mkdirSync(join(dir, "sub"));
            writeFileSync(join(dir, "one.js"), "#!/usr/bin/env node\n", { mode: 0o644 });
            writeFileSync(join(dir, "sub", "two.js"), "#!/usr/bin/env node\n", { mode: 0o644 });
            assert.deepEqual(markBinsExecutable(dir), [join(dir, "one.js"), join(dir, "sub", "two.js")]);
            assert.ok(executableByAll(join(dir, "one.js")) && executableByAll(join(dir, "sub", "two.js")));
            rmSync(join(dir, "sub", "two.js"));
            assert.throws(() => markBinsExecutable(dir), /package\.json bin two: sub\/two\.js does not exist after the build/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("are executable in dist/ after npm run build (npm test builds first)", () => {
        const bins = repoBins();
        assert.ok(bins.length >= 2, "package.json declares the CLI and the provider plugin");
        for (const { name, path } of bins) assert.ok(executableByAll(join(REPO_ROOT, path)), `${name}: ${path} is not executable`);
    });

    it("run with npx in a clone after a rebuild", async function () {
        this.timeout(300_000);
        const clone = cloneOfRepository();
        // npx links the clone into its own cache on first use (which sets the bit once); the rebuild after it
        // is what used to leave the files without it.
        const env: NodeJS.ProcessEnv = { ...process.env, npm_config_cache: join(clone, ".npm-cache"), npm_config_update_notifier: "false" };
        for (const key of Object.keys(env)) if (/^npm_(lifecycle_|package_|config_(local_)?prefix$)/i.test(key)) delete env[key];
        const build = () => execFileSync("npm", ["run", "build", "--silent"], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"] });
        try {
            build();
            const bins = binEntries(JSON.parse(readFileSync(join(clone, "package.json"), "utf8")));
            for (const { name } of bins) await firstLine("npx", ["--offline", name, "--version"], clone, env);
            build();
            const version = (JSON.parse(readFileSync(join(clone, "package.json"), "utf8")) as { version: string }).version;
            for (const { name, path } of bins) {
                assert.ok(executableByAll(join(clone, path)), `${name}: ${path} is not executable after the rebuild`);
                const result = await firstLine("npx", ["--offline", name, "--version"], clone, env);
                assert.doesNotMatch(result.stderr, /Permission denied/, name);
                assert.ok(result.code !== 126 && result.code !== 127, `${name} did not start (exit ${String(result.code)}): ${result.stderr}`);
                assert.match(result.line, versionLine(version), `${name}: ${result.stderr}`);
            }
        } finally {
            rmSync(clone, { recursive: true, force: true });
        }
    });
});
