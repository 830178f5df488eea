/** The issue's performance targets, each judged PASS or FAIL from the measurements. */
import type { CliResult, RequireResult } from "./measure-startup";
import type { CpuResult } from "./measure-cpu";
import type { MemoryResult, ProviderSizeResult } from "./measure-footprint";
import type { WallResult } from "./measure-wall";
import type { RateLimitResult } from "./measure-rate-limit";
import type { PluginStartupResult } from "./measure-plugin-startup";
import type { TerraformHandshakeResult } from "./measure-terraform-handshake";
import { protocolWork, TerraformPlanResult } from "./measure-terraform-plan";
import type { BenchOptions } from "./options";
import type { ProviderMemoryResult } from "./measure-provider-memory";
import { providerMemoryVerdicts } from "./report-provider-memory";

export interface Measurements {
    options: BenchOptions;
    concurrency: number;
    idealMs: number;
    wall: WallResult[];
    cpu: CpuResult[];
    require: RequireResult;
    cli: CliResult;
    provider: ProviderSizeResult;
    memory: MemoryResult[];
    /** The providers' calls beside the client, at `memoryItems`. */
    providerMemory: ProviderMemoryResult;
    /** The same at `largeItems`, once each (absent when skipped). */
    largeProviderMemory?: ProviderMemoryResult;
    rateLimited: RateLimitResult;
    pluginStartup: PluginStartupResult;
    terraformHandshake: TerraformHandshakeResult;
    terraformPlan: TerraformPlanResult;
}

export interface TargetVerdict {
    target: string;
    measured: string;
    pass: boolean;
    /** Set when the run's settings differ from those the target is defined for. */
    caveat?: string;
}

const KB = 1000;
const MB = 1000 * 1000;

function wallOf(m: Measurements, key: WallResult["key"]): WallResult {
    const found = m.wall.find((w) => w.key === key);
    if (!found) throw new Error(`no wall-clock result for ${key}`);
    return found;
}

function memoryOf(m: Measurements, client: MemoryResult["client"]): MemoryResult {
    const found = m.memory.find((r) => r.client === client);
    if (!found) throw new Error(`no memory result for ${client}`);
    return found;
}

function cpuOf(m: Measurements, key: CpuResult["key"]): CpuResult {
    const found = m.cpu.find((c) => c.key === key);
    if (!found) throw new Error(`no CPU result for ${key}`);
    return found;
}

/** The `tofu plan` target: the Node.js plan over its floor, with the Go comparator's ratio for reference. */
function terraformPlanVerdict(plan: TerraformPlanResult): TargetVerdict {
    const target = "`tofu plan` of one page within 1.3x of its floor (a plan with no provider + three bare `node -e 0`)";
    if (!plan.measured) return { target, measured: `not measured: ${plan.reason}`, pass: false };
    const go = "plan" in plan.go ? plan.go : undefined;
    const work = protocolWork(plan);
    return {
        target,
        measured:
            `${plan.node.median.toFixed(0)} ms vs floor ${plan.floor.median.toFixed(0)} ms: ${plan.nodeVsFloor.median.toFixed(2)}x (median of ${plan.nodeVsFloor.n} same-round ratios, quartiles ${plan.nodeVsFloor.q1.toFixed(2)}-${plan.nodeVsFloor.q3.toFixed(2)}); ` +
            (go
                ? `the Go comparator plans in ${go.plan.median.toFixed(0)} ms: Node.js ÷ Go ${go.nodeVsGo.median.toFixed(2)}x; ` +
                  `the goal leaves ${work?.goalRoomMs.toFixed(0)} ms beyond three bare starts, where Go's plan spends ${work?.goWorkMs.toFixed(0)} ms beyond its own three starts`
                : `Go comparator not measured (${"skipped" in plan.go ? plan.go.skipped : ""})`),
        pass: plan.nodeVsFloor.median <= 1.3,
    };
}

