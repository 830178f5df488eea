/**
 * What the engine's language hosts (`engine/language-hosts/`) make of the engine's requests: the command line and
 * environment of the program's process, as Pulumi's own hosts build them, the runtime options of Pulumi.yaml, and
 * the answer for an exit code.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import {
    nodeConfigJson,
    nodePluginProcess,
    nodeRunProcess,
    parseConfigKey,
    pythonInterpreter,
    pythonRunProcess,
    RunPluginSpec,
    runOutcome,
    RunSpec,
    splitWords,
} from "../../engine/language-hosts/program-run";
import { engineAddressOf } from "../../engine/language-hosts/language-host-server";
import { hostExecutable, lockedVersion, shellQuote } from "../../engine/build-language-hosts";
import { changeSummaryOf } from "../support/engine/engine-results";

const SPEC: RunSpec = {
    monitorAddress: "127.0.0.1:4001",
    engineAddress: "127.0.0.1:4000",
    pwd: "/work/app",
    project: "app",
    stack: "dev",
    organization: "organization",
    config: { "alicloud:accessKey": "AK", "app:parts": "resource" },
    configSecretKeys: ["alicloud:secretKey"],
    dryRun: true,
    parallel: 16,
    rootDirectory: "/work/app",
    programDirectory: "/work/app/src",
    entryPoint: ".",
    options: {},
    args: ["extra"],
};

describe("the engine's language hosts: the program's process", () => {
    it("Node.js: cmd/run with Pulumi's host's flags in its order, then the entry point and the engine's arguments", () => {
        const run = nodeRunProcess(SPEC, "/m/run/index.js");
        assert.equal(run.command, "node");
        assert.deepEqual(run.args, [
            "/m/run/index.js",
            ...["--monitor", "127.0.0.1:4001", "--engine", "127.0.0.1:4000", "--organization", "organization", "--project", "app"],
            ...["--root-directory", "/work/app", "--stack", "dev", "--pwd", "/work/app/src", "--dry-run", "--parallel", "16", ".", "extra"],
        ]);
        assert.equal(run.cwd, "/work/app");
    });

    it("Node.js: config keys as ns:config:name, the secret keys as JSON, TypeScript on unless the options turn it off", () => {
        const run = nodeRunProcess({ ...SPEC, dryRun: false, organization: "" }, "run.js");
        assert.deepEqual(JSON.parse(run.env.PULUMI_CONFIG ?? ""), { "alicloud:config:accessKey": "AK", "app:config:parts": "resource" });
        assert.deepEqual(JSON.parse(run.env.PULUMI_CONFIG_SECRET_KEYS ?? ""), ["alicloud:secretKey"]);
        assert.equal(run.env.PULUMI_NODEJS_TYPESCRIPT, "true");
        assert.ok(!run.args.includes("--dry-run") && !run.args.includes("--organization"), "empty and false flags are left out");
        const options = { typescript: false, tsconfig: "tsconfig.build.json", nodeargs: `--max-old-space-size=4096 --title "my app"` };
        const plain = nodeRunProcess({ ...SPEC, options }, "run.js");
        assert.equal(plain.env.PULUMI_NODEJS_TYPESCRIPT, undefined);
        assert.equal(plain.env.PULUMI_NODEJS_TSCONFIG_PATH, "tsconfig.build.json");
        assert.deepEqual(plain.args.slice(0, 4), ["--max-old-space-size=4096", "--title", "my app", "run.js"]);
    });

    it("a runtime option of the wrong type is refused, naming it", () => {
        assert.throws(() => nodeRunProcess({ ...SPEC, options: { typescript: "yes" } }, "run.js"), /typescript option must be a boolean/);
        assert.throws(() => nodeRunProcess({ ...SPEC, options: { nodeargs: 3 } }, "run.js"), /nodeargs option must be a string/);
        assert.throws(() => pythonRunProcess({ ...SPEC, options: { virtualenv: true } }, "exec.py", "python3"), /virtualenv option must be a string/);
        assert.throws(() => pythonRunProcess({ ...SPEC, options: { toolchain: "poetry" } }, "exec.py", "python3"), /toolchain option/);
    });

    it("config keys: both forms read, anything else refused naming the key", () => {
        assert.deepEqual(parseConfigKey("alicloud:accessKey"), ["alicloud", "accessKey"]);
        assert.deepEqual(parseConfigKey("alicloud:config:accessKey"), ["alicloud", "accessKey"]);
        assert.throws(() => parseConfigKey("a:b:c"), /could not parse a:b:c as a configuration key/);
        assert.equal(nodeConfigJson({}), "{}");
    });

    it("a policy pack: cmd/run-policy-pack with the engine's arguments, then the pack's folder, run in that folder", () => {
        const pack: RunPluginSpec = {
            pwd: "/work/app",
            kind: "analyzer",
            args: ["127.0.0.1:4000"],
            env: ["A=1", "B=x=y"],
            programDirectory: "/packs/p",
            options: {},
        };
        const run = nodePluginProcess(pack, "/m/run-policy-pack/index.js");
        assert.deepEqual(run.args, ["/m/run-policy-pack/index.js", "127.0.0.1:4000", "/packs/p"]);
        assert.equal(run.cwd, "/packs/p");
        assert.deepEqual(run.env, { A: "1", B: "x=y", PULUMI_NODEJS_TYPESCRIPT: "true" });
        const plugin = nodePluginProcess({ ...pack, kind: "tool" }, "/m/run-plugin/index.js");
        assert.deepEqual(plugin.args, ["/m/run-plugin/index.js", "/packs/p", "127.0.0.1:4000"]);
        assert.equal(plugin.cwd, "/work/app");
    });

    it("Python: the exec script with Pulumi's host's flags, dry_run spelled out, the config keys as the engine sent them", () => {
        const run = pythonRunProcess(SPEC, "/hosts/exec.py", "/engine/venv/bin/python");
        assert.equal(run.command, "/engine/venv/bin/python");
        assert.deepEqual(run.args, [
            ...["-u", "/hosts/exec.py", "--monitor", "127.0.0.1:4001", "--engine", "127.0.0.1:4000", "--project", "app"],
            ...["--root_directory", "/work/app", "--stack", "dev", "--pwd", "/work/app", "--dry_run", "true", "--parallel", "16"],
            ...["--organization", "organization", ".", "extra"],
        ]);
        assert.deepEqual(JSON.parse(run.env.PULUMI_CONFIG ?? ""), SPEC.config);
        assert.ok(pythonRunProcess({ ...SPEC, dryRun: false }, "exec.py", "python3").args.includes("false"));
    });

    it("Python: the virtualenv option (relative to Pulumi.yaml's folder), else an activated one, else the engine's", () => {
        const named = pythonInterpreter({ rootDirectory: "/work/app", options: { virtualenv: "venv" } }, "/engine/python", "/active");
        assert.equal(named.python, join("/work/app", "venv", "bin", "python"));
        assert.equal(named.env.VIRTUAL_ENV, "/work/app/venv");
        assert.ok(named.env.PATH?.startsWith("/work/app/venv/bin:"));
        assert.equal(pythonInterpreter({ rootDirectory: "/r", options: {} }, "/engine/python", "/active").python, "/active/bin/python");
        assert.deepEqual(pythonInterpreter({ rootDirectory: "/r", options: {} }, "/engine/python", undefined), { python: "/engine/python", env: {} });
    });

    it("nodeargs split as a shell splits words, an unterminated quote refused", () => {
        assert.deepEqual(splitWords(` a  'b c' "d \\"e\\"" f\\ g ''`), ["a", "b c", 'd "e"', "f g", ""]);
        assert.throws(() => splitWords(`--x "y`), /unterminated " quote/);
    });

    it("the answer for an exit code: 0 success, 32 bail (already shown), others and signals an error", () => {
        assert.deepEqual(runOutcome(0), { error: "", bail: false });
        assert.deepEqual(runOutcome(32), { error: "", bail: true });
        assert.deepEqual(runOutcome(1), { error: "Program exited with non-zero exit code: 1", bail: false });
        assert.match(runOutcome(null, "SIGKILL").error, /killed by SIGKILL/);
    });

    it("the engine's address is the last argument that is not a flag", () => {
        assert.equal(engineAddressOf(["--settings=/x.json", "127.0.0.1:4000"]), "127.0.0.1:4000");
        assert.equal(engineAddressOf(["-tracing=x"]), "");
    });
});

describe("the engine's language hosts: their executables", () => {
    it("run the host with the building Node.js, or node on PATH when it is gone; quote every path for sh", () => {
        const text = hostExecutable("nodejs", "/cache/it's here", "/missing/node");
        assert.match(text, /^#!\/bin\/sh\n/);
        assert.equal(shellQuote("it's"), `'it'\\''s'`);
        // The script as sh reads it: `node` falls back to PATH, the paths arrive intact.
        const echoed = spawnSync("sh", ["-c", text.replace(/^exec /m, 'printf "%s\\n" ').replace(/\n$/, "") + " ARG"], { encoding: "utf8" });
        assert.deepEqual(echoed.stdout.split("\n").slice(0, 4), [
            "node",
            "/cache/it's here/lib/engine/language-hosts/nodejs/main.js",
            "--settings=/cache/it's here/host.json",
            "ARG",
        ]);
    });

    it("install the packages at the versions the lock file holds, or say which is missing", () => {
        const lock = JSON.stringify({ packages: { "node_modules/zod": { version: "4.6.7" } } });
        assert.equal(lockedVersion(lock, "zod"), "4.6.7");
        assert.throws(() => lockedVersion(lock, "@pulumi/pulumi"), /package-lock\.json does not install @pulumi\/pulumi/);
    });
});

describe("the engine tests' reading of the CLI's summary", () => {
    it("reads planned and done changes and the unchanged count", () => {
        const preview = "Previewing update (dev):\n...\nResources:\n    ~ 1 to update\n    +-1 to replace\n    2 changes. 3 unchanged\n\n";
        assert.deepEqual(changeSummaryOf(preview), { update: 1, replace: 1, same: 3 });
        assert.deepEqual(changeSummaryOf("Resources:\n    + 2 created\n    1 errored\n\nDuration: 2s\n"), { create: 2, errored: 1 });
        assert.deepEqual(changeSummaryOf("Resources:\n    - 2 deleted\n\n"), { delete: 2 });
        assert.deepEqual(changeSummaryOf("no summary"), {});
    });
});
