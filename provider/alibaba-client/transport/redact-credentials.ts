import { REDACTED } from "../credentials/redact-values";

/** JSON keys whose string values are secrets: the AccessKey secret, security tokens, passwords. */
const SECRET_FIELD = /("(?:[A-Za-z_]*(?:Secret|Token|Password)[A-Za-z_]*)"\s*:\s*")((?:[^"\\]|\\.)*)("?)/gi;

/**
 * `text` (an answer's body, possibly truncated or not JSON at all) with the string value of every
 * credential-like field (`AccessKeySecret`, `SecurityToken`, any `*Secret`, `*Token`, `*Password`) replaced by
 * `[redacted]`, also when the value is cut off by the end of the text. Applied to every excerpt of an answer
 * that an error keeps, so that an STS answer that failed to parse cannot carry its credentials into logs.
 */
export function redactCredentials(text: string): string {
    return text.replace(SECRET_FIELD, (_match, head: string, _value: string, close: string) => `${head}${REDACTED}${close}`);
}
