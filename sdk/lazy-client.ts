/**
 * The client (argument validation, credentials, signing, pagination and their zod schemas) is required on the
 * first call rather than when the package is imported, so that importing the package costs little beyond
 * `@pulumi/pulumi` itself (zod alone takes about 50 ms to load). Type-only imports below emit no require.
 */
import type * as ClientModule from "../provider/alibaba-client/list-message-contact-verifications";
import type { ListOptions } from "../provider/alibaba-client/operation/list-options";
import type * as ValidationModule from "../provider/alibaba-client/operation/validate-options";
import type * as StackConfigModule from "./stack-config";

/** `provider/alibaba-client/list-message-contact-verifications`, required on first use. */
export function loadClient(): typeof ClientModule {
    return require("../provider/alibaba-client/list-message-contact-verifications") as typeof ClientModule;
}

/** `provider/alibaba-client/operation/validate-options` (argument rules, with zod), required on first use. */
export function loadValidation(): typeof ValidationModule {
    return require("../provider/alibaba-client/operation/validate-options") as typeof ValidationModule;
}

/** `sdk/stack-config` (stack settings and the shared credentials chain), required on first use. */
export function loadStackConfig(): typeof StackConfigModule {
    return require("./stack-config") as typeof StackConfigModule;
}

/** {@link ClientModule.listMessageContactVerifications}, loading the client on the first call. */
export function listMessageContactVerifications(options?: ListOptions): ReturnType<typeof ClientModule.listMessageContactVerifications> {
    return loadClient().listMessageContactVerifications(options);
}