export function judge(m: Measurements): TargetVerdict[] {
    const defaults = wallOf(m, "default").ms.median;
    const official = wallOf(m, "official").ms.median;
    const pages = wallOf(m, "default").pages;
    const vsIdeal = defaults / m.idealMs;
    const speedup = official / defaults;
    const cpuRatio = cpuOf(m, "default").usPerPage / cpuOf(m, "official").usPerPage;
    const pulumiLoads = m.cli.checks.filter((c) => c.pulumiModules.length > 0 || c.exitCode !== 0);
    const standardListing = pages === 100 && m.options.latencyMs === 20;
    const memory = memoryOf(m, "package");
    const officialMemory = memoryOf(m, "official");
    const floor = m.cpu.find((c) => c.key === "floor");
    const vsFloor = cpuOf(m, "default").vsFloor;
    const added = m.require.addedInProcess.median;
    const rl = m.rateLimited;
    const rlRatio = rl.seconds.median / rl.floorSeconds;
    return [
        {
            target: "Default listing within 1.2x of the ideal schedule",
            measured: `${defaults.toFixed(0)} ms vs ideal ${m.idealMs.toFixed(0)} ms = ${vsIdeal.toFixed(2)}x`,
            pass: vsIdeal <= 1.2,
        },
        {
            target: "At least 3.5x faster than the official-client loop (100 pages, 20 ms)",
            measured: `${official.toFixed(0)} ms / ${defaults.toFixed(0)} ms = ${speedup.toFixed(2)}x`,
            pass: speedup >= 3.5,
            ...(standardListing ? {} : { caveat: `measured at ${pages} pages and ${m.options.latencyMs} ms` }),
        },
        {
            target: "Under a service limit of R requests/s, P pages complete within 1.5x of P / R, at most one throttled answer per page",
            measured: `R = ${rl.requestsPerSecond}/s, P = ${rl.pages}: ${rl.seconds.median.toFixed(2)} s vs ${rl.floorSeconds.toFixed(2)} s = ${rlRatio.toFixed(2)}x; ${rl.throttledPerPage.max.toFixed(2)} throttled answers per page at most`,
            pass: rlRatio <= 1.5 && rl.throttledPerPage.max <= 1,
        },
        {
            // The floor (keep-alive node:http, the signer, JSON.parse, nothing else) costs about 0.9x the official
            // client on this machine, so what the package can be held to is the official client and the floor.
            target: "Client CPU per page at most the official client's, and within 1.15x of the bare floor",
            measured:
                `${cpuOf(m, "default").usPerPage.toFixed(0)} µs vs official ${cpuOf(m, "official").usPerPage.toFixed(0)} µs = ${cpuRatio.toFixed(2)}x` +
                (floor && vsFloor
                    ? `; bare node:http floor ${floor.usPerPage.toFixed(0)} µs: ${vsFloor.median.toFixed(2)}x the floor (median of ${vsFloor.n} same-round ratios, quartiles ${vsFloor.q1.toFixed(2)}-${vsFloor.q3.toFixed(2)})`
                    : "; no floor measured"),
            pass: cpuRatio <= 1 && vsFloor !== undefined && vsFloor.median <= 1.15,
        },
        {
            target: "The provider plugin prints its port within 300 ms of spawn (median)",
            measured: `${m.pluginStartup.plugin.median.toFixed(0)} ms; a bare \`node -e\` prints a line in ${m.pluginStartup.bareNode.median.toFixed(0)} ms: ${(m.pluginStartup.plugin.median / m.pluginStartup.bareNode.median).toFixed(2)}x`,
            pass: m.pluginStartup.plugin.median < 300,
        },
        {
            target: "The Terraform provider's executable prints its handshake line (AutoMTLS) within 1.5x of a bare `node -e 0` (medians)",
            measured: `${m.terraformHandshake.provider.median.toFixed(0)} ms vs ${m.terraformHandshake.bareNode.median.toFixed(0)} ms: ${(m.terraformHandshake.provider.median / m.terraformHandshake.bareNode.median).toFixed(2)}x (same-round ratios: median ${m.terraformHandshake.perRound.median.toFixed(2)}x, quartiles ${m.terraformHandshake.perRound.q1.toFixed(2)}-${m.terraformHandshake.perRound.q3.toFixed(2)})`,
            pass: m.terraformHandshake.provider.median / m.terraformHandshake.bareNode.median <= 1.5,
        },
        terraformPlanVerdict(m.terraformPlan),
        {
            target: "require() adds at most 50 ms over @pulumi/pulumi + @pulumi/pulumi/dynamic",
            measured: `${added.toFixed(1)} ms (median over fresh processes of the time to require the package after them; difference of medians across processes: ${m.require.addedMs.toFixed(1)} ms)`,
            pass: added <= 50,
        },
        {
            target: "CLI never loads @pulumi/pulumi and answers --version within 150 ms",
            measured:
                `--version ${m.cli.versionMs.median.toFixed(0)} ms; @pulumi modules loaded: ` +
                m.cli.checks.map((c) => `${c.command}: ${c.pulumiModules.length}${c.exitCode === 0 ? "" : ` (exit ${String(c.exitCode)})`}`).join(", "),
            pass: pulumiLoads.length === 0 && m.cli.versionMs.median <= 150,
        },
        {
            target: "Serialized dynamic provider under 8 KB",
            measured: `${m.provider.bytes} bytes`,
            pass: m.provider.bytes < 8 * KB && !m.provider.containsSecrets && !m.provider.capturesRepoPath,
        },
        {
            target: "Memory growth under 60 MB for 100,000 items",
            measured:
                `peak RSS +${(memory.rssPeakGrowth.median / MB).toFixed(1)} MB, median of ${memory.rssPeakGrowth.n} ` +
                `(V8 heapUsed peak +${(memory.heapPeakGrowth.median / MB).toFixed(1)} MB; official loop: RSS +${(officialMemory.rssPeakGrowth.median / MB).toFixed(1)} MB, heap +${(officialMemory.heapPeakGrowth.median / MB).toFixed(1)} MB)`,
            pass: memory.rssPeakGrowth.median < 60 * MB,
            ...(memory.items === 100_000 ? {} : { caveat: `measured with ${memory.items} items` }),
        },
        ...providerMemoryVerdicts(m.providerMemory),
    ];
}
