/** Durations as Terraform users write them (Go's `time.ParseDuration`): `30s`, `5m`, `1h30m`, `1.5h`, `500ms`. */

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a duration such as `1h30m`, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
    if (!/^((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(text)) return undefined;
    let ms = 0;
    for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) ms += Number(amount) * (UNIT_MS[unit ?? ""] ?? NaN);
    return Math.round(ms);
}
