/**
 * The Terraform provider executable's own flag, in a module of its own so that reading the arguments at start
 * loads nothing else (the mirror's layout loads the option table).
 */

/** The flag of the npm package's provider that writes a `filesystem_mirror` (`mirror-layout.ts`). */
export const WRITE_MIRROR_FLAG = "--write-mirror";
