/**
 * The release's linux-x64 single executable (`npm run release`): spawn to its go-plugin handshake line (with the
 * magic cookie, protocol 6 and a `PLUGIN_CLIENT_CERT`, so AutoMTLS is on, as a CLI starts it) and to its Pulumi port
 * line, against a bare `node -e 0` of the same Node.js (the binary the executable is made of) from spawn to exit;
 * with V8's code cache trained on a plan's calls (what the release ships), with Node.js's own code cache, with a startup snapshot and with neither (`npm run release -- --startup`). Every
 * round starts each once, the order rotating; the ratios are of the medians, all from the same run. Then the
 * executable's RSS after an Invoke that lists `items` verifications from the emulator (a separate process).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { startEmulatorProcess } from "./emulator-process";
import { TERRAFORM_CERTIFICATE } from "./paths";
import { timeToFirstLine } from "./first-line";
import { Summary, summarize } from "./stats";

/** go-plugin's magic cookie for Terraform providers (provider/terraform/handshake.ts). */
const MAGIC_COOKIE = { TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2" };

/** One program started per round. */
export interface Contender {
    label: string;
    file: string;
    args: string[];
    env: NodeJS.ProcessEnv;
    /** Timed to its first stdout line (then killed), or to its exit. */
    until: "line" | "exit";
}

/** Spawns the contender; resolves with the ms to its first line (or exit) and the line. */
function timeOnce(c: Contender): Promise<{ ms: number; line: string }> {
    if (c.until === "line") return timeToFirstLine(c.file, c.env, undefined, c.args);
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(c.file, c.args, { env: c.env, stdio: "ignore" });
        child.on("error", reject);
        child.on("exit", (code) =>
            code === 0 ? resolve({ ms: performance.now() - started, line: "" }) : reject(new Error(`${c.label} exited ${String(code)}`)),
        );
    });
}

/** Start-up of each contender, and the same-run ratios of medians to the bare start. */
export interface StartupResult {
    summaries: { label: string; ms: Summary; ratioToBare: number; line: string }[];
}

/** One untimed start of each, then `runs` rounds, the order rotating. The first contender must be the bare start the ratios are to. */
export async function measureStartup(contenders: readonly Contender[], runs: number): Promise<StartupResult> {
    for (const c of contenders) await timeOnce(c);
    const samples = contenders.map(() => [] as number[]);
    const lines = contenders.map(() => "");
    for (let round = 0; round < runs; round++) {
        for (let k = 0; k < contenders.length; k++) {
            const i = (round + k) % contenders.length;
            const result = await timeOnce(contenders[i] as Contender);
            (samples[i] as number[]).push(result.ms);
            lines[i] = result.line;
        }
    }
    const bare = summarize(samples[0] as number[]).median;
    return {
        summaries: contenders.map((c, i) => {
            const ms = summarize(samples[i] as number[]);
            return { label: c.label, ms, ratioToBare: ms.median / bare, line: (lines[i] as string).slice(0, 40) };
        }),
    };
}

/** The environment of a Terraform-protocol start: the cookie, protocol 6, a client certificate (AutoMTLS). */
export function terraformStartEnv(): NodeJS.ProcessEnv {
    const { selfSignedCertificate } = require(TERRAFORM_CERTIFICATE) as { selfSignedCertificate: () => { certPem: string } };
    return { ...process.env, ...MAGIC_COOKIE, NODE_OPTIONS: "", PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_CLIENT_CERT: selfSignedCertificate().certPem };
}

/** A process's resident set, now and at its peak, from /proc (Linux), in MB (10^6 bytes). */
function rssOf(pid: number): { rssMb: number; peakMb: number } {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMb: (kb("VmRSS") * 1024) / 1e6, peakMb: (kb("VmHWM") * 1024) / 1e6 };
}

/** The executable's memory: after start, and after one Invoke listing `items` verifications. */
export interface MemoryResult {
    items: number;
    listed: number;
    listingMs: number;
    afterStart: { rssMb: number; peakMb: number };
    afterListing: { rssMb: number; peakMb: number };
}

/**
 * Starts `file args` as the Pulumi plugin, configures it, invokes getMessageContactVerifications against an
 * emulator holding `items` verifications (page size 100) and reads its RSS before and after.
 */
export async function measureListingMemory(file: string, args: readonly string[], items: number): Promise<MemoryResult> {
    const grpc = require("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
    const services = require("@pulumi/pulumi/proto/provider_grpc_pb") as typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
    const pb = require("@pulumi/pulumi/proto/provider_pb") as typeof import("@pulumi/pulumi/proto/provider_pb");
    const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as typeof import("google-protobuf/google/protobuf/struct_pb");
    const emulator = await startEmulatorProcess(items, 0);
    const child = spawn(file, [...args], { env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["pipe", "pipe", "inherit"] });
    try {
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            child.stdout.on("data", (chunk: Buffer) => {
                out += chunk.toString();
                if (out.includes("\n")) resolve(Number(out.split("\n")[0]));
            });
            child.on("exit", (code) => reject(new Error(`the plugin exited (${String(code)}) before its port line`)));
        });
        await new Promise((r) => setTimeout(r, 500));
        const afterStart = rssOf(child.pid as number);
        const client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": -1,
        });
        await new Promise<void>((resolve, reject) =>
            client.configure(new pb.ConfigureRequest().setArgs(Struct.fromJavaScript({})).setAcceptsecrets(true), (error) =>
                error ? reject(error) : resolve(),
            ),
        );
        const started = performance.now();
        const args = { endpoint: emulator.url, accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret, pageSize: 100 };
        const request = new pb.InvokeRequest().setTok("alicloud-message-contacts:index:getMessageContactVerifications").setArgs(Struct.fromJavaScript(args));
        const answer = await new Promise<import("@pulumi/pulumi/proto/provider_pb").InvokeResponse>((resolve, reject) =>
            client.invoke(request, (error, response) => (error ? reject(error) : resolve(response))),
        );
        const listingMs = performance.now() - started;
        if (answer.getFailuresList().length > 0) throw new Error(`Invoke failed: ${JSON.stringify(answer.toObject().failuresList)}`);
        const returned = answer.getReturn()?.toJavaScript() as { verifications?: unknown[] } | undefined;
        const listed = returned?.verifications?.length ?? 0;
        if (listed !== items) throw new Error(`Invoke listed ${listed} verifications, the emulator holds ${items}`);
        const afterListing = rssOf(child.pid as number);
        client.close();
        return { items, listed, listingMs, afterStart, afterListing };
    } finally {
        child.kill("SIGKILL");
        await emulator.stop();
    }
}
