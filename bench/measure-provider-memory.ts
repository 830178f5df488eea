/**
 * The providers' memory against the client's, from the same run: in each round, the client lists every item in a
 * fresh process (probes/memory-growth.js), then each provider call does in a fresh provider process
 * (measure-server-memory.ts), in an order that rotates from round to round; each call's growth is divided by the
 * client's of the same round. Then, once each, the same at a larger listing (1,000,000 items by default), with the
 * time, to show whether anything grows worse than linearly.
 */
import { join } from "node:path";
import { runProbe } from "./child";
import { withEmulator, EmulatorProcess } from "./emulator-process";
import { measureServerCall, ServerCall, ServerMemoryProbe } from "./measure-server-memory";
import { PROBES } from "./paths";
import { Summary, summarize } from "./stats";

/** The calls the targets hold to 2x the client, and the ones measured beside them. */
export const PROVIDER_CALLS: readonly ServerCall[] = [
    "pluginInvoke",
    "pluginCreateAfterCheck",
    "pluginReadOfState",
    "pluginCreate",
    "pluginRead",
    "terraformRead",
];
/** The calls measured at the larger listing. */
export const LARGE_CALLS: readonly ServerCall[] = ["pluginInvoke", "terraformRead"];

/** What the client's probe reports (bytes, ms). */
interface ClientProbe {
    items: number;
    rssPeakGrowth: number;
    heapPeakGrowth: number;
    listMs: number;
}

/** One call's figures over the rounds. */
export interface CallMemory {
    call: ServerCall;
    rssPeakGrowth: Summary;
    heapPeakGrowth: Summary;
    callMs: Summary;
    /** The call's growth ÷ the client's, same round. */
    vsClient: Summary;
    answerBytes: number;
}

/** The figures of one listing size. */
export interface ProviderMemoryResult {
    items: number;
    client: { rssPeakGrowth: Summary; heapPeakGrowth: Summary; listMs: Summary };
    calls: CallMemory[];
}

/** Child timeout for one listing: generous, a 1,000,000-item listing takes a minute or two on 2 cores. */
const PROBE_TIMEOUT_MS = 15 * 60_000;

function clientProbe(emulator: EmulatorProcess): Promise<ClientProbe> {
    const args = [
        "--expose-gc",
        join(PROBES, "memory-growth.js"),
        "package",
        emulator.url,
        emulator.accessKeyId,
        emulator.accessKeySecret,
        String(emulator.items),
    ];
    return runProbe<ClientProbe>(args, {}, PROBE_TIMEOUT_MS);
}

/**
 * `runs` rounds over an emulator of `items` verifications (0 ms latency): the client and each of `calls` once per
 * round, each in a fresh process, the order rotating.
 */
export function measureProviderMemory(
    items: number,
    runs: number,
    calls: readonly ServerCall[] = PROVIDER_CALLS,
    log: (line: string) => void = () => undefined,
): Promise<ProviderMemoryResult> {
    return withEmulator(items, 0, async (emulator) => {
        const order: ("client" | ServerCall)[] = ["client", ...calls];
        const client: ClientProbe[] = [];
        const byCall = new Map<ServerCall, ServerMemoryProbe[]>(calls.map((call) => [call, []]));
        const ratios = new Map<ServerCall, number[]>(calls.map((call) => [call, []]));
        for (let round = 0; round < runs; round++) {
            const seen = new Map<ServerCall, ServerMemoryProbe>();
            let clientGrowth = 0;
            for (let i = 0; i < order.length; i++) {
                const what = order[(round + i) % order.length] as "client" | ServerCall;
                if (what === "client") {
                    const probe = await clientProbe(emulator);
                    client.push(probe);
                    clientGrowth = probe.rssPeakGrowth;
                    log(`   round ${round + 1}: client +${(probe.rssPeakGrowth / 1e6).toFixed(1)} MB in ${probe.listMs.toFixed(0)} ms`);
                } else {
                    const probe = await measureServerCall(what, emulator);
                    seen.set(what, probe);
                    byCall.get(what)?.push(probe);
                    log(`   round ${round + 1}: ${what} +${(probe.rssPeakGrowth / 1e6).toFixed(1)} MB in ${probe.callMs.toFixed(0)} ms`);
                }
            }
            for (const [call, probe] of seen) ratios.get(call)?.push(probe.rssPeakGrowth / clientGrowth);
        }
        return {
            items,
            client: {
                rssPeakGrowth: summarize(client.map((p) => p.rssPeakGrowth)),
                heapPeakGrowth: summarize(client.map((p) => p.heapPeakGrowth)),
                listMs: summarize(client.map((p) => p.listMs)),
            },
            calls: calls.map((call) => {
                const probes = byCall.get(call) ?? [];
                return {
                    call,
                    rssPeakGrowth: summarize(probes.map((p) => p.rssPeakGrowth)),
                    heapPeakGrowth: summarize(probes.map((p) => p.heapPeakGrowth)),
                    callMs: summarize(probes.map((p) => p.callMs)),
                    vsClient: summarize(ratios.get(call) ?? []),
                    answerBytes: probes[0]?.answerBytes ?? 0,
                };
            }),
        };
    });
}
