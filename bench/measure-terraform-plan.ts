/**
 * `tofu plan` of a one-page configuration of the data source against the emulator (a separate process, 0 ms
 * latency), each provider installed by `dev_overrides` (no init): the npm package's provider (through its
 * `#!/usr/bin/env node`, the bench's Node.js), the release's linux-x64 executable (from release/, or
 * `BENCH_RELEASE_ARCHIVE`; skipped, and said so, without one), the Go comparator (bench/terraform-go, built by
 * `go build`; skipped without Go), and the floor (`floor-provider.ts`: go-plugin's handshake, TLS, HTTP/2 and
 * answers that need no work) on the bench's Node.js and on the release's, the least any provider on that runtime
 * can do. Each plan writes its plan file and is followed by `tofu show -json` of it (a
 * fourth start, as policy checks run it). Beside them: tofu's plan of a configuration with no provider, and each
 * provider's own start, spawn to its handshake line (AutoMTLS), as the CLI starts it. Every round times each
 * contender once, in an order that rotates from round to round; every plan must succeed and show the listing's
 * count, every show must print JSON.
 *
 * A provider's work per plan is what it controls: its plan, less tofu's no-provider plan, less three times its own
 * start (a plan starts it three times), in the same round ({@link providerWork}). The targets read the median of
 * the same-round ratios of that work to the Go comparator's.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { devNull } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { withEmulator } from "./emulator-process";
import { timeToFirstLine } from "./first-line";
import { checkHandshakeLine, MAGIC_COOKIE } from "./measure-terraform-handshake";
import { NODE, TERRAFORM_CERTIFICATE } from "./paths";
import { Summary, summarize } from "./stats";
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
    writeNoProviderConfig,
} from "./terraform-setup";

/** Verifications the emulator holds: one page. */
const ITEMS = 20;

/** The providers planned: ours, the Go comparator, and the floor (`floor-provider.ts`) on each of our runtimes. */
export type PlanProviderKey = "npm" | "release" | "go" | "npmFloor" | "releaseFloor";

/** The floor measured on the runtime of each of our providers. */
export const FLOOR_OF = { npm: "npmFloor", release: "releaseFloor" } as const satisfies Partial<Record<PlanProviderKey, PlanProviderKey>>;

/** One provider's figures, ms, over the rounds. */
export interface ProviderPlan {
    key: PlanProviderKey;
    label: string;
    /** `tofu plan -out`. */
    plan: Summary;
    /** `tofu show -json` of that plan, right after it. */
    show: Summary;
    /** The two together: plan, then show -json. */
    planAndShow: Summary;
    /** Spawn to its handshake line, as the CLI starts it. */
    start: Summary;
    /** Same-round {@link providerWork}. */
    work: Summary;
}

/** A provider's same-round ratios to the Go comparator. */
export interface VersusGo {
    /** Its work per plan ÷ Go's. */
    work: Summary;
    /** Its whole plan ÷ Go's. */
    plan: Summary;
    /** Its plan + show -json ÷ Go's. */
    planAndShow: Summary;
}

/** The plan measurements, or why they were not made. */
export type TerraformPlanResult =
    | {
          measured: true;
          /** `tofu version`'s answer as the engine pins it. */
          tofuVersion: string;
          /** The plan with no provider, ms. */
          noProvider: Summary;
          /** The providers measured, in the order npm, release, Go, the floors. */
          providers: ProviderPlan[];
          /** The same-round ratios to Go, by provider (none without the Go comparator). */
          versusGo: Partial<Record<Exclude<PlanProviderKey, "go">, VersusGo>>;
          /** The providers not measured, and why. */
          skipped: Partial<Record<PlanProviderKey, string>>;
      }
    | { measured: false; reason: string };

/** What a provider does in a plan beyond tofu's own plan and its three starts, ms. Pure. */
export function providerWork(planMs: number, noProviderMs: number, startMs: number): number {
    return planMs - noProviderMs - 3 * startMs;
}

