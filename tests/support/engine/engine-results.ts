/** Reading what an engine operation printed and what `pulumi stack export` holds, for the engine tests. */
import { strict as assert } from "node:assert";
import { RESOURCE_TYPE_TOKEN } from "../../../provider/pulumi-names";
import type { CliResult } from "./engine-workspace";

/** The engine's marker of a special value (a secret) in state, from the package's one definition of it. */
import { SPECIAL_SIG_KEY } from "../../../provider/wire-format";
export { SPECIAL_SIG_KEY };

/** Everything the user saw of a command. */
export function shown(result: CliResult): string {
    return `${result.stdout}\n${result.stderr}`;
}

/** Fails with what the engine printed unless the command succeeded. */
export function assertSucceeded(result: CliResult, what: string): void {
    assert.equal(result.code, 0, `${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
}

/** A step's kind as the summary prints it done (`created`) -> as planned (`create`). */
const PAST_TENSE: Record<string, string> = { created: "create", updated: "update", deleted: "delete", replaced: "replace", imported: "import", read: "read" };

/**
 * The changes the CLI's summary counted (its `Resources:` block: `+ 2 to create`, `~ 1 updated`, `3 unchanged`), by
 * step kind as the engine names them (`create`, `update`, `delete`, `replace`, `same` ...).
 */
export function changeSummaryOf(stdout: string): Record<string, number> {
    const block = /^Resources:\n((?:[ \t]+\S.*\n?)*)/m.exec(stdout)?.[1] ?? "";
    const summary: Record<string, number> = {};
    for (const line of block.split("\n")) {
        const change = /^\s+[-+~<>=*]*\s*(\d+) (?:to )?([a-z-]+)\s*$/.exec(line);
        if (change?.[1] && change[2] && change[2] !== "unchanged") summary[PAST_TENSE[change[2]] ?? change[2]] = Number(change[1]);
        const same = /(\d+) unchanged/.exec(line)?.[1];
        if (same) summary.same = Number(same);
    }
    return summary;
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
