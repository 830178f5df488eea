/**
 * zod, loaded on first use (about 45 ms): importing the client stays cheap, and a listing whose options and pages
 * pass their quick guards (`options/rule-guard.ts`, `operation/list-page-guard.ts`) never loads it.
 */
import type { z } from "zod";

/** zod's `z`, required the first time it is asked for. */
export function zod(): typeof z {
    return (require("zod") as typeof import("zod")).z;
}
