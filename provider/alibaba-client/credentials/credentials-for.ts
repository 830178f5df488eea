/**
 * `credentialsFor`: the one way every caller (the get functions, both providers, the CLI) gets its credentials
 * provider, from the same sources in the same order. The places are named in the caller's words (its
 * {@link Vocabulary}): a plugin user reads `alicloud-message-contacts:accessKey`, a CLI user reads only what a
 * CLI user can set.
 */
import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../errors";
import type { CredentialOptions } from "../operation/list-options";
import { OPTION_DEFINITIONS } from "../options/option-table";
import { CLIENT_VOCABULARY, envPlace, pairText, Place, placeText, Vocabulary } from "../options/places";
import type { ProviderSettings } from "../options/settings";
import { resolveStsEndpoint } from "../resolve-settings";
import type * as AssumeRoleModule from "./assume-role-provider";
import { Credentials, CredentialsProvider } from "./credentials";
import { CliProfileProvider, DefaultChainProvider } from "./library-providers";
import { StaticCredentialsProvider } from "./static-provider";

type Env = Readonly<Record<string, string | undefined>>;

/** Everything credentials can come from. */
export interface CredentialSources {
    /** Credentials given with the call, for callers whose users can give them (`vocabulary.argument`). */
    arguments?: CredentialOptions;
    /** The provider's settings: a key pair, a profile, a role to assume, the STS endpoint. */
    settings?: ProviderSettings;
    /** How the caller names its places; a caller without arguments or settings has no such places. Default: by option name. */
    vocabulary?: Vocabulary;
    /** The call's `stsEndpoint` argument, which wins over the settings' `endpoints.sts`. */
    stsEndpoint?: string;
    /** Default `process.env`. */
    env?: Env;
    /** Clock for the expiry of temporary credentials. */
    now?: () => number;
    /**
     * Told of the credentials each provider of the chain hands out: the base ones (which also sign STS
     * `AssumeRole`) and assumed-role temporary ones, so that a caller can keep their values out of what it shows.
     */
    onCredentials?: (credentials: Credentials) => void;
}

/** `provider`, telling `onCredentials` of every credentials it hands out. */
function observed(provider: CredentialsProvider, onCredentials: ((credentials: Credentials) => void) | undefined): CredentialsProvider {
    if (!onCredentials) return provider;
    return {
        description: provider.description,
        getCredentials: async (request) => {
            const credentials = await provider.getCredentials(request);
            onCredentials(credentials);
            return credentials;
        },
    };
}

/** The environment variable that gives an option to the credential chain (Terraform's `ALICLOUD_*`). */
function variableOf(name: "accessKeyId" | "accessKeySecret" | "securityToken" | "profile"): string {
    const variable = OPTION_DEFINITIONS[name].env?.[0];
    if (!variable) throw new Error(`the option table gives no environment variable for ${name}`);
    return variable;
}

/** An AccessKey pair from one place, or undefined when that place has neither half. */
function keyPair(where: [Place, Place], id: string | undefined, secret: string | undefined, token: string | undefined): Credentials | undefined {
    if (!id && !secret) return undefined;
    if (!id || !secret) {
        const missing = placeText(id ? where[1] : where[0]);
        throw new InvalidArgumentError(missing, `${missing} is missing: set ${pairText(...where)} together, or neither.`);
    }
    return new Credentials(id, secret, token || undefined);
}

/** The places of an AccessKey pair in one family, or undefined when the caller has no such places. */
function pairPlaces(place: ((name: "accessKeyId" | "accessKeySecret") => Place | undefined) | undefined): [Place, Place] | undefined {
    const id = place?.("accessKeyId");
    const secret = place?.("accessKeySecret");
    return id && secret ? [id, secret] : undefined;
}

