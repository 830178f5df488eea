/**
 * The memory probes' one way of measuring a span's peak memory growth (memory-growth.ts for the client,
 * server-memory-growth.ts for a provider's call): a GC, the baseline, then samples every 2 ms until the span ends.
 */

/** What a span grew by (bytes), as the probes report it. */
export interface PeakMemoryGrowth {
    rssBaseline: number;
    /** Where the RSS peak came from: the process's maxRSS when it rose during the span (so the span set it), else the samples. */
    rssPeakSource: "maxRSS" | "sampled";
    rssPeakGrowth: number;
    /** Highest V8 heapUsed sampled, minus the baseline's. */
    heapPeakGrowth: number;
    /** heapUsed after the span and a GC, what the caller still holds kept, minus the baseline's. */
    heapRetained: number;
    arrayBuffersPeakGrowth: number;
}

/** Collects garbage, takes the baseline and starts sampling; `stop()` ends the span and tells its growth. */
export function startPeakMemory(gc: () => void): { stop(): PeakMemoryGrowth } {
    gc();
    const baseline = process.memoryUsage();
    const maxRssBefore = process.resourceUsage().maxRSS * 1024;
    let heapPeak = baseline.heapUsed;
    let rssSampled = baseline.rss;
    let buffersPeak = baseline.arrayBuffers;
    const sample = () => {
        const now = process.memoryUsage();
        heapPeak = Math.max(heapPeak, now.heapUsed);
        buffersPeak = Math.max(buffersPeak, now.arrayBuffers);
        rssSampled = Math.max(rssSampled, now.rss);
    };
    const sampler = setInterval(sample, 2);
    return {
        stop() {
            clearInterval(sampler);
            sample();
            const maxRssAfter = process.resourceUsage().maxRSS * 1024;
            const fromMaxRss = maxRssAfter > maxRssBefore;
            gc();
            const retained = process.memoryUsage().heapUsed;
            return {
                rssBaseline: baseline.rss,
                rssPeakSource: fromMaxRss ? "maxRSS" : "sampled",
                rssPeakGrowth: (fromMaxRss ? maxRssAfter : rssSampled) - baseline.rss,
                heapPeakGrowth: heapPeak - baseline.heapUsed,
                heapRetained: retained - baseline.heapUsed,
                arrayBuffersPeakGrowth: buffersPeak - baseline.arrayBuffers,
            };
        },
    };
}
