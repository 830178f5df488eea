/** Reading what an engine operation printed and what `pulumi stack export` holds, for the engine tests. */
import { strict as assert } from "node:assert";
import { RESOURCE_TYPE_TOKEN } from "../../../provider/pulumi-names";
import type { DriverResult } from "./inline-program-driver";

/** The engine's marker of a special value (a secret) in state, from the package's one definition of it. */
import { SPECIAL_SIG_KEY } from "../../../provider/wire-format";
export { SPECIAL_SIG_KEY };

/** Everything the user saw of an operation. */
export function shown(result: DriverResult): string {
    return `${result.stdout}\n${result.stderr}\n${result.error ?? ""}`;
}

/** Fails with what the engine printed unless the operation succeeded. */
export function assertSucceeded(result: DriverResult, what: string): void {
    assert.ok(result.ok, `${what} failed (exit ${result.code}): ${result.error}\n${result.stdout}\n${result.stderr}`);
}

/** A resource as `pulumi stack export` holds it. */
export interface ExportedResource {
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

/** Every resource in `pulumi stack export`. */
export function exportedResources(exported: string): ExportedResource[] {
    return (JSON.parse(exported) as { deployment: { resources?: ExportedResource[] } }).deployment.resources ?? [];
}

/** The one `MessageContactVerifications` in `pulumi stack export`, or a failed assertion. */
export function exportedListing(exported: string): ExportedResource {
    const found = exportedResources(exported).filter((r) => r.type === RESOURCE_TYPE_TOKEN);
    assert.equal(found.length, 1, `one ${RESOURCE_TYPE_TOKEN} in state, found ${found.length}`);
    return found[0] as ExportedResource;
}

/** A secret as state stores it (`{ <sig>: <secret sig>, ciphertext }`), or a failed assertion. */
export function secretEnvelope(value: unknown): Record<string, unknown> {
    assert.ok(typeof value === "object" && value !== null && SPECIAL_SIG_KEY in value, `not a secret: ${JSON.stringify(value)?.slice(0, 80)}`);
    return value as Record<string, unknown>;
}