/** Runs `command args` in `cwd`; resolves with the wall time to exit and stdout; rejects on a non-zero exit. */
function timed(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(command, [...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("exit", (code) => {
            const ms = performance.now() - started;
            if (code === 0) resolve({ ms, stdout });
            else reject(new Error(`${command} ${args.join(" ")} in ${cwd} exited ${String(code)}: ${(stderr || stdout).slice(0, 800)}`));
        });
    });
}

const PLAN_FILE = "plan.out";
const PLAN_ARGS = ["plan", "-input=false", "-no-color", `-out=${PLAN_FILE}`] as const;

/** Plans `dir` and checks the plan shows `expected` (the output's value): the provider really read the listing. */
async function plan(tofu: string, dir: string, env: NodeJS.ProcessEnv, expected: string): Promise<number> {
    const run = await timed(tofu, PLAN_ARGS, dir, env);
    if (!run.stdout.includes(expected)) throw new Error(`tofu plan in ${dir} did not show "${expected}":\n${run.stdout.slice(0, 800)}`);
    return run.ms;
}

/** `tofu show -json` of the plan just written in `dir`; checks it prints JSON. */
async function show(tofu: string, dir: string, env: NodeJS.ProcessEnv): Promise<number> {
    const run = await timed(tofu, ["show", "-json", PLAN_FILE], dir, env);
    JSON.parse(run.stdout);
    return run.ms;
}

/** A provider's executable as a CLI starts it (AutoMTLS): spawn to its handshake line, ms. */
function starter(executable: string, pathEnv: NodeJS.ProcessEnv): () => Promise<number> {
    const { selfSignedCertificate } = require(TERRAFORM_CERTIFICATE) as { selfSignedCertificate: () => { certPem: string } };
    const env = { ...pathEnv, ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_CLIENT_CERT: selfSignedCertificate().certPem };
    return async () => {
        const run = await timeToFirstLine(executable, env);
        const socket = checkHandshakeLine(run.line);
        if (socket) rmSync(socket, { force: true });
        return run.ms;
    };
}

/** A provider to plan with: its folder for dev_overrides. */
interface Planned {
    key: PlanProviderKey;
    label: string;
    providerDir: string;
}

/** The same-round ratios of `samples[key]` to Go's. */
function ratios(samples: readonly number[], go: readonly number[]): Summary {
    return summarize(samples.map((x, i) => x / (go[i] as number)));
}

