/** Remembers the most recent signature nonces, forgetting the oldest beyond a capacity. */
export class NonceCache {
    private readonly seen = new Set<string>();

    /** @param capacity how many nonces to remember (at least 1). */
    constructor(private readonly capacity: number) {
        if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError("NonceCache capacity must be an integer >= 1");
    }

    /** Records a nonce; `false` when it was already recorded. */
    add(nonce: string): boolean {
        if (this.seen.has(nonce)) return false;
        this.seen.add(nonce);
        if (this.seen.size > this.capacity) {
            const oldest = this.seen.values().next();
            if (!oldest.done) this.seen.delete(oldest.value);
        }
        return true;
    }

    /** How many nonces are remembered. */
    get size(): number {
        return this.seen.size;
    }
}
