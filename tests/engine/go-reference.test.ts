/**
 * The Terraform provider's own code judged by Go's standard library (engine/go-reference), as the CLIs' side of
 * the plugin protocol runs it: crypto/x509 verifies the AutoMTLS certificate as go-plugin's client does (its own
 * root, the name localhost) for server and client auth, the golden one and one a start printed, through its 30
 * years; time.ParseDuration and the `timeouts` parser agree on every input of a list and of a fixed-seed sample.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { parseDurationNanoseconds } from "../../provider/terraform/duration";
import { consumerProject } from "../support/consumer-project";
import { GOLDEN_CERTIFICATE_DER, GOLDEN_NOW } from "../support/certificate-golden";
import { goParseDurations, goVerifyCertificate } from "../support/engine/go-reference";
import { clientCertificate, handshakeOf, MAGIC_COOKIE, spawnProvider } from "../support/terraform-provider";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe("the Terraform provider against Go's standard library", function () {
    describe("crypto/x509 and the AutoMTLS certificate", () => {
        it("accepts the golden certificate for a TLS server and a TLS client named localhost, from its start for 30 years", () => {
            for (const at of [new Date(GOLDEN_NOW.getTime() - 10_000), new Date(GOLDEN_NOW.getTime() + 29.9 * 365.25 * DAY_MS)]) {
                const verdict = goVerifyCertificate(GOLDEN_CERTIFICATE_DER, at);
                assert.deepEqual(
                    { ...verdict },
                    {
                        serverAuth: "",
                        clientAuth: "",
                        isCA: true,
                        dnsNames: ["localhost"],
                        notBefore: "2026-12-07T11:59:30Z",
                        notAfter: "2056-12-07T00:00:00Z",
                        signatureAlgorithm: "ECDSA-SHA256",
                    },
                    at.toISOString(),
                );
            }
        });

        it("refuses it before its start and after its end", () => {
            for (const at of [new Date(GOLDEN_NOW.getTime() - 60_000), new Date(GOLDEN_NOW.getTime() + 262_981 * HOUR_MS)]) {
                const verdict = goVerifyCertificate(GOLDEN_CERTIFICATE_DER, at);
                assert.match(verdict.serverAuth ?? "", /certificate has expired or is not yet valid/);
                assert.match(verdict.clientAuth ?? "", /certificate has expired or is not yet valid/);
            }
        });

        it("accepts the certificate a provider start prints in its handshake line, 31 days and 29 years on too", async function () {
            this.timeout(600_000);
            const project = await consumerProject();
            const provider = spawnProvider(project.dir, { ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_CLIENT_CERT: clientCertificate().cert });
            try {
                const der = Buffer.from((await handshakeOf(provider)).cert, "base64");
                const now = Date.now();
                for (const days of [0, 31, 29 * 365]) {
                    const verdict = goVerifyCertificate(der, new Date(now + days * DAY_MS));
                    assert.equal(verdict.parseError, undefined);
                    assert.deepEqual([verdict.serverAuth, verdict.clientAuth], ["", ""], `${days} days after the start: ${JSON.stringify(verdict)}`);
                }
            } finally {
                provider.child.kill("SIGTERM");
                await provider.exited;
            }
        });
    });

    describe("time.ParseDuration and the timeouts parser", () => {
        it("agree on every unit, sign, fraction, overflow edge and malformed text of a list", () => {
            const texts = [
                ...["ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h"].flatMap((unit) => [`7${unit}`, `1.5${unit}`, `.5${unit}`, `-3${unit}`, unit]),
                ...["0", "+0", "-0", "", "-", "+", ".", "1.", "1.s", ".s", "00010s", "1h2m3s4ms5us6ns", "3m-2s", "1e3s", "0x10s", "１s"],
                ...["9223372036854775807ns", "9223372036854775808ns", "-9223372036854775808ns", "-9223372036854775809ns"],
                ...["2562047h47m16.854775807s", "2562047h47m16.854775808s", "2562048h", "9223372036854775.807us", "0.3333333333333333333h"],
                ...["0.000000001s", "0.0000000001s", "1.0000000000000000000000001s", `${"9".repeat(30)}ns`, `0.${"9".repeat(30)}s`, "5 m", "5M", "5S"],
            ];
            const go = goParseDurations(texts);
            texts.forEach((text, i) => assert.equal(parseDurationNanoseconds(text), go[i], JSON.stringify(text)));
        });

        it("agree on 5000 texts drawn from digits, signs, dots and unit letters (fixed seed)", () => {
            const character = fc.constantFrom(..."0123456789.+-nsuµμmh ");
            const texts = fc.sample(
                fc.array(character, { minLength: 1, maxLength: 14 }).map((characters) => characters.join("")),
                { seed: 24, numRuns: 5000 },
            );
            const go = goParseDurations(texts);
            const accepted = go.filter((ns) => ns !== undefined).length;
            assert.ok(accepted > 100, `${accepted} of the sample are durations: the sample reaches the accepting paths`);
            texts.forEach((text, i) => assert.equal(parseDurationNanoseconds(text), go[i], JSON.stringify(text)));
        });
    });
});
