/**
 * A lock file around one step of `npm run engine`, so that two builds sharing a cache (two terminals, two worktrees,
 * CI and a developer) take turns: the second waits for the first, then finds the step done and reuses it, instead
 * of deleting a Python environment or a binary the first is writing.
 *
 * The lock is a file created atomically (a hard link of a complete file, so it is never seen half written) naming
 * its holder; the holder refreshes its modification time while it runs. A lock is stale, and removed, when its
 * holder is a process of this host that no longer runs, or when it has gone {@link DEFAULT_STALE_AFTER_MS} without
 * a refresh (a holder on another host sharing the cache, or a frozen one).
 */
import { hostname } from "node:os";
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** Without a refresh for this long, a lock is stale (its holder refreshes it every {@link DEFAULT_HEARTBEAT_MS}). */
export const DEFAULT_STALE_AFTER_MS = 120_000;
/** How often the holder refreshes its lock. */
export const DEFAULT_HEARTBEAT_MS = 10_000;

/** Who holds a lock, as its file records it. */
const LOCK_OWNER = z.object({ pid: z.number().int().positive(), hostname: z.string(), what: z.string(), startedAt: z.string() });
/** Who holds a lock. */
export type LockOwner = z.infer<typeof LOCK_OWNER>;

/** A lock file's holder, or undefined when the text is not a lock's (damaged by hand or by a full disk). */
export function parseLockOwner(text: string): LockOwner | undefined {
    try {
        const parsed = LOCK_OWNER.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
    } catch {
        return undefined;
    }
}

/** What decides whether a lock is stale, besides the lock itself. */
export interface Here {
    /** This host's name. */
    hostname: string;
    /** Whether a process of this host runs. */
    isAlive(pid: number): boolean;
}

/** Whether a lock held by `owner` (undefined: unreadable) and last refreshed `idleMs` ago is stale. */
export function isStaleLock(owner: LockOwner | undefined, idleMs: number, here: Here, staleAfterMs = DEFAULT_STALE_AFTER_MS): boolean {
    if (idleMs > staleAfterMs) return true;
    return owner !== undefined && owner.hostname === here.hostname && !here.isAlive(owner.pid);
}

/** Whether process `pid` of this host runs (EPERM: it runs as another user). */
export function processIsAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
    }
}

/** How {@link withLock} waits and reports. */
export interface LockOptions {
    /** Where progress lines go (default: stderr). */
    log?: (line: string) => void;
    /** How often to look at a held lock again (default 500 ms). */
    pollMs?: number;
    /** See {@link DEFAULT_STALE_AFTER_MS}. */
    staleAfterMs?: number;
    /** See {@link DEFAULT_HEARTBEAT_MS}. */
    heartbeatMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A unique name beside `path`, for a temporary file. */
const besides = (path: string, kind: string) => `${path}.${kind}-${process.pid}-${randomBytes(4).toString("hex")}`;

/** Creates the lock file with `text` in one step; false when it exists. */
function tryCreate(path: string, text: string): boolean {
    const temporary = besides(path, "new");
    writeFileSync(temporary, text);
    try {
        linkSync(temporary, path);
        return true;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw error;
    } finally {
        unlinkSync(temporary);
    }
}

/** The lock's text and how long ago it was refreshed, or undefined when it is gone. */
function readLock(path: string): { text: string; idleMs: number } | undefined {
    try {
        const idleMs = Date.now() - statSync(path).mtimeMs;
        return { text: readFileSync(path, "utf8"), idleMs };
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
    }
}

/**
 * Removes the stale lock whose text is `seen`. It is renamed away first (one remover wins); if what was renamed is
 * not that lock (another waiter removed it and took the lock meanwhile), it is put back.
 */
function removeStaleLock(path: string, seen: string): void {
    const moved = besides(path, "stale");
    try {
        renameSync(path, moved);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
    }
    try {
        if (readFileSync(moved, "utf8") !== seen) linkSync(moved, path);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
        unlinkSync(moved);
    }
}

/** A lock's holder, described for a progress line. */
function holderOf(owner: LockOwner | undefined): string {
    return owner ? `npm run engine (pid ${owner.pid} on ${owner.hostname}, since ${owner.startedAt})` : "another npm run engine";
}

/**
 * Runs `step` holding the lock file `path`, waiting (and saying so) while another process holds it. `step` should
 * check again whether its work is still to do: the process it waited for may have done it.
 */
export async function withLock<T>(path: string, what: string, step: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
    const here: Here = { hostname: hostname(), isAlive: processIsAlive };
    const text = `${JSON.stringify({ pid: process.pid, hostname: here.hostname, what, startedAt: new Date().toISOString() } satisfies LockOwner)}\n`;
    const waitStarted = Date.now();
    let reported = 0;
    while (!tryCreate(path, text)) {
        const held = readLock(path);
        if (held === undefined) continue;
        const owner = parseLockOwner(held.text);
        if (isStaleLock(owner, held.idleMs, here, options.staleAfterMs)) {
            log(`removing the stale lock ${path} of ${holderOf(owner)}`);
            removeStaleLock(path, held.text);
            continue;
        }
        const waited = Date.now() - waitStarted;
        if (reported === 0 || waited - reported >= 30_000) {
            log(`waiting for ${what}: ${holderOf(owner)} is making it${reported === 0 ? ` (lock ${path})` : `; waited ${Math.round(waited / 1000)} s`}`);
            reported = Math.max(waited, 1);
        }
        await sleep(options.pollMs ?? 500);
    }
    const heartbeat = setInterval(() => {
        const now = new Date();
        try {
            utimesSync(path, now, now);
        } catch {
            // Removed as stale by another process (after a long freeze): the step goes on; release leaves theirs alone.
        }
    }, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    heartbeat.unref();
    try {
        return await step();
    } finally {
        clearInterval(heartbeat);
        if (readLock(path)?.text === text) unlinkSync(path);
    }
}
