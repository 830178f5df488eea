/**
 * `node bench/dist/profile-plan-starts.js` (after `tsc -p bench/tsconfig.json`; `npm run bench:profile` does both):
 * where the time of a `tofu plan` goes, start by start. The npm package's provider is planned `BENCH_PROFILE_RUNS`
 * times (default 7) against the emulator (one page), then planned and shown (`tofu show -json`, a fourth start),
 * each provider process run with the preload probes/trace-start.ts (through NODE_OPTIONS, which the CLI passes on),
 * which records every module's first load, the handshake line, the HTTP/2 server's making, the TLS handshake and
 * every RPC. Prints, per start, the medians over the runs: the phases from spawn to exit, each RPC's time, and what
 * loaded (by group: `node:http2`, TLS, zod, undici, the credentials library, msgpack, the client, the provider)
 * with its own time (a module's time less that of the modules it loaded), before and after the handshake line.
 * The preload's own cost is in every figure (a few ms); the table is for where the time goes, `npm run bench` for
 * how long a plan takes. `BENCH_PROFILE_MAIN` names another main script (an old build's, to compare). Beside it,
 * from the CLI's log alone: the npm package untraced, the release executable, the Go comparator and the floor
 * (`floor-provider.ts`) on the bench's Node.js and on the release's; `BENCH_PROFILE_PROVIDERS` picks among them.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withEmulator } from "./emulator-process";
import { NODE, PROBES, TERRAFORM_MAIN } from "./paths";
import type { ModuleLoad, StartTrace } from "./probes/trace-start";
import { summarize } from "./stats";
import {
    buildGoComparator,
    findReleaseNode,
    findTofu,
    installReleaseExecutable,
    planEnv,
    PROVIDER_EXECUTABLE,
    terraformScratch,
    writeCliConfig,
    writeDataSourceConfig,
    writeFloorProvider,
} from "./terraform-setup";

/** Verifications the emulator holds: one page (the floors report the same count). */
const ITEMS = 20;

/** GNU time, when the machine has it: the CPU time of the CLI and the providers it waited for. */
const GNU_TIME = "/usr/bin/time";

/**
 * Runs a command; resolves with its wall-clock span (epoch ms) and, under GNU time, the CPU seconds (user + system)
 * of it and of the children it waited for (the providers), once it exits 0. CPU time says less about the machine's
 * other work than wall time does.
 */
