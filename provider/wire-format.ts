/**
 * The engine's wire form of property values, as gRPC `Struct`s carry them between the engine and a provider: an
 * unknown value (at preview) is a sentinel string, a secret is an envelope `{[SPECIAL_SIG_KEY]: SECRET_SIG, value}`.
 * The one place these sentinels are written; both providers, the policy pack's tests and the tests use it. The
 * resource's operations (`listing-resource.ts`) never see it: each provider translates at its edge.
 */

/** Properties as the engine passes them. */
export type Props = Record<string, unknown>;

/** The engine's placeholder for a value not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The engine's marker of a special value in the wire form of properties (the key of the marker). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The marker's value for a secret: `{[SPECIAL_SIG_KEY]: SECRET_SIG, value}`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** `value` as the engine's wire form of a secret. */
export function asSecret(value: unknown): Props {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

/** Whether `value` is the wire form of a secret (`{<sig key>: <secret sig>, value}`). */
export function isSecretEnvelope(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Props)[SPECIAL_SIG_KEY] === SECRET_SIG;
}

/** Whether `value` is, or holds at any depth, the engine's unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN_VALUE) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
    return false;
}

/**
 * `value` with every secret envelope replaced by what it holds, at any depth. A list or object holding no envelope
 * is answered as it is, not copied (a state of 100,000 verifications was copied whole at each call): only those on
 * the way to an envelope are new.
 */
export function revealSecrets(value: unknown): unknown {
    if (isSecretEnvelope(value)) return revealSecrets(value.value);
    if (Array.isArray(value)) {
        let copy: unknown[] | undefined;
        for (let index = 0; index < value.length; index++) {
            const item: unknown = value[index];
            const revealed = revealSecrets(item);
            if (revealed !== item) (copy ??= [...value])[index] = revealed;
        }
        return copy ?? value;
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Props;
        const keys = Object.keys(record);
        let revealed: unknown[] | undefined;
        for (let index = 0; index < keys.length; index++) {
            const item = record[keys[index] as string];
            const inner = revealSecrets(item);
            if (inner !== item) (revealed ??= keys.map((key) => record[key]))[index] = inner;
        }
        return revealed ? Object.fromEntries(keys.map((key, index) => [key, (revealed as unknown[])[index]])) : value;
    }
    return value;
}

/** Properties with their secrets revealed (the resource's operations compare and list with plain values). */
export function revealProps(props: Props): Props {
    return revealSecrets(props) as Props;
}

/** Whether `value` is, or holds at any depth, a secret envelope. */
export function containsSecret(value: unknown): boolean {
    if (isSecretEnvelope(value)) return true;
    if (Array.isArray(value)) return value.some(containsSecret);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
    return false;
}

/** The names of the top-level properties that came as secrets, or hold one at any depth. */
export function secretNames(props: Props): string[] {
    return Object.keys(props).filter((name) => containsSecret(props[name]));
}

/** The names of the top-level properties that are unknown, or hold an unknown value at any depth. */
export function unknownNames(props: Props): string[] {
    return Object.keys(props).filter((name) => containsUnknown(props[name]));
}

/** `props` with the named properties wrapped as secrets (once): a secret input stays secret in what is returned. */
export function keepSecret(props: object, names: readonly string[]): Props {
    const kept: Props = { ...props };
    for (const name of names) {
        if (name in kept && !isSecretEnvelope(kept[name])) kept[name] = asSecret(kept[name]);
    }
    return kept;
}
