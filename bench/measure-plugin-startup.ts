/**
 * Start-up of the provider plugin: from spawn to the port line the engine waits for, in fresh processes,
 * alternated run by run with a bare `node -e` that prints a line (the floor any Node.js plugin starts from).
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { NODE, PLUGIN_MAIN, REPO_ROOT } from "./paths";
import { Summary, summarize } from "./stats";

/** Start-up of the plugin and of a bare Node.js, over fresh processes. */
export interface PluginStartupResult {
    /** `node dist/provider/plugin/main.js <engine>`: spawn to the port line, ms. */
    plugin: Summary;
    /** `node -e "console.log(1)"`: spawn to its line, ms. */
    bareNode: Summary;
    /** The port line the plugin printed last (a number). */
    portLine: string;
}

/** Spawns `args`, resolves with the ms until the first stdout line and that line; then kills the child. */
function timeToFirstLine(args: readonly string[]): Promise<{ ms: number; line: string }> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(NODE, [...args], { cwd: REPO_ROOT, env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
        child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const end = out.indexOf("\n");
            if (end < 0) return;
            const ms = performance.now() - started;
            child.kill("SIGKILL");
            resolve({ ms, line: out.slice(0, end) });
        });
        child.on("error", reject);
        child.on("exit", (code) => {
            if (!out.includes("\n")) reject(new Error(`${args.join(" ")} exited (${String(code)}) before printing a line: ${err}`));
        });
    });
}

/** Alternates `runs` plugin starts with `runs` bare `node -e` starts, after one untimed warm-up start. */
export async function measurePluginStartup(runs: number): Promise<PluginStartupResult> {
    const pluginArgs = [PLUGIN_MAIN, "127.0.0.1:1"];
    const bareArgs = ["-e", "console.log(1)"];
    await timeToFirstLine(pluginArgs); // warm the file-system cache
    const plugin: number[] = [];
    const bare: number[] = [];
    let portLine = "";
    for (let i = 0; i < runs; i++) {
        const run = await timeToFirstLine(pluginArgs);
        if (!/^\d+$/.test(run.line)) throw new Error(`the plugin's first line is not a port: ${run.line}`);
        plugin.push(run.ms);
        portLine = run.line;
        bare.push((await timeToFirstLine(bareArgs)).ms);
    }
    return { plugin: summarize(plugin), bareNode: summarize(bare), portLine };
}
