/**
 * A throwaway GnuPG key in a keyring of its own (a temporary GNUPGHOME), for tests that sign a release's
 * SHA256SUMS as a publisher would, without any key of the developer's or CI's.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

/** A generated key and the environment that finds it. */
export interface ThrowawayKey {
    /** The keyring's folder. */
    home: string;
    /** `process.env` (or the given base) with `GNUPGHOME` set to {@link home}. */
    env: NodeJS.ProcessEnv;
    /** The key's user ID's e-mail address, by which `--gpg-key` can name it. */
    email: string;
    /** The primary key's fingerprint (40 upper-case hex digits). */
    fingerprint: string;
}

/**
 * Generates a signing key without a passphrase, valid one day, in a new keyring `dir/<name>`. `algorithm` is what
 * `gpg --quick-gen-key` takes: `rsa2048` (what Terraform 1.5.7's OpenPGP library reads), `ed25519`, ...
 */
export function throwawayGpgKey(dir: string, name: string, algorithm = "rsa2048", base: NodeJS.ProcessEnv = process.env): ThrowawayKey {
    const home = join(dir, name);
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const env = { ...base, GNUPGHOME: home };
    const email = `${name}@example.invalid`;
    execFileSync("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", `Release Test ${name} <${email}>`, algorithm, "sign", "1d"], {
        env,
        stdio: "pipe",
        timeout: 60_000,
    });
    const listing = execFileSync("gpg", ["--batch", "--with-colons", "--fingerprint", "--list-keys", email], {
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    });
    const fingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]{40}):/m.exec(listing)?.[1];
    if (!fingerprint) throw new Error(`gpg printed no fingerprint for ${email}:\n${listing}`);
    return { home, env, email, fingerprint };
}

/** Stops the gpg-agent that signing started for the key's keyring (it would outlive the test otherwise). */
export function stopGpgAgent(key: ThrowawayKey): void {
    try {
        execFileSync("gpgconf", ["--homedir", key.home, "--kill", "gpg-agent"], { env: key.env, stdio: "pipe", timeout: 10_000 });
    } catch {
        // No agent was running, or gpgconf is missing: nothing to stop.
    }
}
