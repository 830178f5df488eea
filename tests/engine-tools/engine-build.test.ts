import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { atLeast, parsePythonVersion, REQUIRED_PYTHON_VERSION } from "../../engine/build-engine";
import {
    ENGINE_MODULE_DIR,
    engineBinDir,
    findEngine,
    genSdkSourceHash,
    genSdkStampPath,
    pinnedPulumiVersion,
    pinnedYamlVersion,
    requiredGoVersion,
    requiredModuleVersion,
    YAML_MODULE_DIR,
} from "../../engine/pulumi-engine";
import { cacheRoot, shortHash } from "../../toolchain/cache";
import { PYTHON_REQUIREMENTS, pythonEnvironmentPython, pythonStampPath, pythonVenvDir } from "../../toolchain/python-environment";

const REPO_ROOT = join(__dirname, "..", "..");

/** Runs `npm run engine`'s script with `bin` as the whole PATH and an empty cache under it. */
function runBuildEngine(bin: string) {
    const tsNode = require.resolve("ts-node/dist/bin.js", { paths: [REPO_ROOT] });
    return spawnSync(process.execPath, [tsNode, join(ENGINE_MODULE_DIR, "build-engine.ts")], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        env: { PATH: bin, HOME: process.env.HOME, XDG_CACHE_HOME: join(bin, "cache") },
    });
}

