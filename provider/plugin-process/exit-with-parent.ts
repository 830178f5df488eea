/**
 * A plugin's exit when whoever started it is gone: the plugin's own clean-up (abort the requests in flight, stop
 * the server), then a quiet exit. Nothing is printed: the parent that read the plugin's output is gone, and a write
 * to a pipe nobody reads could only fail.
 */
import { ParentGoneReason, ParentWatch, watchParent } from "./parent-watch";

/** What {@link exitWithParent} watches and does before exiting. */
export interface ExitWithParentOptions {
    /** See `ParentWatchOptions.watchStdin`: true for a Pulumi plugin, false for a go-plugin (Terraform) plugin. */
    watchStdin: boolean;
    /** See `ParentWatchOptions.pollMs`. */
    pollMs?: number;
    /** Synchronous clean-up before the exit (abort what is in flight, close the server); what it throws is ignored. */
    beforeExit(reason: ParentGoneReason): void;
}

/** The exit code when the parent went away: not a failure of the plugin. */
export const PARENT_GONE_EXIT_CODE = 0;

/** Exits the process, after `beforeExit`, as soon as its parent is gone (see `parent-watch.ts` for how that is seen). */
export function exitWithParent(options: ExitWithParentOptions): ParentWatch {
    return watchParent({
        watchStdin: options.watchStdin,
        ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
        onGone(reason) {
            try {
                options.beforeExit(reason);
            } catch {
                // Exiting anyway: there is no one left to tell.
            }
            process.exit(PARENT_GONE_EXIT_CODE);
        },
    });
}
