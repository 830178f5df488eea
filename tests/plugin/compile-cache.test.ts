import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const COMPILE_CACHE = join(__dirname, "..", "..", "dist", "provider", "plugin-process", "compile-cache.js");
const TERRAFORM_MAIN = join(__dirname, "..", "..", "dist", "provider", "terraform", "main.js");

/** The environment without NODE_COMPILE_CACHE, which would turn the cache on by itself. */
function withoutCompileCacheVariable(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const copy = { ...env };
    delete copy["NODE_COMPILE_CACHE"];
    return copy;
}

describe("the plugins' compile cache (plugin-process/compile-cache.ts)", () => {
    it("on a Node.js that has one, keeps the compiled code of the modules loaded after it under the temporary folder; elsewhere does nothing", () => {
        const dir = mkdtempSync(join(tmpdir(), "compile-cache-"));
        try {
            const script = `require(${JSON.stringify(COMPILE_CACHE)}); const m = require("node:module"); require(${JSON.stringify(TERRAFORM_MAIN)}); m.flushCompileCache?.(); process.stdout.write(String(m.getCompileCacheDir?.() ?? "none"));`;
            const run = spawnSync(process.execPath, ["-e", script], { env: withoutCompileCacheVariable({ ...process.env, TMPDIR: dir }), encoding: "utf8" });
            assert.equal(run.status, 0, run.stderr);
            const hasCache = typeof (require("node:module") as { enableCompileCache?: unknown }).enableCompileCache === "function";
            if (!hasCache) {
                assert.equal(run.stdout, "none");
                return;
            }
            assert.ok(run.stdout.startsWith(dir), `the cache is in ${run.stdout}, not in ${dir}`);
            const files = readdirSync(run.stdout);
            assert.ok(files.length > 5, `only ${files.length} modules cached: ${files.join(", ")}`);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
