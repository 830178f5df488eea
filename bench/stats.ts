/** Order statistics of a small sample. */
export interface Summary {
    n: number;
    median: number;
    min: number;
    max: number;
    /** First and third quartiles (linear interpolation). */
    q1: number;
    q3: number;
    mean: number;
}

function quantile(sorted: readonly number[], q: number): number {
    const position = (sorted.length - 1) * q;
    const lower = Math.floor(position);
    const upper = Math.ceil(position);
    const a = sorted[lower] as number;
    const b = sorted[upper] as number;
    return a + (b - a) * (position - lower);
}

export function summarize(samples: readonly number[]): Summary {
    if (samples.length === 0) throw new Error("no samples");
    const sorted = [...samples].sort((a, b) => a - b);
    return {
        n: sorted.length,
        median: quantile(sorted, 0.5),
        min: sorted[0] as number,
        max: sorted[sorted.length - 1] as number,
        q1: quantile(sorted, 0.25),
        q3: quantile(sorted, 0.75),
        mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
    };
}
