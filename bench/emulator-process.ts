/** The emulator as a separate process (`node dist/emulator/main.js`), so its CPU and memory stay out of ours. */
import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { EMULATOR_MAIN, NODE } from "./paths";

/** A running emulator: where it listens and the fake keys it accepts. */
export interface EmulatorProcess {
    url: string;
    accessKeyId: string;
    accessKeySecret: string;
    items: number;
    latencyMs: number;
    stop(): Promise<void>;
}

/** Starts `--demo items --latency-ms latencyMs --port 0` and waits for its `{url, accessKeyId, accessKeySecret}` line. */
export async function startEmulatorProcess(items: number, latencyMs: number, timeoutMs = 60_000): Promise<EmulatorProcess> {
    const child: ChildProcess = spawn(NODE, [EMULATOR_MAIN, "--demo", String(items), "--latency-ms", String(latencyMs), "--port", "0"], {
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, "exit");
    const lines = createInterface({ input: child.stdout! });
    const firstLine = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the emulator did not start within ${timeoutMs} ms`)), timeoutMs);
        lines.once("line", (line) => (clearTimeout(timer), resolve(line)));
        void exited.then(([code]) => (clearTimeout(timer), reject(new Error(`the emulator exited (${String(code)}) before starting:\n${stderr}`))));
    });
    let started: { url: string; accessKeyId: string; accessKeySecret: string };
    try {
        started = JSON.parse(await firstLine) as typeof started;
    } catch (error) {
        child.kill("SIGKILL");
        throw error;
    }
    lines.close();
    return {
        ...started,
        items,
        latencyMs,
        async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill("SIGTERM");
            const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
            await exited;
            clearTimeout(timer);
        },
    };
}

/** Runs `body` with an emulator, always stopping it afterwards. */
export async function withEmulator<T>(items: number, latencyMs: number, body: (emulator: EmulatorProcess) => Promise<T>): Promise<T> {
    const emulator = await startEmulatorProcess(items, latencyMs);
    try {
        return await body(emulator);
    } finally {
        await emulator.stop();
    }
}
