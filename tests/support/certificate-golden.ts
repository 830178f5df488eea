/**
 * A certificate of the Terraform provider with every input fixed, for golden tests: a test-only P-256 key (made
 * once with `openssl genpkey`; it protects nothing), a serial, a clock, and the ECDSA signature that key made
 * over the certificate's to-be-signed bytes once (ECDSA signatures are randomised, so the signature is an input
 * too). {@link GOLDEN_CERTIFICATE_DER} is what `certificateOf` made of them; the tests check it byte for byte, and
 * have OpenSSL (in `npm test`) and Go's crypto/x509 (in the engine tests) judge it.
 */
import { createPrivateKey, createPublicKey, KeyObject } from "node:crypto";

/** The test-only private key, PKCS#8 PEM. */
const GOLDEN_KEY_PEM = [
    "-----BEGIN PRIVATE KEY-----",
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggCb8NXfxgM/SYShv",
    "pd6h6I/6qtTEfWKBGpxEtObftguhRANCAAS8cvZSxIv2ABol6bQVNINNnrp7N7wp",
    "LTO/62qZa8MBuWn3FLTZkzyDazD23Z88Wtrw1WKAQO3K/Zf69TqraXX9",
    "-----END PRIVATE KEY-----",
].join("\n");

/** The key pair of the golden certificate. */
export function goldenKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
    const privateKey = createPrivateKey(GOLDEN_KEY_PEM);
    return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** Its serial number. */
export const GOLDEN_SERIAL = Buffer.from("5a1b2c3d4e5f60718293a4b5c6d7e8f9", "hex");

/** When it was made: valid from 30 s before, for 262980 hours after. */
export const GOLDEN_NOW = new Date("2026-12-07T12:00:00Z");

/** The signature (DER ECDSA-Sig-Value) the key made over its to-be-signed bytes. */
export const GOLDEN_SIGNATURE = Buffer.from(
    "3045022100f56892c8f21dda63eefde45c4b80c32d478af9741e438393b902614f9de2bfba022047df2e0cba9509767a37399eaee4d71161bd447a2794417c01ec16c757b8b6ae",
    "hex",
);

/** The certificate's DER. */
export const GOLDEN_CERTIFICATE_DER = Buffer.from(
    [
        "308201c43082016aa00302010202105a1b2c3d4e5f60718293a4b5c6d7e8f9300a06082a8648ce3d0403023036312030",
        "1e060355040a0c17616c69636c6f75646d657373616765636f6e74616374733112301006035504030c096c6f63616c68",
        "6f73743020170d3236313230373131353933305a180f32303536313230373030303030305a30363120301e060355040a",
        "0c17616c69636c6f75646d657373616765636f6e74616374733112301006035504030c096c6f63616c686f7374305930",
        "1306072a8648ce3d020106082a8648ce3d03010703420004bc72f652c48bf6001a25e9b41534834d9eba7b37bc292d33",
        "bfeb6a996bc301b969f714b4d9933c836b30f6dd9f3c5adaf0d5628040edcafd97faf53aab6975fda3583056300f0603",
        "551d130101ff040530030101ff300e0603551d0f0101ff0404030202a4301d0603551d250416301406082b0601050507",
        "030106082b0601050507030230140603551d11040d300b82096c6f63616c686f7374300a06082a8648ce3d0403020348",
        "003045022100f56892c8f21dda63eefde45c4b80c32d478af9741e438393b902614f9de2bfba022047df2e0cba950976",
        "7a37399eaee4d71161bd447a2794417c01ec16c757b8b6ae",
    ].join(""),
    "hex",
);
