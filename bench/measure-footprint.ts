/** Size of the serialized dynamic provider, and memory growth of a large listing, each in a child process. */
import { runProbe } from "./child";
import { withEmulator } from "./emulator-process";
import { PROBES } from "./paths";
import { join } from "node:path";

export interface ProviderSizeResult {
    bytes: number;
    containsSecrets: boolean;
    capturesRepoPath: boolean;
}

export function measureProviderSize(): Promise<ProviderSizeResult> {
    return runProbe<ProviderSizeResult>([join(PROBES, "serialize-provider.js")]);
}

export interface MemoryResult {
    items: number;
    pages: number;
    rssBaseline: number;
    rssPeakGrowth: number;
    heapPeakGrowth: number;
    heapRetained: number;
}

/** The package's default listing of `items` verifications from a zero-latency emulator, measured in a child. */
export function measureMemory(items: number): Promise<MemoryResult> {
    return withEmulator(items, 0, (emulator) =>
        runProbe<MemoryResult>(["--expose-gc", join(PROBES, "memory-growth.js"), emulator.url, emulator.accessKeyId, emulator.accessKeySecret, String(items)]),
    );
}
