export { EMPTY_BODY_SHA256, HEADER, SIGNATURE_ALGORITHM } from "./constants";
export { percentEncode } from "./percent-encode";
export { canonicalQuery, QueryParameters } from "./canonical-query";
export { canonicalHeaders, HeaderMap, isSignedHeader } from "./canonical-headers";
export { authorizationHeader, canonicalRequest, RequestToSign, sha256Hex, SignatureParts, signatureParts } from "./sign-request";
export { formatAcsDate, RpcCall, signRpcCall, signRpcRequest, SignedRpcRequest, SigningKey } from "./rpc-request";
