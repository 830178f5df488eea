import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { isStaleLock, LockOwner, parseLockOwner, withLock } from "../../toolchain/build-lock";

const owner = (pid: number, host = hostname()): LockOwner => ({ pid, hostname: host, what: "step", startedAt: "2026-01-01T00:00:00.000Z" });
const lockText = (pid: number, host?: string) => `${JSON.stringify(owner(pid, host))}\n`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The pid of a process that has ended. */
function deadPid(): number {
    const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    return Number(child.stdout);
}

describe("npm run engine's step locks", () => {
    let dir: string;
    let lock: string;
    let lines: string[];
    const log = (line: string) => void lines.push(line);
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "build-lock-"));
        lock = join(dir, "step.lock");
        lines = [];
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("calls a lock stale when its holder on this host has ended, or when it was not refreshed in time", () => {
        const here = { hostname: "this-host", isAlive: (pid: number) => pid === 42 };
        assert.equal(isStaleLock(owner(42, "this-host"), 1_000, here, 120_000), false, "held by a running process");
        assert.equal(isStaleLock(owner(43, "this-host"), 1_000, here, 120_000), true, "its holder ended");
        assert.equal(isStaleLock(owner(43, "other-host"), 1_000, here, 120_000), false, "another host's: only its age tells");
        assert.equal(isStaleLock(owner(43, "other-host"), 120_001, here, 120_000), true, "not refreshed in time");
        assert.equal(isStaleLock(owner(42, "this-host"), 120_001, here, 120_000), true, "a frozen holder");
        assert.equal(isStaleLock(undefined, 1_000, here, 120_000), false, "unreadable: only its age tells");
        assert.equal(isStaleLock(undefined, 120_001, here, 120_000), true);
    });

    it("reads the holder from the lock's text", () => {
        assert.deepEqual(parseLockOwner(lockText(7, "h")), owner(7, "h"));
        assert.equal(parseLockOwner(""), undefined);
        assert.equal(parseLockOwner('{"pid":"7"}'), undefined);
    });

    it("holds the lock file, naming this process, while the step runs, and removes it after, even when the step fails", async () => {
        const seen = await withLock(lock, "step", async () => parseLockOwner(readFileSync(lock, "utf8")), { log });
        assert.equal(seen?.pid, process.pid);
        assert.equal(seen?.hostname, hostname());
        assert.ok(!existsSync(lock));
        await assert.rejects(
            withLock(lock, "step", () => Promise.reject(new Error("boom")), { log }),
            /boom/,
        );
        assert.ok(!existsSync(lock));
        assert.deepEqual(readdirSync(dir), [], "no temporary file left");
    });

    it("runs one step at a time: a second caller waits for the first, saying so", async () => {
        const spans: [string, number, number][] = [];
        const step = (name: string) => async () => {
            const started = Date.now();
            await sleep(300);
            spans.push([name, started, Date.now()]);
        };
        await Promise.all([withLock(lock, "the step", step("first"), { log, pollMs: 20 }), withLock(lock, "the step", step("second"), { log, pollMs: 20 })]);
        assert.equal(spans.length, 2);
        const [a, b] = spans.sort((x, y) => x[1] - y[1]);
        assert.ok(a !== undefined && b !== undefined && b[1] >= a[2], `the steps overlapped: ${JSON.stringify(spans)}`);
        assert.equal(lines.length, 1, lines.join("\n"));
        assert.match(lines[0] ?? "", new RegExp(`^waiting for the step: npm run engine \\(pid ${process.pid} on .+\\) is making it \\(lock .+step\\.lock\\)$`));
    });

    it("waits while another running process holds the lock, and runs once it is released", async () => {
        writeFileSync(lock, lockText(process.pid)); // this process is alive: a live holder
        let released = 0;
        setTimeout(() => {
            released = Date.now();
            rmSync(lock);
        }, 400);
        const started = await withLock(lock, "the step", async () => Date.now(), { log, pollMs: 20 });
        assert.ok(released > 0 && started >= released, "the step ran before the holder released the lock");
        assert.match(lines.join("\n"), /waiting for the step/);
    });

    it("removes a stale lock: its holder ended, or it was not refreshed in time", async () => {
        writeFileSync(lock, lockText(deadPid()));
        assert.equal(await withLock(lock, "step", async () => "ran", { log }), "ran");
        assert.match(lines[0] ?? "", /^removing the stale lock .*step\.lock of npm run engine \(pid \d+ on /);

        lines = [];
        writeFileSync(lock, lockText(process.pid, "another-host"));
        const old = new Date(Date.now() - 10_000);
        utimesSync(lock, old, old);
        assert.equal(await withLock(lock, "step", async () => "ran", { log, staleAfterMs: 5_000 }), "ran");
        assert.match(lines[0] ?? "", /^removing the stale lock .* on another-host/);
        assert.deepEqual(readdirSync(dir), []);
    });

    it("refreshes the lock while the step runs, so a long step is not taken for stale", async () => {
        await withLock(
            lock,
            "step",
            async () => {
                const old = new Date(Date.now() - 60_000);
                utimesSync(lock, old, old);
                await sleep(200);
                assert.ok(Date.now() - statSync(lock).mtimeMs < 10_000, "not refreshed");
            },
            { log, heartbeatMs: 50 },
        );
    });
});
