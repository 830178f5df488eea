/**
 * The provider's TLS certificate for go-plugin's AutoMTLS: a fresh ECDSA P-256 key and a self-signed certificate
 * for `localhost` per start, which the CLI trusts because the handshake line carries it. Built with `node:crypto`
 * and the DER of `der.ts` in about a millisecond; an X.509 library (`@peculiar/x509`: about 65 ms to load, and a
 * reflect-metadata polyfill) would cost more than the rest of the provider's start.
 *
 * The certificate has what Go's verifier (the CLI's side) checks: a subjectAltName of DNS `localhost` (the name
 * go-plugin dials), serverAuth and clientAuth usages, and CA basic constraints, since it is its own root. It is
 * valid as long as go-plugin's own (30 years), so a provider left running keeps accepting connections. P-256
 * rather than go-plugin's P-521: in Node.js 20 (OpenSSL 3.0) a P-521 key and signature cost about 13 ms more
 * before the handshake line, and the CLI's verifier accepts either.
 *
 * {@link certificateOf} is pure over its inputs (keys, serial, clock, signer), so that a test can fix them.
 */
import { generateKeyPairSync, KeyObject, randomBytes, sign } from "node:crypto";
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

/** How long the certificate is valid after its start: go-plugin's 262980 hours (30 years of 365.25 days). */
export const VALIDITY_MS = 262_980 * 3_600_000;

/** How long before its making the certificate is valid from (go-plugin's 30 s), for a CLI whose clock is behind. */
export const BACKDATE_MS = 30_000;

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

/** What a certificate is made of. */
export interface CertificateInputs {
    /** The key pair: the certificate holds the public key, and is signed with the private one. */
    keys: { privateKey: KeyObject; publicKey: KeyObject };
    /** The serial number, big-endian, positive (its first bit clear), at most 20 bytes. */
    serial: Buffer;
    /** When it is made: valid from {@link BACKDATE_MS} before, for {@link VALIDITY_MS} after. */
    now: Date;
    /**
     * Signs the to-be-signed bytes with ECDSA and SHA-256. Default: the private key, with OpenSSL's random nonce
     * (so two signatures differ); a test gives a fixed signature to reproduce a certificate byte for byte.
     */
    sign?: (tbs: Buffer) => Buffer;
}

/** The self-signed certificate for `localhost` of the inputs, and the key in PEM. Pure. */
export function certificateOf(inputs: CertificateInputs): ServerCertificate {
    const { privateKey, publicKey } = inputs.keys;
    if (inputs.serial.length === 0 || inputs.serial.length > 20 || ((inputs.serial[0] ?? 0) & 0x80) !== 0)
        throw new RangeError("the serial number must be 1 to 20 bytes, its first bit clear (a positive INTEGER)");
    const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
    const subject = name("alicloudmessagecontacts", CERTIFICATE_HOST);
    const now = inputs.now.getTime();
    // digitalSignature (bit 0), keyEncipherment (bit 2), keyCertSign (bit 5): 10100100, the last 2 bits unused.
    const keyUsage = bitString(Buffer.from([0xa4]), 2);
    const tbs = sequence(
        explicit(0, smallInteger(2)),
        unsignedInteger(inputs.serial),
        algorithm,
        subject,
        sequence(time(new Date(now - BACKDATE_MS)), time(new Date(now + VALIDITY_MS))),
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
    const signature = (inputs.sign ?? ((bytes: Buffer) => sign("sha256", bytes, privateKey)))(tbs);
    const certDer = sequence(tbs, algorithm, bitString(signature));
    return { keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), certPem: pem("CERTIFICATE", certDer), certDer };
}

/** A new P-256 key pair, a random 128-bit serial and a self-signed certificate for `localhost`, valid from now. */
export function selfSignedCertificate(now: Date = new Date()): ServerCertificate {
    const serial = randomBytes(16);
    serial[0] = (serial[0] ?? 0) & 0x7f;
    return certificateOf({ keys: generateKeyPairSync("ec", { namedCurve: "P-256" }), serial, now });
}
