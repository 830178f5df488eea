/**
 * Noticing that whoever started this process is gone, for plugins that an engine starts and must not outlive it
 * (a plugin left behind holds decrypted credentials and answers any local caller of its port). Two signs, each
 * usable alone:
 *
 * - **stdin ends.** Pulumi's engine starts a plugin with a pipe on its stdin that it holds, writing nothing, for the
 *   plugin's whole life; the kernel closes it when the engine dies, even by SIGKILL. Only a pipe or a socket is
 *   watched: a terminal, a file or `/dev/null` says nothing about the parent (`/dev/null` reads as ended at once).
 *   A go-plugin host (Terraform, OpenTofu) passes its *own* stdin (`cmd.Stdin = os.Stdin`), which may end while it
 *   runs on (`echo yes | terraform apply`): such a plugin must not watch stdin.
 * - **the parent process changes.** When the parent dies, the kernel re-parents the process (to PID 1 or a
 *   subreaper): the parent PID read now differs from the one read at start. Checked by an unref'd timer, which never
 *   keeps the process alive by itself. (On Windows, where nothing is re-parented, a parent PID that no longer
 *   exists counts too.)
 */
import { fstatSync } from "node:fs";

/** How the process learned that its parent is gone. */
export type ParentGoneReason = "stdin-closed" | "parent-exited";

/** What {@link watchParent} watches, and what it calls. */
export interface ParentWatchOptions {
    /**
     * Whether the end of stdin (a pipe or socket only) means the parent is gone: true for a Pulumi plugin, false
     * for a go-plugin (Terraform) plugin, whose stdin is the CLI's own.
     */
    watchStdin: boolean;
    /** How often the parent PID is checked, in ms (default {@link DEFAULT_PARENT_POLL_MS}). */
    pollMs?: number;
    /** Called once, the first time either sign is seen. */
    onGone(reason: ParentGoneReason): void;
}

/** A running watch. */
export interface ParentWatch {
    /** Stops watching (the timer and stdin listeners are removed; stdin is paused). */
    stop(): void;
}

/** The default interval of the parent PID check: cheap (one system call), and soon enough for a process left behind. */
export const DEFAULT_PARENT_POLL_MS = 1_000;

/** Whether file descriptor `fd` is a pipe or a socket, the only kinds of stdin whose end means the parent is gone. */
export function isPipeOrSocket(fd: number): boolean {
    try {
        const stat = fstatSync(fd);
        return stat.isFIFO() || stat.isSocket();
    } catch {
        return false; // Closed or not a file descriptor at all: nothing to watch.
    }
}

/** Whether a process with id `pid` exists (a process we may not signal exists too). */
function processExists(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code !== "ESRCH";
    }
}

/**
 * Whether the parent read at start (`initial`) is gone, given the parent PID now (`current`) and whether the
 * initial parent still exists.
 */
export function parentIsGone(initial: number, current: number, initialExists: boolean): boolean {
    return current !== initial || !initialExists;
}

/** Watches for the parent going away (see the module's comment) and calls `onGone` once when it does. */
export function watchParent(options: ParentWatchOptions): ParentWatch {
    const initialParent = process.ppid;
    let done = false;
    const cleanups: (() => void)[] = [];
    const stop = () => {
        done = true;
        for (const cleanup of cleanups.splice(0)) cleanup();
    };
    const gone = (reason: ParentGoneReason) => {
        if (done) return;
        stop();
        options.onGone(reason);
    };

    const timer = setInterval(() => {
        if (parentIsGone(initialParent, process.ppid, initialParent <= 1 || processExists(initialParent))) gone("parent-exited");
    }, options.pollMs ?? DEFAULT_PARENT_POLL_MS);
    timer.unref();
    cleanups.push(() => clearInterval(timer));

    if (options.watchStdin && isPipeOrSocket(0)) {
        const stdin = process.stdin;
        const onEnd = () => gone("stdin-closed");
        // A read error (EIO, ECONNRESET) is the pipe breaking: the same sign, and never an uncaught error.
        stdin.on("end", onEnd).on("close", onEnd).on("error", onEnd);
        // Whatever is written is read and dropped; the stream must flow for its end to be seen.
        stdin.resume();
        (stdin as { unref?: () => void }).unref?.();
        cleanups.push(() => {
            stdin.off("end", onEnd).off("close", onEnd);
            stdin.pause();
            // The error listener stays: a late error on a stream nobody reads must not crash the process.
        });
    }
    return { stop };
}
