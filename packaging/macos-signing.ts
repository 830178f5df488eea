/**
 * The darwin executables' code signatures, made on Linux with `rcodesign` (`rcodesign.ts`). Apple silicon runs no
 * arm64 code without a valid signature, and injecting the blob invalidates the one of the `node` it is made of, so
 * every darwin executable is signed again, as Node.js's single-executable guide does on a Mac (`codesign
 * --remove-signature`, inject, `codesign --sign -`):
 * - **ad hoc** (the default): a code directory of the file's page hashes and no certificate. Nothing in it
 *   depends on the time or the machine (the identifier is fixed, not the file's name), so the release stays
 *   reproducible;
 * - **Developer ID**, when a certificate is given (`--apple-p12`): a CMS signature with the certificate, and a
 *   secure timestamp from Apple's server; then, with an App Store Connect API key (`--apple-api-key`), notarized:
 *   the Terraform zip holding the executable is sent to Apple's notary service (`rcodesign notary-submit --wait`;
 *   a bare executable cannot be stapled, so Gatekeeper looks the ticket up online). Not reproducible: the CMS
 *   signature and the timestamp carry the time.
 *
 * postject removes the signature of the `node` it injects into, so `rcodesign` carries nothing over from it. An ad-hoc
 * signature is then what Node.js's guide makes with `codesign --sign -`: no flags but ADHOC, no entitlements. A
 * Developer ID signature turns the hardened runtime on (notarization requires it) and so takes the entitlements
 * V8's JIT needs under it from the Node.js it is made of (`allow-jit` ...), less `get-task-allow` (which lets a
 * debugger attach, and which Apple's notary service refuses).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { PACKAGE_NAME } from "../provider/pulumi-names";
import { entitlementsXml } from "./macho";

/** How the darwin executables are signed. */
export type AppleSigning =
    | { kind: "ad-hoc" }
    | {
          kind: "developer-id";
          /** The Developer ID Application certificate and its key, as PKCS#12. */
          p12File: string;
          /** A file holding the PKCS#12 password (none: an empty password). */
          p12PasswordFile?: string;
          /** An App Store Connect API key (JSON, from `rcodesign encode-app-store-connect-api-key`): notarize with it. */
          notarizeWith?: string;
          /** The time-stamp server (default Apple's); `none` for none (tests, offline). */
          timestampUrl?: string;
      };

/** The code signing identifier of every darwin executable (the same in both archives, whatever the file's name). */
export const CODE_SIGNING_IDENTIFIER = PACKAGE_NAME;

/**
 * What decides a signature, for the release's build cache: the signing kind, and for a Developer ID the
 * certificate's bytes and whether it is notarized.
 */
export function signingCacheInput(signing: AppleSigning): string {
    if (signing.kind === "ad-hoc") return "ad-hoc";
    const p12 = createHash("sha256").update(readFileSync(signing.p12File)).digest("hex");
    return `developer-id ${p12}${signing.notarizeWith ? " notarized" : ""}`;
}

/** `rcodesign sign`'s arguments for `file` (signed in place); `entitlements` is the XML file of a Developer ID signature's. */
export function signArguments(signing: AppleSigning, file: string, entitlements?: string): string[] {
    const common = ["sign", "--binary-identifier", CODE_SIGNING_IDENTIFIER];
    if (signing.kind === "ad-hoc") return [...common, file];
    return [
        ...common,
        "--p12-file",
        signing.p12File,
        ...(signing.p12PasswordFile ? ["--p12-password-file", signing.p12PasswordFile] : []),
        "--code-signature-flags",
        "runtime",
        ...(signing.notarizeWith ? ["--for-notarization"] : []),
        ...(entitlements ? ["--entitlements-xml-file", entitlements] : []),
        ...(signing.timestampUrl ? ["--timestamp-url", signing.timestampUrl] : []),
        file,
    ];
}

/** `rcodesign notary-submit`'s arguments: upload `file`, wait for Apple's verdict. */
export function notarizeArguments(apiKeyFile: string, file: string): string[] {
    return ["notary-submit", "--api-key-file", apiKeyFile, "--wait", file];
}

/** Runs `rcodesign` with `args`; its output, or an error naming `what` with the end of its output. */
export function runRcodesign(rcodesign: string, args: readonly string[], what: string): string {
    const result = spawnSync(rcodesign, [...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
    const output = `${result.stdout}${result.stderr}`;
    if (result.error) throw new Error(`${what}: could not run ${rcodesign}: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`${what}: rcodesign exited ${String(result.status)}: ${output.trim().slice(-2000)}`);
    return output;
}

/** The entitlement that lets a debugger attach, which Apple's notary service refuses. */
const GET_TASK_ALLOW = /\s*<key>com\.apple\.security\.get-task-allow<\/key>\s*<true\s*\/>/g;

/** An entitlements plist without `com.apple.security.get-task-allow`. */
export function withoutGetTaskAllow(xml: string): string {
    return xml.replace(GET_TASK_ALLOW, "");
}

/**
 * Signs the darwin executable `file` in place as `signing` says (`node`: the Node.js it is made of, whose
 * entitlements a Developer ID signature takes, less `get-task-allow`); returns its bytes.
 */
export function signDarwinExecutable(rcodesign: string, file: string, signing: AppleSigning, node: string, log: (line: string) => void): Buffer {
    let entitlements: string | undefined;
    if (signing.kind === "developer-id") {
        const xml = entitlementsXml(readFileSync(node));
        if (xml !== undefined) {
            entitlements = `${file}.entitlements.plist`;
            writeFileSync(entitlements, withoutGetTaskAllow(xml));
        }
    }
    runRcodesign(rcodesign, signArguments(signing, file, entitlements), `signing ${basename(file)}`);
    if (signing.kind === "developer-id") log(`signed with the Developer ID of ${basename(signing.p12File)}`);
    return readFileSync(file);
}

/** Sends `zipFile` (the Terraform zip holding a signed executable) to Apple's notary service and waits for its verdict. */
export function notarize(rcodesign: string, apiKeyFile: string, zipFile: string, log: (line: string) => void): void {
    log(`notarizing ${basename(zipFile)} (rcodesign notary-submit --wait)`);
    runRcodesign(rcodesign, notarizeArguments(apiKeyFile, zipFile), `notarizing ${basename(zipFile)}`);
}
