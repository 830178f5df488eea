/**
 * The credential chain as data: its steps for a caller, in order, each named in the caller's words. The chain
 * itself (`credentials-for.ts`), the error that lists where it looked, and every description of the chain (the
 * CLI's help, the README, the get functions' TSDoc, the Terraform provider's advice and docs) are written from
 * these steps and from the places of Alibaba Cloud's default chain, so that none of them is a copy.
 */
import { KEY_PAIR, KEY_PAIR_TOKEN, OPTION_DEFINITIONS, OptionName } from "../options/option-table";
import { envPlace, pairText, Place, placeText, Vocabulary } from "../options/places";
import { DEFAULT_CHAIN_PLACES } from "./library-providers";

/** Where a step of the chain reads: the call's arguments, the provider's settings, or the environment. */
export type ChainSource = "argument" | "setting" | "env";

/** One step of the chain: an AccessKey pair (with its optional STS token) or an aliyun CLI profile, from one source. */
export type ChainStep =
    | { kind: "keyPair"; source: ChainSource; id: Place; secret: Place; token?: Place }
    | { kind: "profile"; source: Exclude<ChainSource, "argument">; place: Place };

/** The environment variable of an option of the chain, as a place: its first one (Terraform's `ALICLOUD_*`). */
function envPlaceOf(name: OptionName): Place | undefined {
    const variable = OPTION_DEFINITIONS[name].env?.[0];
    return variable === undefined ? undefined : envPlace(variable);
}

/**
 * The chain's steps for a caller, first found wins: the call's key pair (for callers whose users give
 * credentials with a call), the provider's key pair, the provider's profile (for callers with settings), the key
 * pair of the environment, the profile of the environment. Alibaba Cloud's default chain comes after them all.
 */
export function credentialChainSteps(vocabulary: Vocabulary): ChainStep[] {
    const steps: ChainStep[] = [];
    const keyPair = (source: ChainSource, placeOf: (name: OptionName) => Place | undefined) => {
        const [id, secret] = KEY_PAIR.map(placeOf);
        const token = placeOf(KEY_PAIR_TOKEN);
        if (id && secret) steps.push({ kind: "keyPair", source, id, secret, ...(token ? { token } : {}) });
    };
    const profile = (source: Exclude<ChainSource, "argument">, place: Place | undefined) => {
        if (place) steps.push({ kind: "profile", source, place });
    };
    keyPair("argument", (name) => vocabulary.argument?.(name));
    keyPair("setting", (name) => vocabulary.setting?.(name));
    profile("setting", vocabulary.setting?.("profile"));
    keyPair("env", envPlaceOf);
    profile("env", envPlaceOf("profile"));
    return steps;
}

/** A step as messages and docs name it: `env ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY (+ ALICLOUD_SECURITY_TOKEN)`. */
export function stepText(step: ChainStep): string {
    if (step.kind === "profile") return placeText(step.place);
    const token = step.token === undefined ? "" : ` (+ ${step.token.prefix === step.id.prefix ? step.token.key : placeText(step.token)})`;
    return `${pairText(step.id, step.secret)}${token}`;
}

/** The name of Alibaba Cloud's default chain, as messages and docs call it. */
export const DEFAULT_CHAIN_NAME = "Alibaba Cloud's default chain";

/**
 * The whole chain for a caller, in one sentence's words: `env ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY (+
 * ALICLOUD_SECURITY_TOKEN), env ALICLOUD_PROFILE, then Alibaba Cloud's default chain: ...` (its places listed
 * unless `brief`), and, for callers with the `assumeRole` setting, what it does with the credentials found.
 */
export function credentialChainText(vocabulary: Vocabulary, brief = false): string {
    const steps = credentialChainSteps(vocabulary).map(stepText);
    const defaultChain = brief ? `then ${DEFAULT_CHAIN_NAME}` : `then ${DEFAULT_CHAIN_NAME}: ${DEFAULT_CHAIN_PLACES.join("; ")}`;
    const assumeRole = vocabulary.setting?.("assumeRole");
    const role =
        assumeRole === undefined
            ? ""
            : `. With ${placeText(assumeRole)}, the credentials found call STS AssumeRole and the role's temporary credentials are used (renewed before they expire)`;
    return `${[...steps, defaultChain].join(", ")}${role}`;
}
