/** The engine's wire form of property values, as `Struct.toJavaScript` gives it: secrets are envelopes. */
import { Props, SECRET_SIG, SPECIAL_SIG_KEY } from "../listing-resource";

/** Whether `value` is the wire form of a secret (`{<sig key>: <secret sig>, value}`). */
export function isSecretEnvelope(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Props)[SPECIAL_SIG_KEY] === SECRET_SIG;
}

/** `value` with every secret envelope replaced by what it holds, at any depth. */
export function revealSecrets(value: unknown): unknown {
    if (isSecretEnvelope(value)) return revealSecrets(value.value);
    if (Array.isArray(value)) return value.map(revealSecrets);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealSecrets(v)]));
    return value;
}

/** Properties with their secrets revealed (the resource's operations compare and list with plain values). */
export function revealProps(props: Props): Props {
    return revealSecrets(props) as Props;
}
