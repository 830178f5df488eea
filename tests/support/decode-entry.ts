/**
 * Entry points for a worker (`bounded-worker.ts`): decode bytes with the provider's codecs and say what happened,
 * as plain data that crosses the thread boundary.
 */
import { decodeMessage } from "../../provider/terraform/tfplugin6-codec";
import type { MessageName } from "../../provider/terraform/tfplugin6-messages";

/** What one decode did: decoded (the value), or threw (the error's class name and message). */
export type DecodeOutcome = { decoded: true; value: Record<string, unknown> } | { decoded: false; errorName: string; message: string };

/** Decodes `bytes` (hex) as the named tfplugin6 message. */
export function decodeTfplugin6(input: { message: MessageName; hex: string }): DecodeOutcome {
    try {
        return { decoded: true, value: decodeMessage(input.message, Buffer.from(input.hex, "hex")) };
    } catch (error) {
        return { decoded: false, errorName: error instanceof Error ? error.name : typeof error, message: String((error as Error)?.message ?? error) };
    }
}

/** Decodes each input in turn, storing the index of the one in progress in `shared` (for a caller that sees it hang). */
export function decodeEachTfplugin6(inputs: { message: MessageName; hex: string }[], shared: SharedArrayBuffer): DecodeOutcome[] {
    const progress = new Int32Array(shared);
    return inputs.map((input, index) => {
        Atomics.store(progress, 0, index);
        return decodeTfplugin6(input);
    });
}
