/** The only signature algorithm this package speaks: Alibaba Cloud's V3 ("ACS3") HMAC-SHA256. */
export const SIGNATURE_ALGORITHM = "ACS3-HMAC-SHA256";

/** Hex SHA-256 of the empty string, the `x-acs-content-sha256` of every RPC call with an empty body. */
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Header names, lower case as they are signed. */
export const HEADER = {
    host: "host",
    contentType: "content-type",
    action: "x-acs-action",
    version: "x-acs-version",
    date: "x-acs-date",
    nonce: "x-acs-signature-nonce",
    contentSha256: "x-acs-content-sha256",
    securityToken: "x-acs-security-token",
    authorization: "authorization",
} as const;
