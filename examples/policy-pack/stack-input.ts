/**
 * The policy's input for a Pulumi stack: the stack's `MessageContactVerifications` (either of the resource's types,
 * the package's `RESOURCE_TYPE_TOKENS`) with their outputs as plain JSON, and which outputs are secret or unknown.
 * The Rego policy (`policy/listings.rego`) reads this shape beside a Terraform plan's, and decides everything else:
 * which outputs hold the listing, when it counts as not read yet, when its targets are secret.
 *
 * ```json
 * {"pulumi": {"resources": [{"urn": "...", "name": "...", "type": "...", "outputs": {...},
 *                            "secret_outputs": ["targets"], "unknown_outputs": []}]}}
 * ```
 */
import { PolicyResource, Secret, UnknownValueError } from "@pulumi/policy";
import { RESOURCE_TYPE_TOKENS } from "pulumi-alicloud-message-contacts";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One `MessageContactVerifications` of the stack, as the policy reads it. */
export interface StackInputResource {
    urn: string;
    name: string;
    type: string;
    /** The outputs that could be read (a value that is neither JSON nor a secret, such as an asset, is left out). */
    outputs: Record<string, Json>;
    /** Outputs marked secret: in `additionalSecretOutputs`, or holding a `Secret` (direct callers pass those). */
    secret_outputs: string[];
    /** Outputs whose value is not known at this preview (reading them throws the analyzer's `UnknownValueError`). */
    unknown_outputs: string[];
}

/** The policy's input for a stack. */
export interface StackInput {
    pulumi: { resources: StackInputResource[] };
}

/** What the input is built from: a stack resource as a stack policy sees it. */
export type StackResource = Pick<PolicyResource, "type" | "name" | "urn" | "props" | "opts">;

/** Whether a resource of the stack is a `MessageContactVerifications`, of either of its types. */
export function isMessageContactVerifications(resource: Pick<PolicyResource, "type">): boolean {
    return RESOURCE_TYPE_TOKENS.includes(resource.type);
}

/** A value as JSON, and whether a `Secret` was met on the way; `undefined` when it is not JSON. */
function plain(value: unknown, secret: { found: boolean }): Json | undefined {
    if (value instanceof Secret) {
        secret.found = true;
        return plain(value.value, secret);
    }
    if (value === null || typeof value === "boolean" || typeof value === "string") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (Array.isArray(value)) return value.map((item: unknown) => plain(item, secret) ?? null);
    if (typeof value === "object") {
        const object: Record<string, Json> = {};
        for (const key of Object.keys(value)) {
            const item = plain((value as Record<string, unknown>)[key], secret);
            if (item !== undefined) object[key] = item;
        }
        return object;
    }
    return undefined;
}

/** One resource's entry: every output read, those that are unknown set apart. */
export function stackInputResource(resource: StackResource): StackInputResource {
    const entry: StackInputResource = { urn: resource.urn, name: resource.name, type: resource.type, outputs: {}, secret_outputs: [], unknown_outputs: [] };
    const props = resource.props as Record<string, unknown>;
    for (const name of Object.keys(props)) {
        const secret = { found: false };
        let value: Json | undefined;
        try {
            // Reads the whole value: the analyzer's proxy throws when any part of it is unknown.
            value = plain(props[name], secret);
        } catch (error) {
            if (!(error instanceof UnknownValueError)) throw error;
            entry.unknown_outputs.push(name);
            continue;
        }
        if (value !== undefined) entry.outputs[name] = value;
        if (secret.found) entry.secret_outputs.push(name);
    }
    for (const name of resource.opts?.additionalSecretOutputs ?? []) {
        if (!entry.secret_outputs.includes(name)) entry.secret_outputs.push(name);
    }
    return entry;
}

/** The input for a stack: its `MessageContactVerifications`, in the stack's order. */
export function stackInput(resources: readonly StackResource[]): StackInput {
    return { pulumi: { resources: resources.filter(isMessageContactVerifications).map(stackInputResource) } };
}
