/**
 * The grpc-go reference server of the gRPC conformance suite (engine/grpc-reference), built once into the engine's
 * cache (`engine/cached-go-build.ts`: a cold build downloads grpc-go from the Go module proxy and compiles it: under
 * two minutes on two busy cores) and started with the suite's message limit on a free loopback port.
 */
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { cachedGoBuild } from "../../../engine/cached-go-build";
import { REPO_ROOT } from "../consumer-project";

/** The reference server's module. */
export const GRPC_REFERENCE_DIR = join(REPO_ROOT, "engine", "grpc-reference");

/** A running reference server. */
export interface GrpcReferenceServer {
    /** `127.0.0.1:port`. */
    address: string;
    /** Ends its stdin, which ends it; resolves once it has exited. */
    stop(): Promise<void>;
}

/** Builds (once) and starts the reference server; resolves once it has printed its address. */
export async function startGrpcReference(maxMessageBytes: number): Promise<GrpcReferenceServer> {
    const { path } = cachedGoBuild({ moduleDir: GRPC_REFERENCE_DIR, name: "grpc-reference" });
    const child: ChildProcess = spawn(path, ["-max-message-bytes", String(maxMessageBytes)], { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const address = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout?.on("data", (chunk: Buffer) => {
            out += chunk.toString("utf8");
            if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")).trim());
        });
        child.once("exit", (code) => reject(new Error(`the grpc-go reference server exited (${String(code)}) before its address: ${stderr}`)));
    });
    return {
        address,
        stop: async () => {
            child.stdin?.end();
            const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(timer);
        },
    };
}