describe("the engine's tools module (npm run engine)", () => {
    it("pins pkg and sdk of github.com/pulumi/pulumi at one version", () => {
        const goMod = readFileSync(join(ENGINE_MODULE_DIR, "go.mod"), "utf8");
        const sdk = /^\s*github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)/m.exec(goMod)?.[1];
        assert.equal(sdk, pinnedPulumiVersion());
        assert.match(goMod, /^tool github\.com\/pulumi\/pulumi\/pkg\/v3\/cmd\/pulumi$/m);
    });

    it("builds the YAML language host in a module of its own, pinned to one pulumi-yaml release", () => {
        const goMod = readFileSync(join(YAML_MODULE_DIR, "go.mod"), "utf8");
        assert.match(goMod, /^tool github\.com\/pulumi\/pulumi-yaml\/cmd\/pulumi-language-yaml$/m);
        assert.match(pinnedYamlVersion(), /^v\d+\.\d+\.\d+$/);
        // Both modules accept the same Go, so one check of the Go on PATH covers both builds.
        assert.match(goMod, new RegExp(`^go ${requiredGoVersion().replace(/\./g, "\\.")}$`, "m"));
    });

    it("reads a module's required version from go.mod text", () => {
        const goMod = [
            "module example",
            "",
            "require github.com/a/b v1.2.3",
            "",
            "require (",
            "\tgithub.com/pulumi/pulumi-yaml/extra v9.9.9 // indirect",
            "\tgithub.com/pulumi/pulumi-yaml v1.25.0 // indirect",
            ")",
            "",
            "replace github.com/c/d => github.com/e/f v0.0.1",
        ].join("\n");
        assert.equal(requiredModuleVersion(goMod, "github.com/a/b"), "v1.2.3");
        assert.equal(requiredModuleVersion(goMod, "github.com/pulumi/pulumi-yaml"), "v1.25.0");
        assert.equal(requiredModuleVersion(goMod, "github.com/e/f"), undefined, "a replacement is not a requirement");
        assert.equal(requiredModuleVersion(goMod, "github.com/x/y"), undefined);
    });

    it("hashes lists of parts without confusing their boundaries", () => {
        assert.match(shortHash(["a"]), /^[0-9a-f]{12}$/);
        assert.equal(shortHash(["ab", "c"]), shortHash(["ab", Buffer.from("c")]));
        assert.notEqual(shortHash(["ab", "c"]), shortHash(["a", "bc"]));
        assert.notEqual(shortHash([]), shortHash([""]));
    });

    it("keeps the generator's build record and the Python environment beside the engine, in the cache", () => {
        assert.equal(dirname(genSdkStampPath()), dirname(engineBinDir()));
        assert.match(genSdkSourceHash(), /^[0-9a-f]{12}$/);
        const venv = pythonVenvDir();
        assert.match(venv, new RegExp(`^${cacheRoot().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/python/[0-9a-f]{12}/venv$`));
        assert.equal(pythonEnvironmentPython(), join(venv, "bin", "python"));
        assert.equal(dirname(pythonStampPath()), dirname(venv));
        assert.ok(!venv.startsWith(REPO_ROOT), venv);
    });

    it("pins every Python requirement, the Pulumi SDK among them", () => {
        const lines = readFileSync(PYTHON_REQUIREMENTS, "utf8")
            .split("\n")
            .map((line) => line.trim())
            .filter((line) => line !== "" && !line.startsWith("#"));
        for (const line of lines) assert.match(line, /^[A-Za-z0-9._-]+==[0-9][^\s]*$/, line);
        assert.ok(lines.some((line) => /^pulumi==3\.\d+\.\d+$/.test(line)));
    });

    it("reads python3 --version", () => {
        assert.equal(parsePythonVersion("Python 3.11.7\n"), "3.11.7");
        assert.equal(parsePythonVersion("Python 3.13.0rc1"), "3.13.0");
        assert.equal(parsePythonVersion("Python 2.7"), "2.7");
        assert.equal(parsePythonVersion("python: command not found"), undefined);
        assert.ok(atLeast("3.11.7", REQUIRED_PYTHON_VERSION));
        assert.ok(!atLeast("3.9.18", REQUIRED_PYTHON_VERSION));
    });

    it("says to run npm run engine when the engine is not built", () => {
        const saved = process.env.XDG_CACHE_HOME;
        const cache = mkdtempSync(join(tmpdir(), "no-engine-"));
        try {
            process.env.XDG_CACHE_HOME = cache;
            assert.throws(
                () => findEngine(),
                (error: Error) => {
                    assert.match(error.message, /run `npm run engine` first/);
                    for (const part of [
                        "pulumi,",
                        "pulumi-language-yaml",
                        "pulumi-language-nodejs",
                        "pulumi-language-python",
                        "pulumi-gen-sdk",
                        "the Python environment",
                    ])
                        assert.ok(error.message.includes(part), part);
                    return true;
                },
            );
        } finally {
            if (saved === undefined) delete process.env.XDG_CACHE_HOME;
            else process.env.XDG_CACHE_HOME = saved;
            rmSync(cache, { recursive: true, force: true });
        }
    });

    it("builds into a cache folder outside the repository, named after the version", () => {
        const dir = engineBinDir();
        assert.ok(!dir.startsWith(REPO_ROOT), dir);
        assert.ok(dir.includes(`pulumi-${pinnedPulumiVersion()}-`), dir);
    });

    it("compares Go versions by number", () => {
        assert.ok(atLeast("1.26.8", requiredGoVersion()));
        assert.ok(atLeast("1.26.6", "1.26.6"));
        assert.ok(atLeast("1.27", "1.26.6"));
        assert.ok(!atLeast("1.26.5", "1.26.6"));
        assert.ok(!atLeast("1.9.9", "1.26"));
    });

    it("fails at once without Go, saying what to install", function () {
        this.timeout(60_000);
        // A PATH with node and nothing else.
        const bin = mkdtempSync(join(tmpdir(), "no-go-"));
        try {
            symlinkSync(process.execPath, join(bin, "node"));
            const result = runBuildEngine(bin);
            assert.equal(result.status, 1, result.stderr);
            assert.equal(result.stdout, "", "no folder printed");
            assert.match(result.stderr, /^Go was not found\. npm run engine builds the Pulumi CLI from Go modules and needs Go \d+\.\d+\.\d+ or later on PATH/);
            assert.match(result.stderr, /`npm test` runs with Node\.js alone/);
        } finally {
            rmSync(bin, { recursive: true, force: true });
        }
    });

    it("fails at once without Python, before building anything", function () {
        this.timeout(60_000);
        const go = spawnSync("go", ["env", "GOROOT"], { encoding: "utf8" });
        if (go.status !== 0) this.skip(); // the test above covers a machine without Go
        // A PATH with node and go and nothing else, and an empty cache: the Python environment is missing.
        const bin = mkdtempSync(join(tmpdir(), "no-python-"));
        try {
            symlinkSync(process.execPath, join(bin, "node"));
            symlinkSync(realpathSync(join(go.stdout.trim(), "bin", "go")), join(bin, "go"));
            const result = runBuildEngine(bin);
            assert.equal(result.status, 1, result.stderr);
            assert.equal(result.stdout, "", "no folder printed");
            assert.match(result.stderr, /^Python 3 was not found\. npm run engine makes a Python virtual environment/);
            assert.doesNotMatch(result.stderr, /building pulumi/);
        } finally {
            rmSync(bin, { recursive: true, force: true });
        }
    });
});
