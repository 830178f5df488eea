/**
 * The detached signature of the SHA256SUMS file, as the Terraform registry takes it: binary (not armored),
 * `gpg --detach-sign` with the key given at release time (`--gpg-key <id>` or `RELEASE_GPG_KEY`); the registry
 * verifies it with the public key the namespace registered.
 */
import { spawnSync } from "node:child_process";

/** Signs `file` into `signature` with `keyId`; an error carrying gpg's message when it fails. */
export function gpgDetachSign(file: string, signature: string, keyId: string, env: NodeJS.ProcessEnv = process.env): void {
    const result = spawnSync("gpg", ["--batch", "--yes", "--local-user", keyId, "--output", signature, "--detach-sign", file], {
        encoding: "utf8",
        env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    if (result.error) throw new Error(`gpg could not be run: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`gpg --detach-sign with key ${keyId} failed (${String(result.status)}): ${result.stderr.trim().slice(-1000)}`);
}

/** Whether `signature` is a good signature of `file` by a key in the keyring (`gpg --verify`); gpg's output either way. */
export function gpgVerify(file: string, signature: string, env: NodeJS.ProcessEnv = process.env): { ok: boolean; output: string } {
    const result = spawnSync("gpg", ["--batch", "--verify", signature, file], { encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}
