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

/** A public key of the keyring, as a provider registry publishes it. */
export interface GpgPublicKey {
    /** The long key ID, 16 upper-case hex digits (the registry's `key_id`). */
    keyId: string;
    /** The primary key's fingerprint, 40 upper-case hex digits. */
    fingerprint: string;
    /** The OpenPGP public-key algorithm number: 1 RSA, 17 DSA, 19 ECDSA, 22 EdDSA. */
    algorithm: number;
    /** `gpg --export --armor` of the key. */
    asciiArmor: string;
}

/** Runs gpg with `args`; its stdout, or an error naming `what` with gpg's message. */
function gpg(args: readonly string[], what: string, env: NodeJS.ProcessEnv): string {
    const result = spawnSync("gpg", ["--batch", ...args], { encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
    if (result.error) throw new Error(`gpg could not be run: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`${what} failed (${String(result.status)}): ${result.stderr.trim().slice(-1000)}`);
    return result.stdout;
}

/**
 * The public key `keyId` names in the keyring (an ID, fingerprint or user ID, as `--gpg-key` takes it); an error
 * when it names no key or more than one (give the fingerprint then).
 */
export function gpgPublicKey(keyId: string, env: NodeJS.ProcessEnv = process.env): GpgPublicKey {
    const listing = gpg(["--with-colons", "--fingerprint", "--list-keys", keyId], `gpg --list-keys ${keyId}`, env);
    const lines = listing.split("\n").map((line) => line.split(":"));
    const primaries = lines.flatMap((fields, i) => (fields[0] === "pub" ? [i] : []));
    if (primaries.length !== 1) {
        throw new Error(`--gpg-key ${keyId} names ${primaries.length} keys in the keyring; give one key's fingerprint`);
    }
    const at = primaries[0] as number;
    const pub = lines[at] as string[];
    const fingerprint = lines.slice(at + 1).find((fields) => fields[0] === "fpr")?.[9];
    if (!fingerprint || !/^[0-9A-F]{40}$/.test(fingerprint)) throw new Error(`gpg --list-keys ${keyId} printed no fingerprint for the key`);
    const asciiArmor = gpg(["--armor", "--export", fingerprint], `gpg --export ${fingerprint}`, env);
    if (!asciiArmor.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")) throw new Error(`gpg --export ${fingerprint} printed no public key`);
    return { keyId: (pub[4] ?? "").toUpperCase(), fingerprint, algorithm: Number(pub[3]), asciiArmor };
}

/**
 * The fingerprint of the primary key that made `signature` over `file` (gpg's VALIDSIG status); an error saying
 * why when the signature does not verify with the keyring (bad signature, unknown key).
 */
export function gpgSignerFingerprint(file: string, signature: string, env: NodeJS.ProcessEnv = process.env): string {
    const result = spawnSync("gpg", ["--batch", "--status-fd", "1", "--verify", signature, file], { encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
    if (result.error) throw new Error(`gpg could not be run: ${result.error.message}`);
    const valid = /^\[GNUPG:\] VALIDSIG (?:\S+ ){9}([0-9A-F]{40})$/m.exec(result.stdout);
    if (result.status !== 0 || !valid?.[1]) {
        throw new Error(`${signature} is not a good signature of ${file}: ${result.stderr.trim().slice(-1000)}`);
    }
    return valid[1];
}
