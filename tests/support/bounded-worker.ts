/**
 * Runs a function of a TypeScript module in a worker thread with a heap limit and a time limit, so that code which
 * may loop forever or allocate without end fails a test instead of hanging or killing it: past the time limit the
 * worker is terminated (which interrupts even a loop that never yields), past the heap limit V8 stops it. These are
 * bounds that turn a hang into a failure, not timing targets.
 */
import { Worker } from "node:worker_threads";

/** The limits. */
export interface WorkerBounds {
    /** Wall-clock limit of the whole call, in milliseconds. */
    timeMs: number;
    /** The worker's old-generation heap limit, in MiB. */
    heapMb: number;
    /**
     * Checked every 100 ms while the worker runs: a text (what is stuck) ends it as a hang, before the time limit;
     * for a bound on each step of a long run.
     */
    watchdog?: () => string | undefined;
}

/** The worker's script: registers ts-node (a worker has its own module loader), calls the function, posts the result. */
const SCRIPT = `
const { parentPort, workerData } = require("node:worker_threads");
require("ts-node/register/transpile-only");
Promise.resolve()
    .then(() => require(workerData.module)[workerData.name](workerData.input, workerData.shared))
    .then(
        (value) => parentPort.postMessage({ ok: true, value }),
        (error) => parentPort.postMessage({ ok: false, error: error && error.stack ? error.stack : String(error) }),
    );
`;

/** Why a bounded call failed: its error, or a bound it went past (`hang`, `memory`). */
export class BoundedWorkerError extends Error {
    constructor(
        message: string,
        readonly reason: "error" | "hang" | "memory",
    ) {
        super(message);
        this.name = "BoundedWorkerError";
    }
}

/**
 * Calls `module`'s export `name` with `input` (structured-cloned) and `shared` (a SharedArrayBuffer both sides see,
 * for progress the caller reads when the worker hangs) in a worker; resolves with what it returns. `describeHang`
 * says, when the time limit passes, what the worker was doing.
 */
export function runInWorker<T>(
    module: string,
    name: string,
    input: unknown,
    bounds: WorkerBounds,
    shared: SharedArrayBuffer = new SharedArrayBuffer(8),
    describeHang: () => string = () => "",
): Promise<T> {
    return new Promise((resolve, reject) => {
        const worker = new Worker(SCRIPT, {
            eval: true,
            workerData: { module, name, input, shared },
            resourceLimits: { maxOldGenerationSizeMb: bounds.heapMb },
            stdout: false,
            stderr: false,
        });
        let settled = false;
        const settle = (action: () => void) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            clearInterval(watching);
            action();
        };
        const watching = setInterval(() => {
            const stuck = bounds.watchdog?.();
            if (stuck === undefined) return;
            settle(() => {
                void worker.terminate();
                reject(new BoundedWorkerError(`${name} was stopped: ${stuck}`, "hang"));
            });
        }, 100);
        const timer = setTimeout(
            () =>
                settle(() => {
                    const doing = describeHang();
                    void worker.terminate();
                    reject(new BoundedWorkerError(`${name} did not finish within ${bounds.timeMs} ms (a hang?)${doing ? `: ${doing}` : ""}`, "hang"));
                }),
            bounds.timeMs,
        );
        worker.once("message", (message: { ok: boolean; value?: T; error?: string }) =>
            settle(() => {
                void worker.terminate();
                if (message.ok) resolve(message.value as T);
                else reject(new BoundedWorkerError(`${name} threw: ${message.error}`, "error"));
            }),
        );
        worker.once("error", (error: Error & { code?: string }) =>
            settle(() =>
                reject(
                    error.code === "ERR_WORKER_OUT_OF_MEMORY"
                        ? new BoundedWorkerError(`${name} went past the ${bounds.heapMb} MiB heap limit: ${error.message}`, "memory")
                        : new BoundedWorkerError(`${name} failed: ${error.stack ?? error.message}`, "error"),
                ),
            ),
        );
        worker.once("exit", (code) => settle(() => reject(new BoundedWorkerError(`${name}'s worker exited (${code}) without an answer`, "error"))));
    });
}
