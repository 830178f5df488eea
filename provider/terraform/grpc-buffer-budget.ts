/**
 * The bytes the gRPC server may hold for requests still arriving, across every connection and stream. A request
 * reserves its message's declared length as soon as its prefix is read; one that does not fit waits, its stream
 * paused (HTTP/2 flow control then holds the client to one window, 64 KiB), until earlier requests finish. Grants
 * go in the order asked, so a large message is never starved by small ones; and since a granted request's bytes
 * all fit, every granted request can complete. The capacity is at least the largest message, so any message that
 * is not refused for its size is granted once the requests before it are done.
 *
 * Pure: no I/O; loaded with `node:http2`, after the handshake line.
 */

/** A reservation waiting for its bytes. */
interface Waiting {
    bytes: number;
    granted: () => void;
}

/** Bytes for requests being received, granted in the order asked. */
export class BufferBudget {
    #available: number;
    readonly #waiting: Waiting[] = [];

    constructor(readonly capacity: number) {
        this.#available = capacity;
    }

    /** Bytes not reserved. */
    get available(): number {
        return this.#available;
    }

    /** Reservations waiting. */
    get waiting(): number {
        return this.#waiting.length;
    }

    /**
     * Reserves `bytes` (at most the capacity): calls `granted` at once when they fit and no one waits before, else
     * when they do. Returns the release: it gives the bytes back, or withdraws the reservation still waiting; once.
     */
    reserve(bytes: number, granted: () => void): () => void {
        if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > this.capacity) throw new RangeError(`cannot reserve ${bytes} bytes of ${this.capacity}`);
        const entry: Waiting = { bytes, granted };
        let state: "waiting" | "granted" | "released" = "waiting";
        entry.granted = () => {
            state = "granted";
            granted();
        };
        this.#waiting.push(entry);
        this.#grant();
        return () => {
            if (state === "granted") {
                this.#available += bytes;
                this.#grant();
            } else if (state === "waiting") {
                this.#waiting.splice(this.#waiting.indexOf(entry), 1);
                this.#grant();
            }
            state = "released";
        };
    }

    /** Grants the waiting reservations at the head that fit. */
    #grant(): void {
        while (this.#waiting.length > 0 && (this.#waiting[0] as Waiting).bytes <= this.#available) {
            const next = this.#waiting.shift() as Waiting;
            this.#available -= next.bytes;
            next.granted();
        }
    }
}
