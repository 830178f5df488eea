/**
 * `tofu plan` of a one-page configuration of the data source against the emulator (a separate process, 0 ms
 * latency), with the provider installed by `dev_overrides` (no init), against its floor: `tofu plan` of a
 * configuration with no provider, plus three bare `node -e 0` starts (a plan starts the provider three times).
 * The same configuration is planned with the Go comparator (bench/terraform-go) when `go` can build it. Every
 * round times each contender once, in an order that rotates from round to round; every plan must succeed and
 * show the listing's count. The target reads the median of the same-round ratios. Each round also times the Go
 * comparator's start to its handshake line, to tell what the Go plan spends beyond tofu's own work and the
 * three starts of its provider: the protocol work itself (TLS, the RPCs, the listing), which no provider skips.
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
    findTofu,
    planEnv,
    PROVIDER_EXECUTABLE,
    terraformScratch,
    writeCliConfig,
    writeDataSourceConfig,
    writeNoProviderConfig,
} from "./terraform-setup";

/** Verifications the emulator holds: one page. */
const ITEMS = 20;

/** The plan measurements, or why they were not made. */
export type TerraformPlanResult =
    | {
          measured: true;
          /** `tofu version`'s answer as the engine pins it. */
          tofuVersion: string;
          /** The plan with no provider, ms. */
          noProvider: Summary;
          /** A bare `node -e 0`, ms (three per round). */
          bareNode: Summary;
          /** No-provider plan + the round's three bare starts, ms. */
          floor: Summary;
          /** The plan with the Node.js provider, ms. */
          node: Summary;
          /** Same-round ratios: Node.js plan / floor. */
          nodeVsFloor: Summary;
          /** The plan with the Go comparator, ms, or why it was not measured. */
          go: { plan: Summary; nodeVsGo: Summary; start: Summary } | { skipped: string };
      }
    | { measured: false; reason: string };

/** The 1.3x goal's room beyond the floor, and what the Go comparator's plan spends beyond tofu's own work and its three starts (medians), ms. */
export interface ProtocolWork {
    /** 0.3 x the floor: what the goal leaves a provider beyond three bare `node -e 0` starts. */
    goalRoomMs: number;
    /** Go plan - no-provider plan - 3 x the Go provider's start to its handshake line. */
    goWorkMs: number;
}

/** {@link ProtocolWork} from a plan measurement with the Go comparator; undefined without it. Pure. */
export function protocolWork(plan: TerraformPlanResult): ProtocolWork | undefined {
    if (!plan.measured || !("plan" in plan.go)) return undefined;
    return { goalRoomMs: 0.3 * plan.floor.median, goWorkMs: plan.go.plan.median - plan.noProvider.median - 3 * plan.go.start.median };
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

const PLAN_ARGS = ["plan", "-input=false", "-no-color"] as const;

/** Plans `dir` and checks the plan shows `expected` (the output's value): the provider really read the listing. */
async function plan(tofu: string, dir: string, env: NodeJS.ProcessEnv, expected: string): Promise<number> {
    const run = await timed(tofu, PLAN_ARGS, dir, env);
    if (!run.stdout.includes(expected)) throw new Error(`tofu plan in ${dir} did not show "${expected}":\n${run.stdout.slice(0, 800)}`);
    return run.ms;
}

/** The Go comparator's executable as a CLI starts it (AutoMTLS): spawn to its handshake line, ms. */
function goStarter(executable: string): () => Promise<number> {
    const { selfSignedCertificate } = require(TERRAFORM_CERTIFICATE) as { selfSignedCertificate: () => { certPem: string } };
    const env = { ...planEnv(devNull), ...MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_CLIENT_CERT: selfSignedCertificate().certPem };
    return async () => {
        const run = await timeToFirstLine(executable, env);
        const socket = checkHandshakeLine(run.line);
        if (socket) rmSync(socket, { force: true });
        return run.ms;
    };
}

const bareNode = async () => (await timed(NODE, ["-e", "0"], process.cwd(), { ...process.env, NODE_OPTIONS: "" })).ms;

/** Measures `runs` rounds after one untimed warm-up of each contender. */
export async function measureTerraformPlan(runs: number, log: (line: string) => void): Promise<TerraformPlanResult> {
    const found = findTofu();
    if ("missing" in found) return { measured: false, reason: `no tofu: ${found.missing}` };
    const scratch = terraformScratch();
    try {
        const goProblem = buildGoComparator(scratch.goProviderDir);
        if (goProblem) log(`   Go comparator not measured: ${goProblem}`);
        const nodeEnv = planEnv(writeCliConfig(join(scratch.root, "node.tfrc"), scratch.nodeProviderDir));
        const goEnv = planEnv(writeCliConfig(join(scratch.root, "go.tfrc"), scratch.goProviderDir));
        return await withEmulator(ITEMS, 0, async (emulator) => {
            const dataDir = writeDataSourceConfig(join(scratch.root, "data-source"), emulator);
            const emptyDir = writeNoProviderConfig(join(scratch.root, "no-provider"));
            const expected = `total_count = ${ITEMS}`;
            const goStart = goStarter(join(scratch.goProviderDir, PROVIDER_EXECUTABLE));
            const contenders: { key: "floor" | "node" | "go" | "goStart"; run: () => Promise<number[]> }[] = [
                {
                    key: "floor",
                    run: async () => [await plan(found.tofu, emptyDir, nodeEnv, "answer = 42"), await bareNode(), await bareNode(), await bareNode()],
                },
                { key: "node", run: async () => [await plan(found.tofu, dataDir, nodeEnv, expected)] },
                ...(goProblem
                    ? []
                    : [
                          { key: "go" as const, run: async () => [await plan(found.tofu, dataDir, goEnv, expected)] },
                          { key: "goStart" as const, run: async () => [await goStart()] },
                      ]),
            ];
            for (const contender of contenders) await contender.run();
            const samples = {
                noProvider: [] as number[],
                bare: [] as number[],
                floor: [] as number[],
                node: [] as number[],
                go: [] as number[],
                goStart: [] as number[],
            };
            const nodeVsFloor: number[] = [];
            const nodeVsGo: number[] = [];
            for (let round = 0; round < runs; round++) {
                const times = new Map<string, number[]>();
                for (let i = 0; i < contenders.length; i++) {
                    const contender = contenders[(round + i) % contenders.length] as (typeof contenders)[number];
                    times.set(contender.key, await contender.run());
                }
                const [noProvider = 0, ...bares] = times.get("floor") ?? [];
                const floor = noProvider + bares.reduce((sum, ms) => sum + ms, 0);
                const node = times.get("node")?.[0] ?? 0;
                samples.noProvider.push(noProvider);
                samples.bare.push(...bares);
                samples.floor.push(floor);
                samples.node.push(node);
                nodeVsFloor.push(node / floor);
                const go = times.get("go")?.[0];
                if (go !== undefined) {
                    samples.go.push(go);
                    nodeVsGo.push(node / go);
                }
                samples.goStart.push(...(times.get("goStart") ?? []));
            }
            return {
                measured: true as const,
                tofuVersion: found.version,
                noProvider: summarize(samples.noProvider),
                bareNode: summarize(samples.bare),
                floor: summarize(samples.floor),
                node: summarize(samples.node),
                nodeVsFloor: summarize(nodeVsFloor),
                go: goProblem ? { skipped: goProblem } : { plan: summarize(samples.go), nodeVsGo: summarize(nodeVsGo), start: summarize(samples.goStart) },
            };
        });
    } finally {
        scratch.remove();
    }
}
