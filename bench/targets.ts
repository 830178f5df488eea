/** The issue's performance targets, each judged PASS or FAIL from the measurements. */
import type { CliResult, RequireResult } from "./measure-startup";
import type { CpuResult } from "./measure-cpu";
import type { MemoryResult, ProviderSizeResult } from "./measure-footprint";
import type { WallResult } from "./measure-wall";
import type { RateLimitResult } from "./measure-rate-limit";
import type { PluginStartupResult } from "./measure-plugin-startup";
import type { TerraformHandshakeResult } from "./measure-terraform-handshake";
import { FLOOR_OF, type TerraformPlanResult } from "./measure-terraform-plan";
import type { Summary } from "./stats";
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

const fixed = (x: number, digits = 0) => x.toFixed(digits);
const quartiles = (s: Summary) => `${s.n} rounds, quartiles ${fixed(s.q1, 2)}-${fixed(s.q3, 2)}`;

/**
 * The `tofu plan` targets: a provider's work per plan (its plan, less tofu's no-provider plan, less three of its own
 * starts, each round's) at most `limit` times the Go comparator's, judged on the ratio of the two works' medians: a
 * work is a small difference of larger times, so one slow spawn can make a round's work, and a same-round ratio
 * with Go's in its denominator, meaningless (even negative), where the median over the rounds holds. The quartiles
 * of both works and the same-round ratios are reported beside it, and the whole plan's and plan + `tofu show
 * -json`'s same-round ratios to Go.
 */
export function providerWorkVerdict(plan: TerraformPlanResult, key: "npm" | "release", limit: number, nodeVersion: string): TargetVerdict {
    const who = key === "release" ? "the release's linux-x64 executable" : "the npm package's provider under Node.js 20";
    const target = `Provider work per \`tofu plan\` (plan − tofu's no-provider plan − 3 × its own spawn-to-handshake), ${who}: at most ${limit}x the Go comparator's`;
    if (!plan.measured) return { target, measured: `not measured: ${plan.reason}`, pass: false };
    const mine = plan.providers.find((p) => p.key === key);
    const go = plan.providers.find((p) => p.key === "go");
    const versus = plan.versusGo[key];
    if (!mine || !go || !versus) return { target, measured: `not measured: ${plan.skipped[key] ?? plan.skipped.go ?? "no Go comparator"}`, pass: false };
    const caveat = key === "npm" && !nodeVersion.startsWith("v20.") ? `measured under Node.js ${nodeVersion}, not 20` : undefined;
    const ratio = mine.work.median / go.work.median;
    const range = (s: Summary) => `quartiles ${fixed(s.q1)}-${fixed(s.q3)} ms`;
    const floor = plan.providers.find((p) => p.key === FLOOR_OF[key]);
    const floorText = floor
        ? `; the floor on the same Node.js (floor-provider.ts: the handshake, TLS, HTTP/2, answers with no work) ${fixed(floor.work.median)} ms ` +
          `(${range(floor.work)}) = ${fixed(floor.work.median / go.work.median, 2)}x Go's, so this provider's work beyond the floor is ` +
          `${fixed(mine.work.median - floor.work.median)} ms, where the target leaves ${fixed(limit * go.work.median - floor.work.median)} ms`
        : `; the floor was not measured: ${plan.skipped[FLOOR_OF[key]] ?? "unknown"}`;
    return {
        target,
        measured:
            `${fixed(mine.work.median)} ms (${range(mine.work)}; medians ${fixed(mine.plan.median)} − ${fixed(plan.noProvider.median)} − 3 × ${fixed(mine.start.median)}) ` +
            `vs Go ${fixed(go.work.median)} ms (${range(go.work)}; ${fixed(go.plan.median)} − ${fixed(plan.noProvider.median)} − 3 × ${fixed(go.start.median)}): ` +
            `${fixed(ratio, 2)}x (same-round ratios: ${fixed(versus.work.median, 2)}x, ${quartiles(versus.work)}); ` +
            `whole plan ÷ Go's ${fixed(versus.plan.median, 2)}x (quartiles ${fixed(versus.plan.q1, 2)}-${fixed(versus.plan.q3, 2)}); ` +
            `plan + \`tofu show -json\` ${fixed(mine.planAndShow.median)} ms ÷ Go's ${fixed(go.planAndShow.median)} ms: ${fixed(versus.planAndShow.median, 2)}x (quartiles ${fixed(versus.planAndShow.q1, 2)}-${fixed(versus.planAndShow.q3, 2)})` +
            floorText,
        pass: go.work.median > 0 && ratio <= limit,
        ...(caveat ? { caveat } : {}),
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
        providerWorkVerdict(m.terraformPlan, "release", 1.5, process.version),
        providerWorkVerdict(m.terraformPlan, "npm", 2, process.version),
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
