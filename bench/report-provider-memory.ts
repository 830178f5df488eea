/** The providers' memory rows: targets (each provider call at most 2x the client's growth) and tables. */
import type { ProviderMemoryResult } from "./measure-provider-memory";
import type { ServerCall } from "./measure-server-memory";
import type { Summary } from "./stats";

/** A target's verdict, as targets.ts writes them. */
interface Verdict {
    target: string;
    measured: string;
    pass: boolean;
    caveat?: string;
}

/** Most growth a provider call may have, in multiples of the client's from the same run. */
export const PROVIDER_MEMORY_LIMIT = 2;

/** Where the goal is defined. */
const TARGET_ITEMS = 100_000;

/** How the tables name each call. */
const CALL_LABELS: Readonly<Record<ServerCall, string>> = {
    pluginInvoke: "Pulumi plugin: Invoke getMessageContactVerifications",
    pluginCreateAfterCheck: "Pulumi plugin: resource Create of Check's inputs (which hold the listing)",
    pluginReadOfState: "Pulumi plugin: resource Read (refresh) of a state holding the listing, its Structs in the engine's order",
    pluginCreate: "Pulumi plugin: resource Create of bare arguments (lists)",
    pluginRead: "Pulumi plugin: resource Read of bare arguments (lists)",
    terraformRead: "Terraform provider: ReadDataSource",
};

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const quartiles = (s: Summary, format: (n: number) => string) => `${format(s.q1)}–${format(s.q3)}`;
const times = (n: number) => `${n.toFixed(2)}x`;

function table(header: string[], rows: string[][]): string {
    const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** One verdict per group of calls the issue names: the plugin's Invoke, its resource's Create and Read, the data source's read. */
export function providerMemoryVerdicts(result: ProviderMemoryResult): Verdict[] {
    const groups: [string, ServerCall[]][] = [
        ["The Pulumi plugin's Invoke", ["pluginInvoke"]],
        ["The Pulumi plugin's resource Create and Read", ["pluginCreateAfterCheck", "pluginReadOfState", "pluginCreate", "pluginRead"]],
        ["The Terraform provider's ReadDataSource", ["terraformRead"]],
    ];
    const client = result.client.rssPeakGrowth;
    const caveat = result.items === TARGET_ITEMS ? {} : { caveat: `measured with ${result.items} items` };
    return groups.flatMap(([what, calls]) => {
        const measured = result.calls.filter((c) => calls.includes(c.call));
        if (measured.length === 0) return [];
        return [
            {
                target: `${what}: peak RSS growth of one call listing ${TARGET_ITEMS.toLocaleString("en-US")} verifications at most ${PROVIDER_MEMORY_LIMIT}x the client's (fresh processes, same run)`,
                measured:
                    measured
                        .map(
                            (c) =>
                                `${c.call} +${mb(c.rssPeakGrowth.median)}: ${times(c.vsClient.median)} (same-round ratios, median of ${c.vsClient.n}, quartiles ${quartiles(c.vsClient, times)})`,
                        )
                        .join("; ") + `; client +${mb(client.median)} (quartiles ${quartiles(client, mb)})`,
                pass: measured.every((c) => c.vsClient.median <= PROVIDER_MEMORY_LIMIT),
                ...caveat,
            },
        ];
    });
}

/** The table of one listing size. */
export function providerMemoryTable(result: ProviderMemoryResult): string {
    const c = result.client;
    return [
        `Peak RSS growth of one call listing ${result.items} verifications (0 ms latency), each call in a fresh provider process driven from the bench's own (the answer kept as bytes), ${c.rssPeakGrowth.n} rounds in rotated order with the client in the same rounds:`,
        "",
        table(
            [
                "Call",
                "Peak RSS growth, median (quartiles)",
                "÷ client, same round: median (quartiles)",
                "Peak V8 heapUsed growth, median",
                "Call time, median",
                "Answer",
            ],
            [
                [
                    "the client alone (listMessageContactVerifications, defaults)",
                    `${mb(c.rssPeakGrowth.median)} (${quartiles(c.rssPeakGrowth, mb)})`,
                    "1.00x",
                    mb(c.heapPeakGrowth.median),
                    `${c.listMs.median.toFixed(0)} ms`,
                    "",
                ],
                ...result.calls.map((call) => [
                    CALL_LABELS[call.call],
                    `${mb(call.rssPeakGrowth.median)} (${quartiles(call.rssPeakGrowth, mb)})`,
                    `${times(call.vsClient.median)} (${quartiles(call.vsClient, times)})`,
                    mb(call.heapPeakGrowth.median),
                    `${call.callMs.median.toFixed(0)} ms`,
                    mb(call.answerBytes),
                ]),
            ],
        ),
    ].join("\n");
}

/**
 * The larger listing beside the target's: memory and time per 1,000 items at each size, and their ratio (1.00x is
 * linear); a ratio above 1.25x is called out as growing worse than linearly.
 */
export function scalingTable(base: ProviderMemoryResult, large: ProviderMemoryResult): string {
    const perThousand = (value: number, items: number) => (value * 1000) / items;
    const rows: string[][] = [];
    const worse: string[] = [];
    const row = (label: string, baseRss: number, largeRss: number, baseMs: number, largeMs: number) => {
        const rssRatio = perThousand(largeRss, large.items) / perThousand(baseRss, base.items);
        const msRatio = perThousand(largeMs, large.items) / perThousand(baseMs, base.items);
        if (rssRatio > 1.25 || msRatio > 1.25) worse.push(`${label} (memory ${times(rssRatio)}, time ${times(msRatio)})`);
        rows.push([label, mb(largeRss), `${(largeMs / 1000).toFixed(1)} s`, times(rssRatio), times(msRatio)]);
    };
    row("the client alone", base.client.rssPeakGrowth.median, large.client.rssPeakGrowth.median, base.client.listMs.median, large.client.listMs.median);
    for (const call of large.calls) {
        const at = base.calls.find((c) => c.call === call.call);
        if (at) row(CALL_LABELS[call.call], at.rssPeakGrowth.median, call.rssPeakGrowth.median, at.callMs.median, call.callMs.median);
    }
    return [
        `The same at ${large.items} verifications, once each (${large.client.rssPeakGrowth.n} run), against the ${base.items}-item medians above, per 1,000 items (1.00x is linear):`,
        "",
        table([`Call at ${large.items} items`, "Peak RSS growth", "Time", "memory per item ÷ at the smaller", "time per item ÷ at the smaller"], rows),
        "",
        worse.length === 0
            ? "Nothing grows worse than linearly (every per-item ratio at most 1.25x)."
            : `Worse than linear (a per-item ratio above 1.25x): ${worse.join("; ")}.`,
    ].join("\n");
}