/** Measures `runs` rounds after one untimed warm-up of each contender. */
export async function measureTerraformPlan(runs: number, log: (line: string) => void): Promise<TerraformPlanResult> {
    const found = findTofu();
    if ("missing" in found) return { measured: false, reason: `no tofu: ${found.missing}` };
    const scratch = terraformScratch();
    try {
        const skipped: Partial<Record<PlanProviderKey, string>> = {};
        const releaseProblem = installReleaseExecutable(scratch.releaseProviderDir);
        if (releaseProblem) skipped.release = releaseProblem;
        const goProblem = buildGoComparator(scratch.goProviderDir);
        if (goProblem) skipped.go = goProblem;
        writeFloorProvider(scratch.nodeFloorDir, NODE, ITEMS);
        const releaseNode = findReleaseNode();
        if ("missing" in releaseNode) skipped.releaseFloor = releaseNode.missing;
        else writeFloorProvider(scratch.releaseFloorDir, releaseNode.node, ITEMS);
        for (const [key, why] of Object.entries(skipped)) log(`   ${key} not measured: ${why}`);
        const planned: Planned[] = [
            { key: "npm" as const, label: `npm package's provider (Node.js ${process.version})`, providerDir: scratch.nodeProviderDir },
            { key: "release" as const, label: "release executable (linux-x64)", providerDir: scratch.releaseProviderDir },
            { key: "go" as const, label: "Go comparator (bench/terraform-go, terraform-plugin-framework)", providerDir: scratch.goProviderDir },
            { key: "npmFloor" as const, label: `floor (floor-provider.ts) on Node.js ${process.version}`, providerDir: scratch.nodeFloorDir },
            {
                key: "releaseFloor" as const,
                label: `floor (floor-provider.ts) on the release's Node.js ${"missing" in releaseNode ? "" : `v${releaseNode.version}`}`,
                providerDir: scratch.releaseFloorDir,
            },
        ].filter((p) => !skipped[p.key]);
        return await withEmulator(ITEMS, 0, async (emulator) => {
            const emptyDir = writeNoProviderConfig(join(scratch.root, "no-provider"));
            const emptyEnv = planEnv(writeCliConfig(join(scratch.root, "no-provider.tfrc"), scratch.nodeProviderDir));
            const expected = `total_count = ${ITEMS}`;
            const contenders: { key: string; run: () => Promise<number[]> }[] = [
                { key: "noProvider", run: async () => [await plan(found.tofu, emptyDir, emptyEnv, "answer = 42")] },
            ];
            for (const p of planned) {
                const env = planEnv(writeCliConfig(join(scratch.root, `${p.key}.tfrc`), p.providerDir));
                const dir = writeDataSourceConfig(join(scratch.root, p.key), emulator);
                const start = starter(join(p.providerDir, PROVIDER_EXECUTABLE), planEnv(devNull));
                contenders.push(
                    { key: `${p.key}:plan`, run: async () => [await plan(found.tofu, dir, env, expected), await show(found.tofu, dir, env)] },
                    { key: `${p.key}:start`, run: async () => [await start()] },
                );
            }
            for (const contender of contenders) await contender.run();
            const samples = new Map<string, number[]>();
            const push = (key: string, value: number) => samples.set(key, [...(samples.get(key) ?? []), value]);
            for (let round = 0; round < runs; round++) {
                const times = new Map<string, number[]>();
                for (let i = 0; i < contenders.length; i++) {
                    const contender = contenders[(round + i) % contenders.length] as (typeof contenders)[number];
                    times.set(contender.key, await contender.run());
                }
                const noProvider = times.get("noProvider")?.[0] ?? NaN;
                push("noProvider", noProvider);
                for (const p of planned) {
                    const [planMs = NaN, showMs = NaN] = times.get(`${p.key}:plan`) ?? [];
                    const startMs = times.get(`${p.key}:start`)?.[0] ?? NaN;
                    push(`${p.key}:plan`, planMs);
                    push(`${p.key}:show`, showMs);
                    push(`${p.key}:planAndShow`, planMs + showMs);
                    push(`${p.key}:start`, startMs);
                    push(`${p.key}:work`, providerWork(planMs, noProvider, startMs));
                }
            }
            const of = (key: string) => samples.get(key) ?? [];
            const providers: ProviderPlan[] = planned.map((p) => ({
                key: p.key,
                label: p.label,
                plan: summarize(of(`${p.key}:plan`)),
                show: summarize(of(`${p.key}:show`)),
                planAndShow: summarize(of(`${p.key}:planAndShow`)),
                start: summarize(of(`${p.key}:start`)),
                work: summarize(of(`${p.key}:work`)),
            }));
            const versusGo: Partial<Record<Exclude<PlanProviderKey, "go">, VersusGo>> = {};
            if (!skipped.go)
                for (const p of planned)
                    if (p.key !== "go")
                        versusGo[p.key] = {
                            work: ratios(of(`${p.key}:work`), of("go:work")),
                            plan: ratios(of(`${p.key}:plan`), of("go:plan")),
                            planAndShow: ratios(of(`${p.key}:planAndShow`), of("go:planAndShow")),
                        };
            return { measured: true as const, tofuVersion: found.version, noProvider: summarize(of("noProvider")), providers, versusGo, skipped };
        });
    } finally {
        scratch.remove();
    }
}
