/** Formats the measurements as Markdown tables (printed, and written to bench/RESULTS.md). */
import { cpus, loadavg, release } from "node:os";
import type { Summary } from "./stats";
import type { Measurements, TargetVerdict } from "./targets";
import { terraformTables } from "./report-terraform";
import { providerMemoryTable, scalingTable } from "./report-provider-memory";

export interface Machine {
    date: string;
    node: string;
    cpu: string;
    cores: number;
    os: string;
    /** The 1, 5 and 15 minute load averages when the report is written (other work on the machine). */
    load: string;
}

export function describeMachine(): Machine {
    const all = cpus();
    return {
        date: new Date().toISOString(),
        node: process.version,
        cpu: all[0]?.model.trim() ?? "unknown",
        cores: all.length,
        os: `${process.platform} ${release()} ${process.arch}`,
        load: loadavg()
            .map((x) => x.toFixed(2))
            .join(", "),
    };
}

const ms = (x: number) => `${x.toFixed(0)}`;
const spread = (s: Summary, f: (x: number) => string = ms) => `${f(s.min)}–${f(s.max)}`;
const iqr = (s: Summary, f: (x: number) => string = ms) => `${f(s.q1)}–${f(s.q3)}`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function table(header: string[], rows: string[][]): string {
    const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The result tables, without the header or the verdicts. */
export function resultTables(m: Measurements): string {
    const o = m.options;
    const pages = m.wall.find((w) => w.key === "default")?.pages ?? 0;
    const defaults = m.wall.find((w) => w.key === "default")?.ms.median ?? Number.NaN;
    const official = m.wall.find((w) => w.key === "official")?.ms.median ?? Number.NaN;
    const sequential = m.wall.find((w) => w.key === "sequential")?.ms.median ?? Number.NaN;
    const rounds = 1 + Math.ceil(Math.max(0, pages - 1) / m.concurrency);
    const achievable = rounds * (sequential / Math.max(1, pages));
    const wallRows = m.wall.map((w) => [
        w.label,
        ms(w.ms.median),
        spread(w.ms),
        iqr(w.ms),
        `${(w.ms.median / m.idealMs).toFixed(2)}x`,
        `${(w.ms.median / defaults).toFixed(2)}x`,
        `${(official / w.ms.median).toFixed(2)}x`,
    ]);
    wallRows.push([
        `ideal schedule: (1 + ceil((${pages} - 1) / ${m.concurrency})) × ${o.latencyMs} ms`,
        ms(m.idealMs),
        "",
        "",
        "1.00x",
        `${(m.idealMs / defaults).toFixed(2)}x`,
        `${(official / m.idealMs).toFixed(2)}x`,
    ]);
    const cpuDefault = m.cpu.find((c) => c.key === "default")?.usPerPage ?? Number.NaN;
    const cpuOfficial = m.cpu.find((c) => c.key === "official")?.usPerPage ?? Number.NaN;
    const r = m.require;
    return [
        `### Complete listing: ${o.items} items, page size ${o.pageSize} (${pages} pages), ${o.latencyMs} ms latency, ${o.runs} timed runs each`,
        "",
        table(["Contender", "Median ms", "Min–max ms", "IQR ms", "÷ ideal", "÷ package default", "official loop ÷ this"], wallRows),
        "",
        `### A service that allows ${m.rateLimited.requestsPerSecond} requests per second (emulator token bucket, starting full), ${m.rateLimited.pages} pages of 10, package defaults`,
        "",
        table(
            ["Measure", "Median", "Min–max"],
            [
                ["seconds to a complete listing", m.rateLimited.seconds.median.toFixed(2), spread(m.rateLimited.seconds, (x) => x.toFixed(2))],
                ["÷ P / R", (m.rateLimited.seconds.median / m.rateLimited.floorSeconds).toFixed(2), ""],
                ["throttled answers per page", m.rateLimited.throttledPerPage.median.toFixed(2), spread(m.rateLimited.throttledPerPage, (x) => x.toFixed(2))],
            ],
        ),
        "",
        `### Client CPU per page (this process's user+system CPU; emulator in another process at 0 ms; ${o.cpuItems} items; ${o.cpuRuns} rounds, one listing per contender each)`,
        "",
        table(
            ["Contender", "Pages measured", "CPU µs per page, median", "Min–max", "IQR", "÷ official", "÷ floor, same round (median, IQR)"],
            m.cpu.map((c) => [
                c.label,
                String(c.pages),
                c.usPerPage.toFixed(0),
                spread(c.perPage),
                iqr(c.perPage),
                (c.usPerPage / cpuOfficial).toFixed(2),
                c.vsFloor ? `${c.vsFloor.median.toFixed(2)} (${c.vsFloor.q1.toFixed(2)}–${c.vsFloor.q3.toFixed(2)})` : "",
            ]),
        ),
        "",
        `### Start-up (fresh child processes, ${r.pulumi.n} runs each)`,
        "",
        table(
            ["Measure", "Median", "Min–max", "IQR"],
            [
                ['require("@pulumi/pulumi") + require("@pulumi/pulumi/dynamic")', `${ms(r.pulumi.median)} ms`, spread(r.pulumi), iqr(r.pulumi)],
                ["require(dist/sdk/index.js), the package's main", `${ms(r.pkg.median)} ms`, spread(r.pkg), iqr(r.pkg)],
                [
                    "**added by the package**: require(dist/sdk/index.js) after those two, same fresh process (the target's measure)",
                    `**${r.addedInProcess.median.toFixed(1)} ms**`,
                    spread(r.addedInProcess, (x) => x.toFixed(1)),
                    iqr(r.addedInProcess, (x) => x.toFixed(1)),
                ],
                ["added, as the difference of the two medians above (noisier: processes vary by tens of ms)", `${r.addedMs.toFixed(1)} ms`, "", ""],
                [
                    "Provider plugin: spawn to its port line (`node dist/provider/plugin/main.js`)",
                    `${ms(m.pluginStartup.plugin.median)} ms`,
                    spread(m.pluginStartup.plugin),
                    iqr(m.pluginStartup.plugin),
                ],
                [
                    "Bare `node -e` printing a line (the floor of any Node.js plugin)",
                    `${ms(m.pluginStartup.bareNode.median)} ms`,
                    spread(m.pluginStartup.bareNode),
                    iqr(m.pluginStartup.bareNode),
                ],
                [
                    `CLI \`--version\` wall time (spawn to exit; printed ${m.cli.version})`,
                    `${ms(m.cli.versionMs.median)} ms`,
                    spread(m.cli.versionMs),
                    iqr(m.cli.versionMs),
                ],
            ],
        ),
        "",
        `Packages the package loads beyond @pulumi/pulumi's: ${r.addedPackages.length > 0 ? r.addedPackages.join(", ") : "none"}.`,
        "",
        `CLI modules (require.cache at exit): ${m.cli.checks.map((c) => `\`${c.command}\` ${c.modules} modules, ${c.pulumiModules.length} from @pulumi`).join("; ")}.`,
        "",
        terraformTables(m.terraformHandshake, m.terraformPlan),
        "",
        "### Footprint",
        "",
        table(
            ["Measure", "Value"],
            [
                [
                    "Serialized dynamic provider (`__provider` text)",
                    `${m.provider.bytes} bytes${m.provider.containsSecrets ? " (contains secrets!)" : ""}${m.provider.capturesRepoPath ? " (captures a local path!)" : ""}`,
                ],
            ],
        ),
        "",
        `Memory growth of one complete listing of ${m.memory[0]?.items ?? 0} items (${m.memory[0]?.pages ?? 0} pages, 0 ms latency), each in a fresh child process, ${m.memory[0]?.rssPeakGrowth.n ?? 0} runs per client:`,
        "",
        table(
            ["Client", "Peak RSS growth, median (min–max)", "Peak V8 heapUsed growth, median (min–max)", "heapUsed retained (result held), median"],
            m.memory.map((r) => [
                r.client === "package" ? "this package, defaults" : "official client loop (reference)",
                `${mb(r.rssPeakGrowth.median)} (${spread(r.rssPeakGrowth, mb)})`,
                `${mb(r.heapPeakGrowth.median)} (${spread(r.heapPeakGrowth, mb)})`,
                mb(r.heapRetained.median),
            ]),
        ),
        "",
        providerMemoryTable(m.providerMemory),
        "",
        ...(m.largeProviderMemory ? [scalingTable(m.providerMemory, m.largeProviderMemory), ""] : []),
        `Ratios: official loop ÷ package default ${(official / defaults).toFixed(2)}x; package default ÷ ideal ${(defaults / m.idealMs).toFixed(2)}x; package CPU ÷ official CPU ${(cpuDefault / cpuOfficial).toFixed(2)}.`,
        "",
        `The ideal schedule counts latency only. At the round trip the sequential listing measured (${(sequential / pages).toFixed(1)} ms per page, which adds the emulator's and the client's work and timer slack to the ${o.latencyMs} ms), the same schedule takes ${ms(achievable)} ms; the package default is ${(defaults / achievable).toFixed(2)}x that.`,
    ].join("\n");
}

export function verdictTable(verdicts: TargetVerdict[]): string {
    return table(
        ["Target", "Measured", "Verdict"],
        verdicts.map((v) => [v.target, v.measured + (v.caveat ? ` (note: ${v.caveat})` : ""), v.pass ? "PASS" : "**FAIL**"]),
    );
}

export function resultsMarkdown(machine: Machine, m: Measurements, verdicts: TargetVerdict[], buildNote: string | undefined, command: string): string {
    return [
        "# Benchmark results",
        "",
        `Written by \`${command}\` (see bench/README.md for what each number means).`,
        "",
        `- Date: ${machine.date}`,
        `- Node: ${machine.node}`,
        `- CPU: ${machine.cpu}, ${machine.cores} cores`,
        `- OS: ${machine.os}`,
        `- Load average (1, 5, 15 min) at the end of the run: ${machine.load}`,
        ...(buildNote ? [`- **Build: ${buildNote}**`] : ["- Build: `npm run build` succeeded"]),
        "",
        "## Targets",
        "",
        verdictTable(verdicts),
        "",
        "## Measurements",
        "",
        resultTables(m),
        "",
    ].join("\n");
}
