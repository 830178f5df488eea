/** Size of the serialized dynamic provider, and memory growth of a large listing, each in child processes. */
import { join } from "node:path";
import { runProbe } from "./child";
import { withEmulator } from "./emulator-process";
import { PROBES } from "./paths";
import { Summary, summarize } from "./stats";

export interface ProviderSizeResult {
    bytes: number;
    containsSecrets: boolean;
    capturesRepoPath: boolean;
}

export function measureProviderSize(): Promise<ProviderSizeResult> {
    return runProbe<ProviderSizeResult>([join(PROBES, "serialize-provider.js")]);
}

interface MemoryProbe {
    items: number;
    pages: number;
    rssPeakSource: "maxRSS" | "sampled";
    rssPeakGrowth: number;
    heapPeakGrowth: number;
    heapRetained: number;
}

export interface MemoryResult {
    client: "package" | "official";
    items: number;
    pages: number;
    /** Bytes, over the child runs. */
    rssPeakGrowth: Summary;
    heapPeakGrowth: Summary;
    heapRetained: Summary;
}

/**
 * A complete listing of `items` verifications from a zero-latency emulator, each in a fresh child, `runs`
 * times per client, alternating: the package with its defaults, and the official-client loop for reference.
 */
export function measureMemory(items: number, runs: number): Promise<MemoryResult[]> {
    return withEmulator(items, 0, async (emulator) => {
        const clients = ["package", "official"] as const;
        const probes = new Map<string, MemoryProbe[]>(clients.map((c) => [c, []]));
        for (let i = 0; i < runs; i++) {
            for (const client of clients) {
                const args = [
                    "--expose-gc",
                    join(PROBES, "memory-growth.js"),
                    client,
                    emulator.url,
                    emulator.accessKeyId,
                    emulator.accessKeySecret,
                    String(items),
                ];
                probes.get(client)?.push(await runProbe<MemoryProbe>(args));
            }
        }
        return clients.map((client) => {
            const all = probes.get(client) ?? [];
            return {
                client,
                items,
                pages: all[0]?.pages ?? 0,
                rssPeakGrowth: summarize(all.map((p) => p.rssPeakGrowth)),
                heapPeakGrowth: summarize(all.map((p) => p.heapPeakGrowth)),
                heapRetained: summarize(all.map((p) => p.heapRetained)),
            };
        });
    });
}
