/**
 * Where a value was set, in the words of the caller's users, for messages: the client knows no caller's key names,
 * so each caller (the get functions, the dynamic provider, the plugin, the CLI) passes its {@link Vocabulary}.
 */
import type { OptionName } from "./option-table";

/** One place: `prefix` + `key`, such as `stack config ` + `alicloud:region`, or `env ` + `ALICLOUD_REGION`. */
export interface Place {
    prefix: string;
    key: string;
}

/** How a caller names the places its users set options in; a missing function or `undefined`: no such place. */
export interface Vocabulary {
    /** Where an argument of one call is given (`argument accessKeyId`, `--endpoint`). */
    argument?(name: OptionName): Place | undefined;
    /** Where a provider setting is given (`stack config alicloud:accessKey`, `alicloud-message-contacts:profile`). */
    setting?(name: OptionName): Place | undefined;
}

/** `stack config alicloud:region`. */
export function placeText(place: Place): string {
    return `${place.prefix}${place.key}`;
}

/** `stack config alicloud:accessKey/alicloud:secretKey`: two places of one family written once. */
export function pairText(a: Place, b: Place): string {
    return a.prefix === b.prefix ? `${a.prefix}${a.key}/${b.key}` : `${placeText(a)} and ${placeText(b)}`;
}

/** An environment variable as a place. */
export function envPlace(variable: string): Place {
    return { prefix: "env ", key: variable };
}

/** The vocabulary of direct callers of the client: arguments and settings by their option names. */
export const CLIENT_VOCABULARY: Vocabulary = {
    argument: (name) => ({ prefix: "argument ", key: name }),
    setting: (name) => ({ prefix: "setting ", key: name }),
};
