/**
 * The RPCs whose answer depends on nothing but the provider's code: not the request, the configuration or the
 * environment. Their answers are encoded at build time (`npm run generate` writes `static-answers.ts`) and sent as
 * they are, so that the starts that ask only for them (the first of a plan's three, and `tofu show -json`'s) load
 * neither the handlers nor the client.
 */
export const STATIC_RPCS = ["GetMetadata", "GetProviderSchema", "GetResourceIdentitySchemas", "GetFunctions"] as const;

/** One of {@link STATIC_RPCS}. */
export type StaticRpc = (typeof STATIC_RPCS)[number];
