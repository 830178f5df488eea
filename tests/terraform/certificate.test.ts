/**
 * The provider's AutoMTLS certificate, judged by OpenSSL: the golden certificate (every input fixed) byte for
 * byte, parsed by `openssl x509 -text` field by field, and accepted by `openssl verify` as its own CA for a TLS
 * server and a TLS client named localhost; a fresh certificate likewise, valid as long as go-plugin's own
 * (262980 hours), so that a provider left running for more than 30 days still accepts connections. Go's
 * crypto/x509 judges the same certificates in the engine tests (tests/engine/go-reference.test.ts).
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { verify, X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certificateOf, selfSignedCertificate } from "../../provider/terraform/self-signed-certificate";
import { GOLDEN_CERTIFICATE_DER, GOLDEN_NOW, GOLDEN_SERIAL, GOLDEN_SIGNATURE, goldenKeys } from "../support/certificate-golden";

const HOUR_MS = 3_600_000;

/** `openssl` with the certificate in a file; its stdout, or the failure with its stderr. */
function openssl(certPem: string, args: (file: string) => string[]): { ok: boolean; out: string } {
    const dir = mkdtempSync(join(tmpdir(), "tf-cert-"));
    try {
        const file = join(dir, "cert.pem");
        writeFileSync(file, certPem);
        return { ok: true, out: execFileSync("openssl", args(file), { stdio: "pipe", timeout: 30_000, encoding: "utf8" }) };
    } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        return { ok: false, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** `openssl verify` of a self-signed certificate as its own CA, for `purpose`, at `at`, for the host localhost. */
function opensslVerify(certPem: string, purpose: "sslserver" | "sslclient", at: Date) {
    return openssl(certPem, (file) => [
        "verify",
        "-CAfile",
        file,
        "-purpose",
        purpose,
        "-verify_hostname",
        "localhost",
        "-attime",
        String(Math.floor(at.getTime() / 1000)),
        file,
    ]);
}

const pemOf = (der: Buffer) => new X509Certificate(der).toString();

describe("Terraform provider: the AutoMTLS certificate", () => {
    describe("the golden certificate (key, serial, clock and signature fixed)", () => {
        it("is made byte for byte from its inputs", () => {
            const made = certificateOf({ keys: goldenKeys(), serial: GOLDEN_SERIAL, now: GOLDEN_NOW, sign: () => GOLDEN_SIGNATURE });
            assert.equal(made.certDer.toString("hex"), GOLDEN_CERTIFICATE_DER.toString("hex"));
            assert.equal(made.certPem, pemOf(GOLDEN_CERTIFICATE_DER));
        });

        it("is signed by its own key over its to-be-signed bytes", () => {
            const x509 = new X509Certificate(GOLDEN_CERTIFICATE_DER);
            assert.ok(x509.verify(goldenKeys().publicKey));
            // The signer is given exactly the to-be-signed bytes: the first element of the certificate's sequence.
            let signed: Buffer | undefined;
            certificateOf({ keys: goldenKeys(), serial: GOLDEN_SERIAL, now: GOLDEN_NOW, sign: (tbs) => ((signed = tbs), GOLDEN_SIGNATURE) });
            assert.ok(signed && GOLDEN_CERTIFICATE_DER.subarray(4, 4 + signed.length).equals(signed));
            assert.ok(verify("sha256", signed, goldenKeys().publicKey, GOLDEN_SIGNATURE));
        });

        it("reads in openssl x509 -text as go-plugin's certificate would: a CA for localhost, server and client auth", () => {
            const { ok, out } = openssl(pemOf(GOLDEN_CERTIFICATE_DER), (file) => ["x509", "-in", file, "-text", "-noout"]);
            assert.ok(ok, out);
            assert.match(out, /Version: 3 \(0x2\)/);
            assert.match(out, /Serial Number:\s+5a:1b:2c:3d:4e:5f:60:71:82:93:a4:b5:c6:d7:e8:f9/);
            assert.match(out, /Signature Algorithm: ecdsa-with-SHA256/);
            assert.match(out, /Issuer: O = alicloudmessagecontacts, CN = localhost/);
            assert.match(out, /Subject: O = alicloudmessagecontacts, CN = localhost/);
            assert.match(out, /Not Before: Dec {2}7 11:59:30 2026 GMT/, "30 s before it was made");
            assert.match(out, /Not After : Dec {2}7 00:00:00 2056 GMT/, "262980 hours after");
            assert.match(out, /NIST CURVE: P-256/);
            assert.match(out, /X509v3 Basic Constraints: critical\s+CA:TRUE/);
            assert.match(out, /X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment, Certificate Sign/);
            assert.match(out, /X509v3 Extended Key Usage:\s+TLS Web Server Authentication, TLS Web Client Authentication/);
            assert.match(out, /X509v3 Subject Alternative Name:\s+DNS:localhost/);
        });

        it("is accepted by openssl verify as its own CA for a TLS server and a TLS client, through its 30 years", () => {
            const pem = pemOf(GOLDEN_CERTIFICATE_DER);
            for (const purpose of ["sslserver", "sslclient"] as const) {
                for (const at of [new Date(GOLDEN_NOW.getTime() - 10_000), new Date(GOLDEN_NOW.getTime() + 29.9 * 8766 * HOUR_MS)]) {
                    const result = opensslVerify(pem, purpose, at);
                    assert.ok(result.ok && /: OK\s*$/.test(result.out), `${purpose} at ${at.toISOString()}: ${result.out}`);
                }
                assert.equal(opensslVerify(pem, purpose, new Date(GOLDEN_NOW.getTime() - 60_000)).ok, false, "not valid before it was made");
                assert.equal(opensslVerify(pem, purpose, new Date(GOLDEN_NOW.getTime() + 262_981 * HOUR_MS)).ok, false, "nor after its 30 years");
            }
        });
    });

    describe("a fresh certificate, as a start makes it", () => {
        it("is valid from 30 s before its start for 262980 hours, like go-plugin's: still accepted 31 days and 29 years on", () => {
            const now = new Date();
            const { certPem } = selfSignedCertificate(now);
            const x509 = new X509Certificate(certPem);
            assert.equal(Date.parse(x509.validTo), Math.floor((now.getTime() + 262_980 * HOUR_MS) / 1000) * 1000);
            assert.equal(Date.parse(x509.validFrom), Math.floor((now.getTime() - 30_000) / 1000) * 1000);
            for (const purpose of ["sslserver", "sslclient"] as const) {
                for (const days of [0, 31, 29 * 365]) {
                    const at = new Date(now.getTime() + days * 24 * HOUR_MS);
                    const result = opensslVerify(certPem, purpose, at);
                    assert.ok(result.ok, `${purpose}, ${days} days after the start: ${result.out}`);
                }
            }
        });

        it("has a new key and serial each time, the serial positive and 128 bits at most", () => {
            const [a, b] = [new X509Certificate(selfSignedCertificate().certPem), new X509Certificate(selfSignedCertificate().certPem)];
            assert.notEqual(a?.serialNumber, b?.serialNumber);
            assert.ok(!a?.publicKey.equals(b!.publicKey));
            for (const x509 of [a, b]) assert.ok(BigInt(`0x${x509!.serialNumber}`) > 0n && BigInt(`0x${x509!.serialNumber}`) < 1n << 127n);
        });

        it("refuses a serial that is not a positive INTEGER of at most 20 bytes", () => {
            for (const serial of [Buffer.alloc(0), Buffer.from([0x80, 1]), Buffer.alloc(21, 1)])
                assert.throws(() => certificateOf({ keys: goldenKeys(), serial, now: GOLDEN_NOW }), /serial number must be 1 to 20 bytes/);
        });
    });
});
