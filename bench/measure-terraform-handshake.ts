/**
 * Start-up of the npm package's Terraform provider as a CLI starts it: the executable
 * (`terraform-provider-alicloudmessagecontacts`, through its `#!/usr/bin/env node` line) with the magic cookie,
 * `PLUGIN_PROTOCOL_VERSIONS=6` and a `PLUGIN_CLIENT_CERT` (so AutoMTLS, its certificate and TLS credentials are
 * made), from spawn to its handshake line; against a bare `node -e 0`, from spawn to exit. Both in fresh
 * processes, alternating, the order swapped every round; the ratio of the medians is the target.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { NODE, REPO_ROOT, TERRAFORM_CERTIFICATE, TERRAFORM_MAIN } from "./paths";
import { timeToFirstLine } from "./first-line";
import { Summary, summarize } from "./stats";
import { planEnv } from "./terraform-setup";
import { devNull } from "node:os";

/** go-plugin's magic cookie for Terraform providers (see provider/terraform/handshake.ts). */
export const MAGIC_COOKIE = { TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2" };

/** The provider's start-up and the bare Node.js start, over fresh processes. */
export interface TerraformHandshakeResult {
    /** Spawn of the executable to its handshake line, ms. */
    provider: Summary;
    /** Spawn of `node -e 0` to its exit, ms. */
    bareNode: Summary;
    /** The same-round ratios provider / bare. */
    perRound: Summary;
    /** The last handshake line, its certificate shortened. */
    line: string;
}

/** Spawns `node -e 0`; resolves with the ms to its exit. */
function timeToExit(): Promise<number> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(NODE, ["-e", "0"], { env: { ...process.env, NODE_OPTIONS: "" }, stdio: "ignore" });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node -e 0 exited ${String(code)}`))));
    });
}

/** Checks the line is go-plugin's `1|6|unix|<path>|grpc|<certificate>`, with a certificate; returns the socket path. */
export function checkHandshakeLine(line: string): string {
    const fields = line.split("|");
    if (fields.length !== 6 || fields[0] !== "1" || fields[1] !== "6" || fields[4] !== "grpc" || (fields[5] ?? "").length <= 50) {
        throw new Error(`not a protocol 6 handshake line with an AutoMTLS certificate: ${line.slice(0, 200)}`);
    }
    return fields[2] === "unix" ? (fields[3] ?? "") : "";
}

/** One untimed warm-up start of each, then `runs` rounds of one provider start and one bare start, in swapped order. */
export async function measureTerraformHandshake(runs: number): Promise<TerraformHandshakeResult> {
    const { selfSignedCertificate } = require(TERRAFORM_CERTIFICATE) as { selfSignedCertificate: () => { certPem: string } };
    const env = {
        ...planEnv(devNull),
        ...MAGIC_COOKIE,
        NODE_OPTIONS: "",
        PLUGIN_PROTOCOL_VERSIONS: "6",
        PLUGIN_CLIENT_CERT: selfSignedCertificate().certPem,
    };
    const providerStart = async () => {
        const run = await timeToFirstLine(TERRAFORM_MAIN, env, REPO_ROOT);
        const socket = checkHandshakeLine(run.line);
        if (socket) rmSync(socket, { force: true });
        return run;
    };
    await providerStart();
    await timeToExit();
    const provider: number[] = [];
    const bare: number[] = [];
    const ratios: number[] = [];
    let line = "";
    for (let round = 0; round < runs; round++) {
        let run: { ms: number; line: string };
        let bareMs: number;
        if (round % 2 === 0) {
            run = await providerStart();
            bareMs = await timeToExit();
        } else {
            bareMs = await timeToExit();
            run = await providerStart();
        }
        provider.push(run.ms);
        bare.push(bareMs);
        ratios.push(run.ms / bareMs);
        line = run.line;
    }
    const fields = line.split("|");
    const shortLine = [...fields.slice(0, 5), `${(fields[5] ?? "").slice(0, 12)}... (${(fields[5] ?? "").length} characters)`].join("|");
    return { provider: summarize(provider), bareNode: summarize(bare), perRound: summarize(ratios), line: shortLine };
}
