import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Runs `fn` with `process.env` changed by `vars` (undefined deletes) and HOME pointing at a fresh temporary
 * folder, then restores both. `files` are written under that HOME (e.g. `.aliyun/config.json`).
 */
export async function withEnv<T>(vars: Record<string, string | undefined>, files: Record<string, string>, fn: (home: string) => Promise<T>): Promise<T> {
    const home = mkdtempSync(join(tmpdir(), "mc-home-"));
    for (const [path, content] of Object.entries(files)) {
        mkdirSync(join(home, path, ".."), { recursive: true });
        writeFileSync(join(home, path), content);
    }
    const saved = new Map<string, string | undefined>();
    for (const name of [...Object.keys(vars), "HOME"]) saved.set(name, process.env[name]);
    for (const [name, value] of Object.entries({ ...vars, HOME: home })) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    }
    try {
        return await fn(home);
    } finally {
        for (const [name, value] of saved) {
            if (value === undefined) delete process.env[name];
            else process.env[name] = value;
        }
        rmSync(home, { recursive: true, force: true });
    }
}

/** An aliyun CLI config file with the given profiles, the first one current. */
export function aliyunConfig(profiles: Record<string, unknown>[]): string {
    return JSON.stringify({ current: profiles[0]?.name, profiles });
}
