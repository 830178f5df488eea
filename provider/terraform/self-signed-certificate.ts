/**
 * The provider's TLS certificate for go-plugin's AutoMTLS: a fresh ECDSA P-256 key and a self-signed certificate
 * for `localhost` per start, which the CLI trusts because the handshake line carries it. Built with `node:crypto`
 * and the DER of `der.ts` in about a millisecond; an X.509 library (`@peculiar/x509`: about 65 ms to load, and a
 * reflect-metadata polyfill) would cost more than the rest of the provider's start.
 *
 * The certificate has what Go's verifier (the CLI's side) checks: a subjectAltName of DNS `localhost` (the name
 * go-plugin dials), serverAuth and clientAuth usages, and CA basic constraints, since it is its own root.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import {
    bitString,
    boolean,
    explicit,
    implicitPrimitive,
    objectIdentifier,
    octetString,
    sequence,
    set,
    smallInteger,
    time,
    unsignedInteger,
    utf8String,
} from "./der";

/** A key and its certificate, in the forms the TLS server and the handshake need. */
export interface ServerCertificate {
    /** The private key, PKCS#8 PEM. */
    keyPem: string;
    /** The certificate, PEM. */
    certPem: string;
    /** The certificate's DER. */
    certDer: Buffer;
}

const OID = {
    ecdsaWithSha256: "1.2.840.10045.4.3.2",
    organization: "2.5.4.10",
    commonName: "2.5.4.3",
    basicConstraints: "2.5.29.19",
    keyUsage: "2.5.29.15",
    extendedKeyUsage: "2.5.29.37",
    subjectAltName: "2.5.29.17",
    serverAuth: "1.3.6.1.5.5.7.3.1",
    clientAuth: "1.3.6.1.5.5.7.3.2",
} as const;

/** The host name go-plugin's client verifies. */
export const CERTIFICATE_HOST = "localhost";

/** How long the certificate is valid: a provider process lives for one CLI command. */
const VALIDITY_MS = 30 * 24 * 3600 * 1000;

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
    return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

function name(organization: string, commonName: string): Buffer {
    return sequence(
        set(sequence(objectIdentifier(OID.organization), utf8String(organization))),
        set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))),
    );
}

/** PEM armour of DER. */
function pem(label: string, der: Buffer): string {
    const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** A new key pair and a self-signed certificate for `localhost`, valid from a minute ago for 30 days. */
export function selfSignedCertificate(now: Date = new Date()): ServerCertificate {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
    const subject = name("alicloudmessagecontacts", CERTIFICATE_HOST);
    const serial = randomBytes(16);
    serial[0] = (serial[0] ?? 0) & 0x7f;
    // digitalSignature (bit 0), keyEncipherment (bit 2), keyCertSign (bit 5): 10100100, the last 2 bits unused.
    const keyUsage = bitString(Buffer.from([0xa4]), 2);
    const tbs = sequence(
        explicit(0, smallInteger(2)),
        unsignedInteger(serial),
        algorithm,
        subject,
        sequence(time(new Date(now.getTime() - 60_000)), time(new Date(now.getTime() + VALIDITY_MS))),
        subject,
        publicKey.export({ type: "spki", format: "der" }),
        explicit(
            3,
            sequence(
                extension(OID.basicConstraints, true, sequence(boolean(true))),
                extension(OID.keyUsage, true, keyUsage),
                extension(OID.extendedKeyUsage, false, sequence(objectIdentifier(OID.serverAuth), objectIdentifier(OID.clientAuth))),
                extension(OID.subjectAltName, false, sequence(implicitPrimitive(2, Buffer.from(CERTIFICATE_HOST, "ascii")))),
            ),
        ),
    );
    const signature = sign("sha256", tbs, privateKey);
    const certDer = sequence(tbs, algorithm, bitString(signature));
    return { keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), certPem: pem("CERTIFICATE", certDer), certDer };
}
