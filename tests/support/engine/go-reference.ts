/**
 * The engine tests' Go reference program (engine/go-reference: the standard library's crypto/x509 and
 * time.ParseDuration), built once into the engine's cache, and its answers parsed.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { z } from "zod";
import { cachedGoBuild } from "../../../engine/cached-go-build";
import { REPO_ROOT } from "../consumer-project";

/** The program's module. */
export const GO_REFERENCE_DIR = join(REPO_ROOT, "engine", "go-reference");

/** What Go's crypto/x509 says of a certificate; an empty error is an acceptance. */
const CERTIFICATE_VERDICT = z.object({
    parseError: z.string().optional(),
    serverAuth: z.string().optional(),
    clientAuth: z.string().optional(),
    isCA: z.boolean().optional(),
    dnsNames: z.array(z.string()).nullable().optional(),
    notBefore: z.string().optional(),
    notAfter: z.string().optional(),
    signatureAlgorithm: z.string().optional(),
});
/** What Go's crypto/x509 says of a certificate. */
export type CertificateVerdict = z.infer<typeof CERTIFICATE_VERDICT>;

/** What time.ParseDuration makes of each text: its nanoseconds, or undefined when refused. */
const DURATION_VERDICTS = z.array(z.object({ ok: z.boolean(), nanoseconds: z.string().regex(/^-?\d+$/) }));

function run(command: string, request: unknown): unknown {
    const { path } = cachedGoBuild({ moduleDir: GO_REFERENCE_DIR, name: "go-reference" });
    const stdout = execFileSync(path, [command], { input: JSON.stringify(request), encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as unknown;
}

/** Go's verdict on a certificate's DER at `at`, verified as its own root for localhost, for server and client auth. */
export function goVerifyCertificate(der: Buffer, at: Date): CertificateVerdict {
    return CERTIFICATE_VERDICT.parse(run("verify-certificate", { der: der.toString("base64"), at: at.toISOString() }));
}

/** Go's time.ParseDuration of each text, in nanoseconds (undefined when Go refuses it). */
export function goParseDurations(texts: readonly string[]): (bigint | undefined)[] {
    return DURATION_VERDICTS.parse(run("parse-durations", texts)).map((verdict) => (verdict.ok ? BigInt(verdict.nanoseconds) : undefined));
}
