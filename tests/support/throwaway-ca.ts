/**
 * A throwaway certificate authority and a server certificate it issued for `localhost` and 127.0.0.1, made with
 * the `openssl` command line (EC P-256, valid two days) in a folder the caller removes. Go programs (tofu,
 * terraform) trust the CA through `SSL_CERT_FILE=<caFile>`, which replaces the system's roots; Node.js through
 * `ca`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The CA's certificate file and the server's key and certificate. */
export interface ThrowawayCa {
    /** The CA certificate's PEM file: what `SSL_CERT_FILE` names. */
    caFile: string;
    /** The server's private key, PEM. */
    key: string;
    /** The server's certificate, PEM, issued by the CA. */
    cert: string;
}

/** Runs openssl with `args` in `dir`. */
function openssl(dir: string, args: readonly string[]): void {
    execFileSync("openssl", [...args], { cwd: dir, stdio: "pipe", timeout: 30_000 });
}

/** Makes the CA and the server certificate in `dir` (created). */
export function throwawayCa(dir: string): ThrowawayCa {
    mkdirSync(dir, { recursive: true });
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    openssl(dir, [
        "req",
        "-x509",
        ...ec,
        "-days",
        "2",
        "-subj",
        "/CN=Throwaway Test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
    ]);
    openssl(dir, ["req", ...ec, "-subj", "/CN=localhost", "-keyout", "server.key", "-out", "server.csr"]);
    writeFileSync(
        join(dir, "server.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n",
    );
    openssl(dir, [
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.pem",
    ]);
    return { caFile: join(dir, "ca.pem"), key: readFileSync(join(dir, "server.key"), "utf8"), cert: readFileSync(join(dir, "server.pem"), "utf8") };
}
