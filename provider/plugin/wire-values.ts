/** The engine's wire form of property values, as `Struct.toJavaScript` gives it: secrets are envelopes. */
import { asSecret, Props, SECRET_SIG, SPECIAL_SIG_KEY } from "../listing-resource";

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

/** The names of the top-level properties that came as secrets. */
export function secretNames(props: Props): string[] {
    return Object.keys(props).filter((name) => isSecretEnvelope(props[name]));
}

/** `props` with the named properties wrapped as secrets (once): a secret input stays secret in what is returned. */
export function keepSecret(props: Props, names: readonly string[]): Props {
    const kept = { ...props };
    for (const name of names) {
        if (name in kept && !isSecretEnvelope(kept[name])) kept[name] = asSecret(kept[name]);
    }
    return kept;
}