/** The base credentials: the first place that has some, in the documented order. */
function baseProvider(sources: CredentialSources, env: Env): CredentialsProvider {
    const vocabulary = sources.vocabulary ?? CLIENT_VOCABULARY;
    const settings = sources.settings ?? {};
    const looked: string[] = [];
    const fixed = (where: [Place, Place], found: Credentials | undefined) => {
        looked.push(pairText(...where));
        return found && new StaticCredentialsProvider(found, pairText(...where));
    };
    const argumentPlaces = pairPlaces(vocabulary.argument?.bind(vocabulary));
    if (argumentPlaces) {
        const given = sources.arguments ?? {};
        const found = fixed(argumentPlaces, keyPair(argumentPlaces, given.accessKeyId, given.accessKeySecret, given.securityToken));
        if (found) return found;
    }
    const settingPlaces = pairPlaces(vocabulary.setting?.bind(vocabulary));
    if (settingPlaces) {
        const found = fixed(settingPlaces, keyPair(settingPlaces, settings.accessKeyId, settings.accessKeySecret, settings.securityToken));
        if (found) return found;
        const profilePlace = vocabulary.setting?.("profile");
        if (profilePlace) {
            if (settings.profile) return new CliProfileProvider(settings.profile, placeText(profilePlace));
            looked.push(placeText(profilePlace));
        }
    }
    const envPlaces: [Place, Place] = [envPlace(variableOf("accessKeyId")), envPlace(variableOf("accessKeySecret"))];
    const fromEnv = fixed(envPlaces, keyPair(envPlaces, env[variableOf("accessKeyId")], env[variableOf("accessKeySecret")], env[variableOf("securityToken")]));
    if (fromEnv) return fromEnv;
    const profile = env[variableOf("profile")];
    if (profile) return new CliProfileProvider(profile, placeText(envPlace(variableOf("profile"))));
    looked.push(placeText(envPlace(variableOf("profile"))));
    return new DefaultChainProvider(looked);
}

/**
 * The credentials provider of a call, first match wins: the call's `accessKeyId` + `accessKeySecret` (for callers
 * that take them); the settings' key pair; the settings' profile; Terraform's env `ALICLOUD_ACCESS_KEY` +
 * `ALICLOUD_SECRET_KEY`; `ALICLOUD_PROFILE`; then Alibaba Cloud's default chain (`@alicloud/credentials`). With the
 * `assumeRole` setting, those credentials assume the role at the STS endpoint (the call's `stsEndpoint`, else the
 * settings' `endpoints.sts`, else the default) and the temporary ones are used. Nothing is read until the first
 * request; then a missing credential is a `CredentialsNotFoundError` listing every place looked at, in the
 * caller's words. `onCredentials` hears of every credentials handed out, base and temporary. Half a key pair is an {@link InvalidArgumentError} naming the missing half, at once.
 */
export function credentialsFor(sources: CredentialSources = {}): CredentialsProvider {
    const env = sources.env ?? process.env;
    const base = observed(baseProvider(sources, env), sources.onCredentials);
    const assumeRole = sources.settings?.assumeRole;
    if (!assumeRole) return base;
    const stsEndpoint = resolveStsEndpoint(sources.stsEndpoint, sources.settings, sources.vocabulary);
    // STS and its answer's schema (zod) load only for a role to assume.
    const { AssumeRoleProvider } = require("./assume-role-provider") as typeof AssumeRoleModule;
    return observed(new AssumeRoleProvider(base, assumeRole, stsEndpoint, sources.now), sources.onCredentials);
}

/**
 * Credentials providers kept for a program's or a provider's life, one per distinct set of sources, so that
 * temporary (assumed-role) credentials are reused across calls. Sources are keyed by a hash: no second copy of a
 * secret is kept.
 */
export class CredentialsCache {
    readonly #providers = new Map<string, CredentialsProvider>();

    /** The provider for `sources`, made by {@link credentialsFor} the first time. */
    get(sources: CredentialSources): CredentialsProvider {
        const key = createHash("sha256")
            .update(JSON.stringify([sources.arguments ?? null, sources.settings ?? null, sources.stsEndpoint ?? null]))
            .digest("hex");
        let provider = this.#providers.get(key);
        if (!provider) {
            provider = credentialsFor(sources);
            this.#providers.set(key, provider);
        }
        return provider;
    }
}
