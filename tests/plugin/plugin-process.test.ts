/**
 * The packed provider plugin's process does not outlive whoever started it: it exits when its stdin pipe closes
 * (the engine holds one open for the plugin's life; the kernel closes it when the engine dies, even by SIGKILL) and
 * when its parent dies (it is re-parented), quietly; and it keeps serving with stdin on /dev/null while its parent
 * lives. Real processes: the plugin started from a consumer project's node_modules/.bin, as the engine starts it.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Emulator, startEmulator } from "../../emulator";
import { DEFAULT_PARENT_POLL_MS } from "../../provider/plugin-process/parent-watch";
import { consumerProject, ConsumerProject, REPO_ROOT } from "../support/consumer-project";
import { verifications } from "../support/emulator-fixture";
import { hermeticEnv } from "../support/hermetic-env";
import { hasExited, parentOf, waitForExit, waitUntil } from "../support/process-state";
import { FUNCTION_TOKEN, pluginExecutable, ProviderPlugin, startProviderPlugin } from "../support/provider-plugin";

/** A bound for a plugin that should exit, so that a plugin that does not fails the test instead of hanging it. */
const EXIT_LIMIT_MS = 10_000;
/** A JavaScript stack frame, which an exit must never print. */
const STACK_FRAME = /\n\s+at /;

/**
 * The intermediate parent: starts the plugin (its stdin on /dev/null, its stderr this process's stderr, which
 * outlives it), prints `<plugin pid> <port>` once the plugin printed its port, then waits to be killed.
 */
const INTERMEDIATE = `
const { spawn } = require("node:child_process");
const plugin = spawn(process.argv[1], ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"] });
plugin.stdout.once("data", (chunk) => process.stdout.write(plugin.pid + " " + String(chunk).trim() + "\\n"));
setInterval(() => undefined, 60_000);
`;

describe("provider plugin process: it exits when whoever started it is gone", function () {
    let project: ConsumerProject;
    let emulator: Emulator;
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

    before(async function () {
        this.timeout(600_000);
        project = await consumerProject();
        // 40 pages of 10, two at a time, 250 ms each: a listing takes about 5 s.
        emulator = await startEmulator({ verifications: verifications(400), latencyMs: 250 });
    });
    after(async () => {
        await emulator?.close();
    });

    it("exits, printing nothing, when its stdin pipe closes, even with a listing in flight", async function () {
        this.timeout(60_000);
        const plugin = await startProviderPlugin({ projectDir: project.dir, stdin: "pipe" });
        try {
            await plugin.configureProvider({ endpoint: emulator.url, accessKey: emulator.account.accessKeyId, secretKey: emulator.account.accessKeySecret }, [
                "secretKey",
            ]);
            emulator.resetRequests();
            const invoke = assert.rejects(plugin.invoke(FUNCTION_TOKEN, { pageSize: 10, concurrency: 2 }), /Invoke failed with gRPC (UNAVAILABLE|CANCELLED)/);
            await waitUntil(() => emulator.requests.length >= 3, "three requests of the listing", 20_000);
            plugin.closeStdin();
            await waitUntil(() => plugin.exit !== undefined, "the plugin's exit after its stdin closed", EXIT_LIMIT_MS);
            assert.equal(plugin.exit, "code 0");
            assert.equal(plugin.stderr, "");
            await invoke;
            assert.ok(emulator.requests.length < 40, "the listing ran to its end");
        } finally {
            await plugin.close();
        }
    });

    it("exits when its parent dies (SIGKILL) and it is re-parented, its stdin on /dev/null", async function () {
        this.timeout(60_000);
        const middle = spawn(process.execPath, ["-e", INTERMEDIATE, pluginExecutable(project.dir)], {
            cwd: project.dir,
            env: hermeticEnv({ NODE_OPTIONS: undefined }),
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        middle.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        let pluginPid: number | undefined;
        try {
            const line = await new Promise<string>((resolve, reject) => {
                let out = "";
                middle.stdout.on("data", (chunk: Buffer) => {
                    out += chunk.toString("utf8");
                    if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
                });
                middle.once("exit", (code) => reject(new Error(`the intermediate parent exited (${code}): ${stderr}`)));
            });
            const [pid, port] = line.split(" ").map(Number);
            assert.ok(Number.isInteger(pid) && Number.isInteger(port) && (port ?? 0) > 0, `not "<pid> <port>": ${line}`);
            pluginPid = pid as number;
            const parent = parentOf(pluginPid);
            if (parent !== undefined) assert.equal(parent, middle.pid, "the plugin's parent is the intermediate process");

            middle.kill("SIGKILL");
            await waitForExit(pluginPid, "the plugin whose parent was killed", EXIT_LIMIT_MS);
            // The plugin held the stderr pipe too: once it is gone, the pipe ends, with all it wrote.
            await new Promise((resolve) => (middle.stderr.readableEnded ? resolve(undefined) : middle.stderr.once("end", resolve)));
            assert.doesNotMatch(stderr, STACK_FRAME);
            assert.equal(stderr, "");
        } finally {
            middle.kill("SIGKILL");
            if (pluginPid !== undefined && !hasExited(pluginPid)) process.kill(pluginPid, "SIGKILL");
        }
    });

    it("keeps serving with stdin on /dev/null while its parent lives", async function () {
        this.timeout(60_000);
        let plugin: ProviderPlugin | undefined;
        try {
            plugin = await startProviderPlugin({ projectDir: project.dir, stdin: "ignore" });
            // Longer than two parent checks: a plugin that took /dev/null's immediate end for a closed pipe, or
            // misread its parent, would be gone by now.
            await sleep(2.5 * DEFAULT_PARENT_POLL_MS);
            assert.equal(plugin.exit, undefined, `the plugin exited: ${plugin.stderr}`);
            assert.equal(await plugin.pluginVersion(), version);
        } finally {
            await plugin?.close();
        }
    });
});
