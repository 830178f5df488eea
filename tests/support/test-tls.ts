// A throw-away self-signed certificate for 127.0.0.1 and localhost, made once per test process.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A PEM key and certificate, and the certificate's file (for `NODE_EXTRA_CA_CERTS`). */
export interface TestCertificate {
    key: string;
    cert: string;
    certPath: string;
}

let memo: TestCertificate | undefined;

/**
 * A self-signed certificate (RSA 2048, valid 2 days) whose subjectAltName covers IP 127.0.0.1 and DNS
 * localhost, generated with the `openssl` command line on first use into a temporary directory that is
 * removed when the process exits. Trust it with `ca: cert` or `NODE_EXTRA_CA_CERTS=certPath`.
 */
export function testCertificate(): TestCertificate {
    if (memo) return memo;
    const dir = mkdtempSync(join(tmpdir(), "emulator-tls-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const keyPath = join(dir, "key.pem");
    const certPath = join(dir, "cert.pem");
    // execFile, not a shell: no quoting issues; stdio piped so openssl's progress dots stay out of the test output.
    execFileSync(
        "openssl",
        [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            keyPath,
            "-out",
            certPath,
        ],
        { stdio: "pipe", timeout: 30_000 },
    );
    memo = { key: readFileSync(keyPath, "utf8"), cert: readFileSync(certPath, "utf8"), certPath };
    return memo;
}
