/**
 * The data source `alicloudmessagecontacts_verifications`'s configuration checked: each problem at its attribute's
 * path, with what is accepted, by the option table's rules. Apart from the read (`data-source.ts`), so that a
 * validation loads nothing that lists.
 */
import { OPTION_DEFINITIONS, quotedText, valueProblem } from "../alibaba-client/validation";
import { CtyValue, isObject, UNKNOWN } from "./cty-msgpack";
import { durationText, parseDuration } from "./duration";
import { attributeError, numberOf } from "./provider-config";
import { DATA_SOURCE_ARGUMENTS, READ_TIMEOUT, snakeCase } from "./terraform-names";
import type { Diagnostic } from "./tfplugin6-messages";

/** The `timeouts` block's `read`, as milliseconds, or a problem naming it. */
function readTimeout(config: { [name: string]: CtyValue }): { ms?: number; problem?: Diagnostic } {
    const timeouts = config[READ_TIMEOUT.block];
    const read = isObject(timeouts) ? timeouts[READ_TIMEOUT.attribute] : null;
    if (read === null || read === undefined || read === UNKNOWN) return {};
    const rule = OPTION_DEFINITIONS[READ_TIMEOUT.option].rule;
    const ms = typeof read === "string" ? parseDuration(read) : undefined;
    if (ms !== undefined && rule.kind === "integer" && ms >= rule.min && ms <= rule.max) return { ms };
    const range = rule.kind === "integer" ? ` from ${durationText(rule.min)} to ${durationText(rule.max)}` : "";
    const shown = typeof read === "string" ? quotedText(read, 40) : typeof read;
    const path = [READ_TIMEOUT.block, READ_TIMEOUT.attribute];
    return { problem: attributeError(path, `Invalid ${path.join(".")}`, `${path.join(".")} must be a duration${range}, such as "30s" or "5m"; got ${shown}.`) };
}

/** The listing's arguments from the configuration, and a diagnostic for each bad one (nothing is sent then). */
export function listingArguments(config: CtyValue): { args: Record<string, unknown>; diagnostics: Diagnostic[] } {
    const values = isObject(config) ? config : {};
    const args: Record<string, unknown> = {};
    const diagnostics: Diagnostic[] = [];
    for (const name of DATA_SOURCE_ARGUMENTS) {
        const value = values[snakeCase(name)] ?? null;
        if (value === null || value === UNKNOWN) continue;
        const converted = numberOf(value);
        const problem = valueProblem(name, converted, snakeCase);
        if (problem) diagnostics.push(attributeError([snakeCase(name)], `Invalid ${snakeCase(name)}`, problem.message));
        else args[name] = converted;
    }
    const timeout = readTimeout(values);
    if (timeout.problem) diagnostics.push(timeout.problem);
    else if (timeout.ms !== undefined) args[READ_TIMEOUT.option] = timeout.ms;
    return { args, diagnostics };
}

/** ValidateDataResourceConfig: a diagnostic for each bad argument (unknown ones are checked at read). */
export function validateDataSourceConfig(config: CtyValue): Diagnostic[] {
    return listingArguments(config).diagnostics;
}
