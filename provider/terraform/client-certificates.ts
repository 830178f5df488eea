/**
 * The client certificates AutoMTLS accepts: exactly those the CLI gave (`PLUGIN_CLIENT_CERT`, PEM), compared byte
 * for byte with the certificate the client presented in its TLS handshake, in which it also proved it holds the
 * certificate's key (TLS's CertificateVerify, which OpenSSL checks whatever the chain's verdict).
 *
 * Why not OpenSSL's chain verification, with the CLI's certificate as the one CA, as go-plugin's server does: given
 * any `ca`, Node.js copies its whole root store into the TLS context first (the bundled roots, and those of
 * `NODE_EXTRA_CA_CERTS`), about 9 ms of each provider start on Node.js 26, and as long again to free at exit,
 * for a store that is never used. The server's context is made with no CA at all, and the client's certificate
 * checked here; a certificate the CLI did not give (even one it signed, which go-plugin's check would take) is
 * refused, and so is a client with none.
 */
import { X509Certificate } from "node:crypto";
import { GO_PLUGIN_ENV } from "./handshake";

/** A PEM certificate block. */
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The DER bytes of each certificate in `pem`; throws when it holds none, or one that does not parse (naming the
 * variable the CLI sets), so that a start with a broken `PLUGIN_CLIENT_CERT` fails before its handshake line.
 */
export function trustedClientCertificates(pem: string): readonly Buffer[] {
    const blocks = pem.match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) throw new Error(`${GO_PLUGIN_ENV.clientCert} holds no PEM certificate`);
    return blocks.map((block, index) => {
        try {
            return new X509Certificate(block).raw;
        } catch (error) {
            throw new Error(`${GO_PLUGIN_ENV.clientCert}: certificate ${index + 1} does not parse: ${error instanceof Error ? error.message : String(error)}`, {
                cause: error,
            });
        }
    });
}

/** What the TLS socket of a connection tells of its peer's certificate. */
interface PeerCertificateSource {
    getPeerX509Certificate?(): X509Certificate | undefined;
}

/**
 * Whether the connection's client presented one of the `trusted` certificates. `socket` is a `tls.TLSSocket`, or
 * HTTP/2's proxy of one (which answers property reads only, hence no `in` test); any other socket presented none.
 */
export function presentsTrustedCertificate(socket: object, trusted: readonly Buffer[]): boolean {
    const presented = (socket as PeerCertificateSource).getPeerX509Certificate?.();
    return presented !== undefined && trusted.some((der) => der.equals(presented.raw));
}
