import { MessageContactsError } from "../provider/alibaba-client";

/**
 * Marks this package's errors as Pulumi run errors, so that a program that leaves one unhandled shows its
 * message alone. Pulumi prints any other unhandled error as "Unhandled exception: Name: message" followed by
 * its JavaScript stack, which for these errors (they already name the field, the service's code, the
 * RequestId and what to do) is only noise. `RunError.isInstance` recognises an error by the property
 * `__pulumiRunError === true`, across copies of `@pulumi/pulumi`, so the error keeps its class, `code` and
 * fields: `instanceof` and `catch` work as before. Anything else (a bug) is returned untouched, stack and all.
 */
export function asPulumiRunError(error: unknown): unknown {
    if (error instanceof MessageContactsError) {
        Object.defineProperty(error, "__pulumiRunError", { value: true, enumerable: false, configurable: true });
    }
    return error;
}
