/**
 * Cancellation of the plugin's calls: each RPC gets an `AbortSignal`, which the listing it starts passes to every
 * request, and which is aborted when
 *
 * - the caller cancels the call or its deadline passes (grpc-js emits `cancelled` on the server's call; the caller
 *   already has its status, so only the requests need stopping);
 * - the engine calls `Cancel`, which pulumi/pulumi's provider.proto defines as "gracefully shut down and abort any
 *   ongoing resource operations": every call in progress is aborted and answers `CANCELLED`;
 * - the process is leaving because its parent is gone.
 *
 * After `Cancel` the provider is shutting down: a later call that would list (Invoke, Check, Read, and Create or
 * Update without a listing from Check) answers `CANCELLED` before sending any request; calls that send nothing
 * (GetSchema, CheckConfig, Configure, Diff, Delete, ...) are answered as before. A new plugin process serves anew.
 * No gRPC import: the server's call is described by the little this needs of it.
 */

/** The reason a call's signal was aborted; the plugin answers it as `CANCELLED` with this message. */
export class CallCancelledError extends Error {
    constructor(message: string) {
        super(message);
        this.name = new.target.name;
    }
}

/** What this needs of a grpc-js server call: its method path, whether it is cancelled already, and the event. */
export interface CancellableCall {
    readonly cancelled: boolean;
    getPath(): string;
    once(event: "cancelled", listener: () => void): unknown;
    removeListener(event: "cancelled", listener: () => void): unknown;
}

/** One call in progress: its signal, and `end` to forget it once it is answered. */
export interface CallInProgress {
    readonly signal: AbortSignal;
    end(): void;
}

/** The RPC's name from its method path (`/pulumirpc.ResourceProvider/Invoke` -> `Invoke`). */
function rpcName(call: CancellableCall): string {
    return call.getPath().split("/").pop() || "the call";
}

/** The calls in progress of one plugin process, and whether `Cancel` was called. */
export class CallCancellation {
    readonly #inProgress = new Map<AbortController, string>();
    #cancelled = false;
    /** Why {@link cancelAll} was called (`the engine called Cancel`, `the CLI called StopProvider`). */
    #why = "";

    /** Whether `Cancel` was called (or the process is leaving): no new listing starts. */
    get cancelled(): boolean {
        return this.#cancelled;
    }

    /** How many calls are in progress. */
    get size(): number {
        return this.#inProgress.size;
    }

    /**
     * Starts tracking `call`: its signal is aborted when the caller cancels it, when its deadline passes, or by
     * {@link cancelAll}; it is aborted already when `Cancel` was called before.
     */
    begin(call: CancellableCall): CallInProgress {
        const rpc = rpcName(call);
        const controller = new AbortController();
        if (this.#cancelled) {
            controller.abort(new CallCancelledError(`${rpc} refused: ${this.#why} earlier, so this provider starts no new listing.`));
            return { signal: controller.signal, end: () => undefined };
        }
        const onCancelled = () => controller.abort(new CallCancelledError(`${rpc} was cancelled by its caller, or its deadline passed.`));
        this.#inProgress.set(controller, rpc);
        call.once("cancelled", onCancelled);
        if (call.cancelled) onCancelled();
        return {
            signal: controller.signal,
            end: () => {
                call.removeListener("cancelled", onCancelled);
                this.#inProgress.delete(controller);
            },
        };
    }

    /**
     * Aborts every call in progress, each with a message naming it and `why`, and refuses listings from now on.
     * Returns how many calls were aborted.
     */
    cancelAll(why: string): number {
        if (!this.#cancelled) this.#why = why;
        this.#cancelled = true;
        const calls = [...this.#inProgress];
        this.#inProgress.clear();
        for (const [controller, rpc] of calls) controller.abort(new CallCancelledError(`${rpc} was stopped: ${why}; its requests were aborted.`));
        return calls.length;
    }
}
