/**
 * `credentialsFor`: the one way every caller (the get functions, both providers, the CLI) gets its credentials
 * provider, from the same sources in the same order. The places are named in the caller's words (its
 * {@link Vocabulary}): a plugin user reads `alicloud-message-contacts:accessKey`, a CLI user reads only what a
 * CLI user can set.
 */
import { createHash } from "node:crypto";
import { InvalidArgumentError } from "../errors";
import type { CredentialOptions } from "../operation/list-options";
import { KEY_PAIR, KEY_PAIR_TOKEN } from "../options/option-table";
import { CLIENT_VOCABULARY, pairText, Place, placeText, Vocabulary } from "../options/places";
import type { ProviderSettings } from "../options/settings";
import { optionFromEnv, resolveStsEndpoint } from "../resolve-settings";
import type * as AssumeRoleModule from "./assume-role-provider";
import { ChainSource, ChainStep, credentialChainSteps, stepText } from "./credential-chain";
import { Credentials, CredentialsProvider } from "./credentials";
import { CliProfileProvider, DefaultChainProvider } from "./library-providers";
import { StaticCredentialsProvider } from "./static-provider";

type Env = Readonly<Record<string, string | undefined>>;

/** The options a step of the chain reads. */
type CredentialOptionName = (typeof KEY_PAIR)[number] | typeof KEY_PAIR_TOKEN | "profile";

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

/** An AccessKey pair from one place, or undefined when that place has neither half. */
function keyPair(where: [Place, Place], id: string | undefined, secret: string | undefined, token: string | undefined): Credentials | undefined {
    if (!id && !secret) return undefined;
    if (!id || !secret) {
        const missing = placeText(id ? where[1] : where[0]);
        throw new InvalidArgumentError(missing, `${missing} is missing: set ${pairText(...where)} together, or neither.`);
    }
    return new Credentials(id, secret, token || undefined);
}

/** The values of the credential options one source gives (the environment's read and checked by their rules). */
function sourceValues(source: ChainSource, sources: CredentialSources, env: Env): Partial<Record<CredentialOptionName, string>> {
    if (source === "argument") return sources.arguments ?? {};
    if (source === "setting") return sources.settings ?? {};
    const names = [...KEY_PAIR, KEY_PAIR_TOKEN, "profile"] as const;
    return Object.fromEntries(names.map((name) => [name, optionFromEnv(name, env)?.value]));
}

/** The credentials provider of one step of the chain, or undefined when its source holds nothing for it. */
function stepProvider(step: ChainStep, sources: CredentialSources, env: Env): CredentialsProvider | undefined {
    const values = sourceValues(step.source, sources, env);
    if (step.kind === "profile") return values.profile ? new CliProfileProvider(values.profile, placeText(step.place)) : undefined;
    const [id, secret] = KEY_PAIR;
    const found = keyPair([step.id, step.secret], values[id], values[secret], values[KEY_PAIR_TOKEN]);
    return found && new StaticCredentialsProvider(found, pairText(step.id, step.secret));
}

/** The base credentials: the first step of the caller's chain that has some, else Alibaba Cloud's default chain. */
function baseProvider(sources: CredentialSources, env: Env): CredentialsProvider {
    const looked: string[] = [];
    for (const step of credentialChainSteps(sources.vocabulary ?? CLIENT_VOCABULARY)) {
        const found = stepProvider(step, sources, env);
        if (found) return found;
        looked.push(stepText(step));
    }
    return new DefaultChainProvider(looked);
}

/**
 * The credentials provider of a call: the first step of the caller's chain that has credentials (the steps and
 * their order are {@link credentialChainSteps}'s), else Alibaba Cloud's default chain (`@alicloud/credentials`).
 * With the `assumeRole` setting, those credentials assume the role at the STS endpoint (the call's `stsEndpoint`,
 * else the settings' `endpoints` entry, else the default) and the temporary ones are used. The default chain reads
 * nothing until the first request; then a missing credential is a `CredentialsNotFoundError` listing every place
 * looked at, in the caller's words. `onCredentials` hears of every credentials handed out, base and temporary.
 * Half a key pair, or an environment variable its option's rule refuses, is an {@link InvalidArgumentError}
 * naming it, at once.
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