function run(
    command: string,
    args: readonly string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
): Promise<{ start: number; end: number; stdout: string; cpu: number }> {
    const cpuFile = join(cwd, ".cpu");
    const timed = existsSync(GNU_TIME);
    const [file, argv] = timed ? [GNU_TIME, ["-f", "%U %S", "-o", cpuFile, command, ...args]] : [command, [...args]];
    return new Promise((resolve, reject) => {
        const start = Date.now();
        const child = spawn(file, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("exit", (code) => {
            if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited ${String(code)}: ${stderr.slice(0, 800)}`));
            const cpu = timed
                ? readFileSync(cpuFile, "utf8")
                      .trim()
                      .split(/\s+/)
                      .reduce((sum, x) => sum + Number(x), 0)
                : NaN;
            resolve({ start, end: Date.now(), stdout, cpu });
        });
    });
}

/** The groups the loads are reported by, first match wins. */
const GROUPS: readonly [string, (id: string) => boolean][] = [
    ["node:http2", (id) => id === "node:http2"],
    ["node:tls", (id) => id === "node:tls" || id === "node:_tls_common" || id === "node:_tls_wrap"],
    ["node:crypto", (id) => id === "node:crypto"],
    ["other built-ins", (id) => id.startsWith("node:")],
    ["zod", (id) => id.includes("/node_modules/zod/")],
    ["undici", (id) => id.includes("/node_modules/undici/")],
    ["@alicloud/credentials and its dependencies", (id) => /\/node_modules\/(@alicloud|httpx|kitx|ini|@darabonba)\//.test(id)],
    ["@msgpack/msgpack", (id) => id.includes("/node_modules/@msgpack/")],
    ["other packages", (id) => id.includes("/node_modules/")],
    ["client: provider/alibaba-client/options", (id) => id.includes("/alibaba-client/options/")],
    ["client: provider/alibaba-client/outputs", (id) => id.includes("/alibaba-client/outputs/")],
    ["client: provider/alibaba-client/credentials", (id) => id.includes("/alibaba-client/credentials/")],
    ["client: provider/alibaba-client (the rest)", (id) => id.includes("/alibaba-client/")],
    [
        "provider: schema (provider-schema, output-attributes, terraform-names)",
        (id) => /\/terraform\/(provider-schema|output-attributes|terraform-names)\.js$/.test(id),
    ],
    ["provider: codec (tfplugin6-codec, descriptor, protobuf-wire)", (id) => /\/terraform\/(tfplugin6-codec|tfplugin6-descriptor|protobuf-wire)\.js$/.test(id)],
    ["provider: gRPC server (stream handler, message reader, headers)", (id) => /\/terraform\/grpc-/.test(id)],
    ["provider: the rest", (id) => id.includes("/provider/") && !id.endsWith("/terraform/main.js")],
    ["the main script's own code (the certificate, the socket, the listener)", (id) => id.endsWith("/main.js")],
    ["other", () => true],
];

function groupOf(id: string): string {
    return (GROUPS.find(([, test]) => test(id)) as (typeof GROUPS)[number])[0];
}

/** Each load's own time: its inclusive time less that of the loads one level deeper within its span. */
function ownTimes(modules: readonly ModuleLoad[]): { load: ModuleLoad; own: number }[] {
    return modules.map((load) => {
        const end = load.start + load.ms;
        const children = modules.filter((m) => m.depth === load.depth + 1 && m.start >= load.start && m.start + m.ms <= end + 1e-6);
        return { load, own: load.ms - children.reduce((sum, m) => sum + m.ms, 0) };
    });
}

/** One start's figures, ms. */
interface StartFigures {
    phases: Map<string, number>;
    rpcs: Map<string, number>;
    /** Own load time per group, before and after the handshake line. */
    loadsBefore: Map<string, number>;
    loadsAfter: Map<string, number>;
    moduleCount: number;
    /** The RPCs in the order they began. */
    rpcOrder: string[];
}

function add(map: Map<string, number>, key: string, value: number): void {
    map.set(key, (map.get(key) ?? 0) + value);
}

/** The figures of one provider process, its times relative to `spawnedAt` (the CLI's start is not the process's). */
function figuresOf(trace: StartTrace): StartFigures {
    const phases = new Map<string, number>();
    const line = trace.handshakeLine ?? NaN;
    const firstRpc = trace.rpcs[0]?.start ?? NaN;
    const providerRpcs = trace.rpcs.filter((r) => r.method !== "Shutdown");
    const lastRpc = providerRpcs.length > 0 ? Math.max(...providerRpcs.map((r) => r.end)) : NaN;
    const shutdown = trace.rpcs.find((r) => r.method === "Shutdown");
    phases.set("process start to V8 start", trace.node.v8Start - trace.origin);
    phases.set("V8 start to Node.js bootstrap complete", trace.node.bootstrapComplete - trace.node.v8Start);
    phases.set("bootstrap complete to main script start", (trace.mainStart ?? NaN) - trace.node.bootstrapComplete);
    phases.set("main script start to handshake line", line - (trace.mainStart ?? NaN));
    phases.set("process start to handshake line", line - trace.origin);
    if (trace.prepare) phases.set("HTTP/2 server made (node:http2, TLS context, stream handler)", trace.prepare.end - trace.prepare.start);
    const connection = trace.connections[0];
    if (connection?.secure !== undefined) phases.set("TLS handshake (connection handed to TLS to secure)", connection.secure - connection.accepted);
    phases.set("handshake line to first RPC (CLI reads the line, dials, TLS)", firstRpc - line);
    phases.set("first RPC start to last provider RPC end", lastRpc - firstRpc);
    phases.set("last provider RPC end to Shutdown", (shutdown?.start ?? NaN) - lastRpc);
    phases.set("Shutdown to exit", (trace.exit ?? NaN) - (shutdown?.start ?? NaN));
    phases.set("process start to exit", (trace.exit ?? NaN) - trace.origin);
    phases.set("GC", trace.gcMs);
    const rpcs = new Map<string, number>();
    for (const rpc of trace.rpcs) add(rpcs, rpc.method, rpc.end - rpc.start);
    const loadsBefore = new Map<string, number>();
    const loadsAfter = new Map<string, number>();
    for (const { load, own } of ownTimes(trace.modules)) add(load.start < line ? loadsBefore : loadsAfter, groupOf(load.id), own);
    const rpcOrder = [...trace.rpcs].sort((a, b) => a.start - b.start).map((r) => r.method);
    return { phases, rpcs, loadsBefore, loadsAfter, moduleCount: trace.modules.length, rpcOrder };
}

/** The provider processes of one CLI run, by start time. */
function tracesIn(dir: string): StartTrace[] {
    return readdirSync(dir)
        .map((file) => JSON.parse(readFileSync(join(dir, file), "utf8")) as StartTrace)
        .sort((a, b) => a.origin - b.origin);
}

const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : "-");

/** Medians over runs of each key (a key absent from a run counts as absent, not 0, except for loads: 0). */
function medianRows(samples: readonly Map<string, number>[], zeroWhenAbsent: boolean): [string, number, number, number][] {
    const keys = [...new Set(samples.flatMap((m) => [...m.keys()]))];
    return keys.flatMap((key): [string, number, number, number][] => {
        const values = samples.map((m) => m.get(key) ?? (zeroWhenAbsent ? 0 : NaN)).filter((v) => Number.isFinite(v));
        if (values.length === 0) return [[key, NaN, NaN, NaN]];
        const s = summarize(values);
        return [[key, s.median, s.q1, s.q3]];
    });
}

function table(header: string[], rows: string[][]): string {
    const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The markdown of one start, from its figures over the runs. */
function startSection(title: string, figures: readonly StartFigures[]): string {
    const rows = (samples: Map<string, number>[], zero: boolean, minMs = 0) =>
        medianRows(samples, zero)
            .filter(([, median]) => !(median < minMs))
            .map(([key, median, q1, q3]) => [key, fmt(median), `${fmt(q1)}–${fmt(q3)}`]);
    const rpcRows = medianRows(
        figures.map((f) => f.rpcs),
        false,
    ).sort(([a], [b]) => (figures[0]?.rpcOrder.indexOf(a) ?? 0) - (figures[0]?.rpcOrder.indexOf(b) ?? 0));
    const loads = (pick: (f: StartFigures) => Map<string, number>) => rows(figures.map(pick), true, 0.05).sort((a, b) => Number(b[1]) - Number(a[1]));
    const total = (pick: (f: StartFigures) => Map<string, number>) =>
        fmt(summarize(figures.map((f) => [...pick(f).values()].reduce((s, v) => s + v, 0))).median);
    return [
        `### ${title} (${figures.length} runs; medians, quartiles)`,
        "",
        table(
            ["phase", "ms", "IQR"],
            rows(
                figures.map((f) => f.phases),
                false,
            ),
        ),
        "",
        table(
            ["RPC (in order)", "ms", "IQR"],
            rpcRows.map(([key, median, q1, q3]) => [key, fmt(median), `${fmt(q1)}–${fmt(q3)}`]),
        ),
        "",
        `Modules loaded: ${summarize(figures.map((f) => f.moduleCount)).median} (median). Own load time by group, before the handshake line (total ${total((f) => f.loadsBefore)} ms):`,
        "",
        table(
            ["loaded before the line", "ms", "IQR"],
            loads((f) => f.loadsBefore),
        ),
        "",
        `After the line (total ${total((f) => f.loadsAfter)} ms):`,
        "",
        table(
            ["loaded after the line", "ms", "IQR"],
            loads((f) => f.loadsAfter),
        ),
        "",
    ].join("\n");
}

/** One start as the CLI logged it (TF_LOG=trace): epoch ms. */
interface CliStart {
    spawn: number;
    line?: number;
    rpcs: { method: string; at: number }[];
    close?: number;
    exit?: number;
}

const LOG_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) \[\w+\]\s+(.*)$/;

/**
 * The provider starts in a CLI's trace log, in order. tofu logs `GRPCProvider.v6: <RPC>` as it calls; after each
 * call it logs `GetProviderSchema` again for its own cached lookup (the provider says GetProviderSchema is optional:
 * the in-process trace shows no such call), so only a first GetProviderSchema counts as a call.
 */
export function cliStarts(log: string): CliStart[] {
    const starts: CliStart[] = [];
    let current: CliStart | undefined;
    for (const text of log.split("\n")) {
        const match = LOG_LINE.exec(text);
        if (!match) continue;
        const at = Date.parse(match[1] as string);
        const message = match[2] as string;
        if (message.startsWith("provider: starting plugin:")) starts.push((current = { spawn: at, rpcs: [] }));
        else if (!current) continue;
        else if (message.startsWith("provider: using plugin:")) current.line = at;
        else if (message.startsWith("provider: plugin process exited")) current.exit = at;
        else if (message.startsWith("GRPCProvider.v6: ")) {
            const method = message.slice("GRPCProvider.v6: ".length).trim();
            if (method === "Close") current.close = at;
            else if (!(method === "GetProviderSchema" && current.rpcs.length > 0) && current.close === undefined) current.rpcs.push({ method, at });
        }
    }
    return starts;
}

/** The phases of one start in the CLI's view, ms; each RPC until the CLI's next call (or Close). */
function cliPhases(start: CliStart): Map<string, number> {
    const phases = new Map<string, number>();
    phases.set("spawn to the handshake line read", (start.line ?? NaN) - start.spawn);
    phases.set("handshake line to the first call (dial, TLS)", (start.rpcs[0]?.at ?? NaN) - (start.line ?? NaN));
    start.rpcs.forEach((rpc, i) => {
        const next = start.rpcs[i + 1]?.at ?? start.close ?? NaN;
        add(phases, `${rpc.method} (to the next call)`, next - rpc.at);
    });
    phases.set("Close to the process's exit", (start.exit ?? NaN) - (start.close ?? NaN));
    phases.set("spawn to exit", (start.exit ?? NaN) - start.spawn);
    return phases;
}

/** A provider profiled: its folder (for dev_overrides), and what it adds to the environment. */
interface Profiled {
    key: string;
    label: string;
    providerDir: string;
    env: NodeJS.ProcessEnv;
    /** Set for the one traced from inside (the preload). */
    traced?: boolean;
}

const TITLES = ["Start 1 of a plan: the schema", "Start 2: validation", "Start 3: configure and read", "Start 4: `tofu show -json`"];

/** The CLI's view: per start, a table of each provider's medians. */
function cliSection(profiled: readonly Profiled[], phases: Map<string, Map<string, number>[][]>): string {
    const lines: string[] = [];
    for (let k = 0; k < TITLES.length; k++) {
        const keys: string[] = [];
        for (const p of profiled) for (const run of phases.get(p.key) ?? []) for (const key of run[k]?.keys() ?? []) if (!keys.includes(key)) keys.push(key);
        const cell = (p: Profiled, key: string) => {
            const values = (phases.get(p.key) ?? []).map((run) => run[k]?.get(key) ?? NaN).filter((v) => Number.isFinite(v));
            return values.length === 0 ? "" : fmt(summarize(values).median);
        };
        lines.push(
            `#### ${TITLES[k]}`,
            "",
            table(
                ["ms (CLI's log)", ...profiled.map((p) => p.label)],
                keys.map((key) => [key, ...profiled.map((p) => cell(p, key))]),
            ),
            "",
        );
    }
    return lines.join("\n");
}

async function main(): Promise<void> {
    const runs = Number(process.env["BENCH_PROFILE_RUNS"] ?? 7);
    const mainScript = process.env["BENCH_PROFILE_MAIN"] ?? TERRAFORM_MAIN;
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const found = findTofu();
    if ("missing" in found) throw new Error(`no tofu: ${found.missing}`);
    const scratch = terraformScratch();
    const traces = mkdtempSync(join(tmpdir(), "bench-profile-"));
    try {
        const link = join(scratch.nodeProviderDir, PROVIDER_EXECUTABLE);
        unlinkSync(link);
        symlinkSync(mainScript, link);
        const profiled: Profiled[] = [
            {
                key: "traced",
                label: "npm package, traced inside",
                providerDir: scratch.nodeProviderDir,
                env: { NODE_OPTIONS: `-r ${join(PROBES, "trace-start.js")}` },
                traced: true,
            },
            { key: "npm", label: `npm package (Node.js ${process.version})`, providerDir: scratch.nodeProviderDir, env: { NODE_OPTIONS: "" } },
        ];
        const baseline = process.env["BENCH_PROFILE_BASELINE"];
        if (baseline) {
            const dir = join(scratch.root, "baseline-provider");
            mkdirSync(dir);
            symlinkSync(baseline, join(dir, PROVIDER_EXECUTABLE));
            profiled.push({ key: "baseline", label: "npm package, baseline (BENCH_PROFILE_BASELINE)", providerDir: dir, env: { NODE_OPTIONS: "" } });
        }
        const only = (process.env["BENCH_PROFILE_PROVIDERS"] ?? "traced,npm,baseline,release,baselineRelease,go,npmFloor,releaseFloor").split(",");
        const releaseProblem = only.includes("release") ? installReleaseExecutable(scratch.releaseProviderDir) : "not asked for";
        if (releaseProblem) log(`   release executable not profiled: ${releaseProblem}`);
        else profiled.push({ key: "release", label: "release executable", providerDir: scratch.releaseProviderDir, env: { NODE_OPTIONS: "" } });
        const baselineRelease = process.env["BENCH_PROFILE_BASELINE_RELEASE"];
        if (baselineRelease) {
            const dir = join(scratch.root, "baseline-release-provider");
            mkdirSync(dir);
            const problem = installReleaseExecutable(dir, undefined, { BENCH_RELEASE_ARCHIVE: baselineRelease });
            if (problem) throw new Error(`BENCH_PROFILE_BASELINE_RELEASE: ${problem}`);
            profiled.push({
                key: "baselineRelease",
                label: "release executable, baseline (BENCH_PROFILE_BASELINE_RELEASE)",
                providerDir: dir,
                env: { NODE_OPTIONS: "" },
            });
        }
        const goProblem = only.includes("go") ? buildGoComparator(scratch.goProviderDir) : "not asked for";
        if (goProblem) log(`   Go comparator not profiled: ${goProblem}`);
        else profiled.push({ key: "go", label: "Go comparator", providerDir: scratch.goProviderDir, env: {} });
        if (only.includes("npmFloor")) {
            writeFloorProvider(scratch.nodeFloorDir, NODE, ITEMS);
            profiled.push({ key: "npmFloor", label: `floor on Node.js ${process.version}`, providerDir: scratch.nodeFloorDir, env: { NODE_OPTIONS: "" } });
        }
        const releaseNode = only.includes("releaseFloor") ? findReleaseNode() : { missing: "not asked for" };
        if ("missing" in releaseNode) log(`   floor on the release's Node.js not profiled: ${releaseNode.missing}`);
        else {
            writeFloorProvider(scratch.releaseFloorDir, releaseNode.node, ITEMS);
            profiled.push({
                key: "releaseFloor",
                label: `floor on Node.js v${releaseNode.version}`,
                providerDir: scratch.releaseFloorDir,
                env: { NODE_OPTIONS: "" },
            });
        }
        profiled.splice(0, profiled.length, ...profiled.filter((p) => only.includes(p.key)));
        const inside: StartFigures[][] = [];
        const cli = new Map<string, Map<string, number>[][]>(profiled.map((p) => [p.key, []]));
        const spans = new Map<string, { plan: number[]; show: number[]; planCpu: number[] }>(profiled.map((p) => [p.key, { plan: [], show: [], planCpu: [] }]));
        await withEmulator(ITEMS, 0, async (emulator) => {
            for (const p of profiled) {
                p.env = { ...planEnv(writeCliConfig(join(scratch.root, `${p.key}.tfrc`), p.providerDir)), ...p.env };
                writeDataSourceConfig(join(scratch.root, p.key), emulator);
            }
            for (let round = 0; round <= runs; round++) {
                for (let i = 0; i < profiled.length; i++) {
                    const p = profiled[(round + i) % profiled.length] as Profiled;
                    const dir = join(scratch.root, p.key);
                    const traceDir = join(traces, `${p.key}-${round}`);
                    const logFile = join(traces, `${p.key}-${round}.log`);
                    mkdirSync(traceDir);
                    const env = { ...p.env, TF_LOG: "trace", TF_LOG_PATH: logFile, ...(p.traced ? { BENCH_TRACE_DIR: traceDir } : {}) };
                    const plan = await run(found.tofu, ["plan", "-input=false", "-no-color", "-out=plan.out"], dir, env);
                    if (!plan.stdout.includes("total_count = 20")) throw new Error(`the plan did not read the listing:\n${plan.stdout.slice(0, 800)}`);
                    const show = await run(found.tofu, ["show", "-json", "plan.out"], dir, env);
                    JSON.parse(show.stdout);
                    if (round === 0) continue; // the warm-up
                    spans.get(p.key)?.plan.push(plan.end - plan.start);
                    spans.get(p.key)?.show.push(show.end - show.start);
                    spans.get(p.key)?.planCpu.push(plan.cpu * 1000);
                    const starts = cliStarts(readFileSync(logFile, "utf8"));
                    if (starts.length !== 4)
                        throw new Error(`${p.label}: expected 4 provider starts in the CLI's log (3 for plan, 1 for show -json), found ${starts.length}`);
                    cli.get(p.key)?.push(starts.map(cliPhases));
                    if (p.traced) {
                        const traced = tracesIn(traceDir);
                        if (traced.length !== 4) throw new Error(`expected 4 traced provider starts, found ${traced.length}`);
                        traced.forEach((trace, k) => (inside[k] ??= []).push(figuresOf(trace)));
                    }
                }
                if (round > 0) log(`   round ${round}/${runs}`);
            }
        });
        const untraced = profiled.filter((p) => !p.traced);
        const spanText = untraced
            .map((p) => {
                const s = spans.get(p.key) as { plan: number[]; show: number[]; planCpu: number[] };
                const cpu = s.planCpu.every(Number.isFinite) ? ` (CPU of the CLI and the provider: ${fmt(summarize(s.planCpu).median)} ms)` : "";
                return `${p.label}: plan ${fmt(summarize(s.plan).median)} ms${cpu}, show -json ${fmt(summarize(s.show).median)} ms`;
            })
            .join("; ");
        process.stdout.write(
            [
                `## Where a \`tofu plan\` spends its time, start by start (OpenTofu ${found.version}, ${runs} rounds in rotated order, TF_LOG=trace; ${new Date().toISOString()})`,
                "",
                `Medians of \`tofu plan -out\` and \`tofu show -json\` with TF_LOG=trace (which slows the CLI a little): ${spanText}.`,
                "",
                "### The CLI's view: its log's timestamps (1 ms resolution)",
                "",
                cliSection(untraced, cli),
                `### Inside the npm package's provider (probes/trace-start.ts; ${mainScript})`,
                "",
                ...inside.map((figures, k) => startSection(TITLES[k] ?? `Start ${k + 1}`, figures)),
            ].join("\n"),
        );
    } finally {
        rmSync(traces, { recursive: true, force: true });
        scratch.remove();
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`profile-plan-starts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
});
