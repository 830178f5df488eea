/**
 * A provider's settings: the options of the table that are `setting`s, read from wherever the caller keeps
 * them (stack config, a provider's configuration) through a getter, each checked by its rule and named, in any
 * message, by the caller's {@link Vocabulary}.
 */
import { KEY_PAIR, OPTION_DEFINITIONS, OptionNameSetAs, SETTING_NAMES } from "./option-table";
import type { OptionValues } from "./option-values";
import { pairText, Place, placeText } from "./places";
import { acceptedText } from "./rules";
import { valueProblem } from "./validate-options";

/** The name of an option that is a provider setting. */
export type SettingName = OptionNameSetAs<"setting">;

/** Whether an option is a provider setting. */
export function isSettingName(name: string): name is SettingName {
    return (SETTING_NAMES as readonly string[]).includes(name);
}

/** A provider's settings, by option name, each checked by its rule. */
export type ProviderSettings = Pick<OptionValues, SettingName>;

/** A setting refused: the option, and a message naming it where it was set. */
export interface SettingProblem {
    option: SettingName;
    message: string;
}

/** What {@link readSettings} gives: the settings that were set and valid, and a problem for each that was not. */
export interface SettingsReading {
    settings: ProviderSettings;
    problems: SettingProblem[];
}

/**
 * A setting as given, brought to its rule's type: config arrives as text (`"8"`, JSON objects), or typed (YAML
 * config, a provider's inputs). Text that does not convert is returned as is, for its rule to refuse by name.
 */
function converted(name: SettingName, raw: unknown): { value: unknown } | { notJson: true } {
    const rule = OPTION_DEFINITIONS[name].rule;
    if (typeof raw !== "string") return { value: raw };
    if (rule.kind === "integer") return { value: /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw };
    if (rule.kind === "boolean") return { value: raw === "true" ? true : raw === "false" ? false : raw };
    if (rule.kind === "object" || rule.kind === "map") {
        try {
            return { value: JSON.parse(raw) as unknown };
        } catch {
            return { notJson: true };
        }
    }
    return { value: raw };
}

/** `endpoints` may be one object or a list of them (`@pulumi/alicloud`'s form): merged into one. */
function merged(name: SettingName, value: unknown): unknown {
    if (OPTION_DEFINITIONS[name].rule.kind !== "map" || !Array.isArray(value)) return value;
    if (!value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) return value;
    return Object.assign({}, ...(value as object[])) as unknown;
}

/** `sessionExpiration: "900"` in a JSON object from text config is the number it says. */
function withNumericFields(name: SettingName, value: unknown): unknown {
    const rule = OPTION_DEFINITIONS[name].rule;
    if (rule.kind !== "object" || typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const record: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [field, fieldRule] of Object.entries(rule.fields)) {
        const given = record[field];
        if (fieldRule.rule.kind === "integer" && typeof given === "string" && /^\d+$/.test(given)) record[field] = Number(given);
    }
    return record;
}

/**
 * Reads every setting through `get` (an absent, `null` or empty value is not set) and checks it by its rule.
 * Messages name each setting by `placeOf`. A setting whose value is not known yet (`unknown`: a provider
 * configured from something not created yet) is neither read nor checked, and half a key pair whose other half
 * is unknown is not a problem yet. Pure.
 */
export function readSettings(
    get: (name: SettingName) => unknown,
    placeOf: (name: SettingName) => Place,
    unknown: (name: SettingName) => boolean = () => false,
): SettingsReading {
    const settings: Record<string, unknown> = {};
    const problems: SettingProblem[] = [];
    const given = new Set<SettingName>();
    for (const name of SETTING_NAMES as SettingName[]) {
        if (unknown(name)) continue;
        const raw = get(name);
        if (raw === undefined || raw === null || raw === "") continue;
        given.add(name);
        const where = placeText(placeOf(name));
        const conversion = converted(name, raw);
        if ("notJson" in conversion) {
            problems.push({ option: name, message: `${where} must be ${acceptedText(OPTION_DEFINITIONS[name].rule)}; it is not valid JSON.` });
            continue;
        }
        const value = withNumericFields(name, merged(name, conversion.value));
        const problem = valueProblem(name, value, () => where);
        if (problem) problems.push({ option: name, message: problem.message });
        else settings[name] = value;
    }
    const [id, secret] = KEY_PAIR;
    if (given.has(id) !== given.has(secret) && !unknown(id) && !unknown(secret)) {
        const missing = given.has(id) ? secret : id;
        problems.push({
            option: missing,
            message: `${placeText(placeOf(missing))} is missing: set ${pairText(placeOf(id), placeOf(secret))} together, or neither.`,
        });
    }
    return { settings: settings as ProviderSettings, problems };
}
