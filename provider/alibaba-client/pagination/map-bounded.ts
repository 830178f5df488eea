/**
 * Runs `task` over `inputs` with at most `concurrency` in flight and returns results in input order. The
 * first failure stops new tasks from starting and is rethrown once the running ones settle.
 */
export async function mapBounded<I, O>(inputs: readonly I[], concurrency: number, task: (input: I) => Promise<O>): Promise<O[]> {
    const results = new Array<O>(inputs.length);
    let next = 0;
    let failed = false;
    let failure: unknown;
    const worker = async () => {
        while (!failed && next < inputs.length) {
            const index = next++;
            try {
                results[index] = await task(inputs[index] as I);
            } catch (error) {
                if (!failed) failure = error;
                failed = true;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker));
    if (failed) throw failure;
    return results;
}
