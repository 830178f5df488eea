/** Time and size limits of one HTTP exchange, and the connection pool's size. */
export interface TransportOptions {
    /** Milliseconds to establish a connection (TCP + TLS). Default 10 000. */
    connectTimeoutMs?: number;
    /** Milliseconds to wait for the answer's headers. Default 30 000. */
    headersTimeoutMs?: number;
    /** Milliseconds allowed between two chunks of the body. Default 30 000. */
    bodyTimeoutMs?: number;
    /** Largest body accepted, in bytes. Default 8 MiB (a 100-item page is about 10 KiB). */
    maxResponseBytes?: number;
    /** Connections kept per endpoint. Default 8. */
    connections?: number;
}

/** The defaults of {@link TransportOptions}, all filled in. */
export const DEFAULT_TRANSPORT_OPTIONS: Required<TransportOptions> = {
    connectTimeoutMs: 10_000,
    headersTimeoutMs: 30_000,
    bodyTimeoutMs: 30_000,
    maxResponseBytes: 8 * 1024 * 1024,
    connections: 8,
};
